"""What the team does with a case day to day: sessions and actions, group workshops for a
generation with their attendance, follow-up contacts after the intervention, court follow-up
reports and non-compliance reports (annex J of the LV norms).
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities.choices import Ambit
from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.audit import Audited, AuditedQuerySet, Created, Recorded, RecordedBy

# LV norms §5.1 and §5.2: every session or action is recorded at most 48 hours after it ended.
LATE_RECORD_HOURS = 48


class ActivityKind(models.TextChoices):
    INDIVIDUAL = "individual", "Intervención individual"
    COUNSELLING = "counselling", "Consejería"
    CONTROL_IN_PERSON = "control_in_person", "Control presencial"
    CONTROL_PHONE = "control_phone", "Control telefónico"
    CONTROL_FIELD = "control_field", "Control en terreno"
    WORKSHOP = "workshop", "Taller grupal"
    FAMILY_SESSION = "family_session", "Sesión familiar"
    HOME_VISIT = "home_visit", "Visita domiciliaria"
    REFERRAL_FOLLOW_UP = "referral_follow_up", "Seguimiento de derivación"
    OTHER = "other", "Otra gestión"


# Contacts in which the professional and the person meet face to face (DOMAIN.md §5).
FACE_TO_FACE_KINDS = [
    ActivityKind.INDIVIDUAL,
    ActivityKind.COUNSELLING,
    ActivityKind.CONTROL_IN_PERSON,
    ActivityKind.CONTROL_FIELD,
    ActivityKind.WORKSHOP,
    ActivityKind.FAMILY_SESSION,
    ActivityKind.HOME_VISIT,
]
# Visits in the person's environment (visitas en terreno, DOMAIN.md §5).
FIELD_VISIT_KINDS = [ActivityKind.CONTROL_FIELD, ActivityKind.HOME_VISIT]


class Attendance(models.TextChoices):
    SCHEDULED = "scheduled", "Programada (sin registrar)"
    ATTENDED = "attended", "Asistió"
    ABSENT_JUSTIFIED = "absent_justified", "No asistió (justificada)"
    ABSENT_UNJUSTIFIED = "absent_unjustified", "No asistió (injustificada)"


class ActivityRecord(RecordedBy):
    """One session or action on a case (registro de avances)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="activity_records",
    )
    kind = models.CharField("tipo", max_length=30, choices=ActivityKind.choices)
    occurred_at = models.DateTimeField("fecha y hora")
    duration_minutes = models.PositiveSmallIntegerField("duración (minutos)", null=True, blank=True)
    ambit = models.CharField("ámbito", max_length=20, choices=Ambit.choices)
    objective = models.ForeignKey(
        "reinsercion.PlanObjective",
        verbose_name="objetivo del plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_records",
        help_text="El objetivo del plan de intervención (PII) vigente al que apunta esta "
        "actividad.",
    )
    plan_objective = models.CharField(
        "objetivo del plan que trabaja (texto)",
        max_length=300,
        blank=True,
        help_text="El texto del objetivo al registrar la actividad: se conserva aunque el "
        "objetivo cambie en otra versión del plan.",
    )
    participants = models.CharField(
        "participantes",
        max_length=300,
        blank=True,
        help_text="Quiénes participaron además de la persona (ej.: madre, dupla psicosocial).",
    )
    attendance = models.CharField(
        "asistencia", max_length=20, choices=Attendance.choices, default=Attendance.ATTENDED
    )
    absence_reason = models.CharField("motivo de la inasistencia", max_length=300, blank=True)
    notes = models.TextField("observaciones", blank=True)
    workshop_session = models.ForeignKey(
        "reinsercion.WorkshopSession",
        verbose_name="sesión de taller",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    recorded_at = models.DateTimeField("registrado el", null=True, blank=True)
    is_late = models.BooleanField(
        "registro atrasado",
        default=False,
        help_text="Registrado más de 48 horas después de la sesión.",
    )

    class Meta:
        verbose_name = "registro de actividad"
        verbose_name_plural = "registros de actividad"
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop_session", "case"],
                condition=models.Q(workshop_session__isnull=False),
                name="one_attendance_per_workshop_session",
            ),
        ]
        indexes = [models.Index(fields=["case", "occurred_at"])]

    def __str__(self):
        when = timezone.localtime(self.occurred_at)
        return f"{self.get_kind_display()} · {when:%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("team:activity_update", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_scheduled(self) -> bool:
        return self.attendance == Attendance.SCHEDULED

    @property
    def is_absence(self) -> bool:
        return self.attendance in (Attendance.ABSENT_JUSTIFIED, Attendance.ABSENT_UNJUSTIFIED)

    @property
    def record_due_at(self) -> datetime.datetime:
        """The moment after which recording this session is late."""
        ends = self.occurred_at + datetime.timedelta(minutes=self.duration_minutes or 0)
        return ends + datetime.timedelta(hours=LATE_RECORD_HOURS)


class WorkshopSeries(Created):
    """A series of group workshops for a whole generation (e.g. OPV's intra-penitentiary
    psychosocial workshops)."""

    cohort = models.ForeignKey(
        "reinsercion.Cohort",
        verbose_name="generación",
        on_delete=models.PROTECT,
        related_name="workshop_series",
    )
    title = models.CharField("nombre del taller", max_length=200)
    ambit = models.CharField("ámbito", max_length=20, choices=Ambit.choices)
    facilitators = models.CharField("facilitadores/as", max_length=200, blank=True)
    description = models.TextField("descripción y objetivos", blank=True)

    class Meta:
        verbose_name = "ciclo de talleres"
        verbose_name_plural = "ciclos de talleres"
        ordering = ["cohort", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("team:workshop_detail", args=[self.pk])


class WorkshopSession(Audited):
    """One meeting of a workshop series; attendance is taken for the whole roster at once."""

    series = models.ForeignKey(
        WorkshopSeries, verbose_name="taller", on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField("fecha y hora")
    duration_minutes = models.PositiveSmallIntegerField("duración (minutos)", default=90)
    topic = models.CharField("tema de la sesión", max_length=200)
    attendance_taken_at = models.DateTimeField("asistencia registrada el", null=True, blank=True)

    class Meta:
        verbose_name = "sesión de taller"
        verbose_name_plural = "sesiones de taller"
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.series} · {timezone.localtime(self.starts_at):%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:workshop_attendance", args=[self.pk])


class FollowUpContact(Audited):
    """A monthly contact scheduled during the follow-up after the intervention (OPV)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="follow_up_contacts",
    )
    number = models.PositiveSmallIntegerField("n.º de contacto")
    due_on = models.DateField("fecha prevista")
    record = models.OneToOneField(
        ActivityRecord,
        verbose_name="registro del contacto",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_contact",
    )

    class Meta:
        verbose_name = "contacto de seguimiento"
        verbose_name_plural = "contactos de seguimiento"
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_follow_up_number")
        ]

    def __str__(self):
        return f"Contacto de seguimiento {self.number} · {self.due_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_done(self) -> bool:
        return self.record_id is not None


class CourtReport(RecordedBy):
    """A follow-up report sent to the court (annexes G, H, I of the LV norms)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="court_reports",
    )
    due_on = models.DateField("vencimiento que cumple")
    sent_on = models.DateField("fecha de envío")
    notes = models.TextField("observaciones", blank=True)

    class Meta:
        verbose_name = "informe de seguimiento al tribunal"
        verbose_name_plural = "informes de seguimiento al tribunal"
        ordering = ["-due_on"]
        constraints = [
            models.UniqueConstraint(fields=["case", "due_on"], name="one_court_report_per_due")
        ]

    def __str__(self):
        return f"Informe al tribunal (vence {self.due_on:%d-%m-%Y})"

    def get_additional_data(self):
        return {"case": self.case_id}


class RiskLevelAnnex(models.TextChoices):
    VERY_HIGH = "very_high", "Muy Alto"
    HIGH = "high", "Alto"
    MEDIUM = "medium", "Medio"
    LOW = "low", "Bajo"
    VERY_LOW = "very_low", "Muy Bajo"


class NonComplianceReport(Created):
    """Informe de incumplimiento (annex J of the LV norms)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="noncompliance_reports",
    )
    report_date = models.DateField("fecha del informe")
    risk_level = models.CharField(
        "I. Riesgo de reincidencia", max_length=20, choices=RiskLevelAnnex.choices, blank=True
    )
    control_frequency = models.CharField(
        "II. Frecuencia del control", max_length=20, choices=ControlFrequency.choices, blank=True
    )
    residence = models.TextField("1. Residencia", blank=True)
    periodic_contact = models.TextField("2. Contacto periódico con el/la delegado/a", blank=True)
    work_or_study = models.TextField("3. Ejercicio laboral o estudio", blank=True)
    new_conviction = models.TextField("4. Nueva condena", blank=True)
    other_conditions = models.TextField("5. Otras condiciones", blank=True)
    other_background = models.TextField(
        "III. Otros antecedentes relevantes / solicitudes al tribunal", blank=True
    )
    absences = models.ManyToManyField(
        ActivityRecord,
        verbose_name="inasistencias informadas",
        blank=True,
        related_name="noncompliance_reports",
    )
    professional_name = models.CharField("nombre del/de la profesional", max_length=200)
    supervisor_name = models.CharField(
        "nombre del/de la supervisor/a técnico/a", max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrado por",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "informe de incumplimiento"
        verbose_name_plural = "informes de incumplimiento"
        ordering = ["-report_date", "-pk"]

    def __str__(self):
        return f"Informe de incumplimiento · {self.report_date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:noncompliance_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}


class ContactExceptionKind(models.TextChoices):
    """The exceptions to the minimum contact the LV norms name (§ 2.4, after Cuadro N°1)."""

    SHIFT_WORK = "shift_work", "Trabajo por sistema de turnos"
    REMOTE_RESIDENCE = "remote_residence", "Residencia en localidad alejada o de difícil acceso"
    TECHNICAL_CRITERIA = (
        "technical_criteria",
        "Criterio técnico (objetivos logrados o necesidades reducidas)",
    )


class ContactExceptionStatus(models.TextChoices):
    PENDING = "pending", "Pendiente de supervisión"
    APPROVED = "approved", "Aprobada"
    REJECTED = "rejected", "Rechazada"


class ContactExceptionQuerySet(AuditedQuerySet):
    def in_force(self, day: datetime.date):
        """Approved exceptions that cover ``day``."""
        return self.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day),
            status=ContactExceptionStatus.APPROVED,
            starts_on__lte=day,
        )


class ContactException(Created):
    """An exception to the case's minimum face-to-face contact, with the frequency agreed
    instead; it applies once supervision approves it."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="contact_exceptions",
    )
    kind = models.CharField("tipo de excepción", max_length=30, choices=ContactExceptionKind)
    interval_days = models.PositiveSmallIntegerField(
        "días máximos entre contactos cara a cara",
        help_text="La periodicidad acordada en lugar de la mínima.",
    )
    reason = models.TextField("fundamento")
    alternative_supervision = models.TextField("mecanismos de supervisión alternativos", blank=True)
    starts_on = models.DateField("desde")
    ends_on = models.DateField("hasta", null=True, blank=True)
    status = models.CharField(
        "estado",
        max_length=20,
        choices=ContactExceptionStatus,
        default=ContactExceptionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="resuelta por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField("fecha de resolución", null=True, blank=True)
    decision_note = models.TextField("observación de supervisión", blank=True)

    objects = ContactExceptionQuerySet.as_manager()

    class Meta:
        verbose_name = "excepción a la frecuencia de contacto"
        verbose_name_plural = "excepciones a la frecuencia de contacto"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="contact_exception_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · cada {self.interval_days} días"

    def get_additional_data(self):
        return {"case": self.case_id}


def pending_appointments() -> models.Q:
    """Appointments still to be recorded: not cancelled, and neither their own record nor (a
    workshop's) the session's attendance taken."""
    return models.Q(cancelled_at__isnull=True) & (
        models.Q(workshop_session__isnull=True, record__isnull=True)
        | models.Q(
            workshop_session__isnull=False, workshop_session__attendance_taken_at__isnull=True
        )
    )


class Appointment(Recorded):
    """A session booked on a case (cita): when, where, what and with whom, for one
    professional. Recording it afterwards creates its ``ActivityRecord``, pre-filled from it,
    and the 48-hour rule counts from the appointment's end."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="profesional",
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    kind = models.CharField("tipo", max_length=30, choices=ActivityKind.choices)
    starts_at = models.DateTimeField("fecha y hora")
    duration_minutes = models.PositiveSmallIntegerField("duración (minutos)", default=60)
    place = models.CharField("lugar", max_length=200)
    with_whom = models.CharField(
        "con quién",
        max_length=300,
        blank=True,
        help_text="Quiénes asisten además de la persona (ej.: madre, dupla psicosocial).",
    )
    workshop_session = models.ForeignKey(
        WorkshopSession,
        verbose_name="sesión de taller",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appointments",
    )
    # A workshop's appointments are recorded by the session's attendance instead.
    record = models.OneToOneField(
        ActivityRecord,
        verbose_name="registro de la sesión",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
    )
    cancelled_at = models.DateTimeField("cancelada el", null=True, blank=True)

    class Meta:
        verbose_name = "cita"
        verbose_name_plural = "citas"
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["professional", "starts_at"], name="appointment_professional"),
            models.Index(fields=["case", "starts_at"], name="appointment_case"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("team:appointment_update", args=[self.case_id, self.pk])

    def get_record_url(self):
        return f"{reverse('team:activity_create', args=[self.case_id])}?cita={self.pk}"

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def record_due_at(self) -> datetime.datetime:
        """Recording the session is late after this moment (48 hours after its end)."""
        return self.ends_at + datetime.timedelta(hours=LATE_RECORD_HOURS)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_unrecorded(self) -> bool:
        """Over, not cancelled, and its session not recorded yet («sin registrar»)."""
        if self.workshop_session_id:
            done = self.workshop_session.attendance_taken_at is not None
        else:
            done = self.record_id is not None
        return not self.is_cancelled and not done and self.ends_at < timezone.now()
