import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from red.models import PartnerMembership
from reinsercion.activities.choices import Ambit
from reinsercion.audit import Audited, AuditedQuerySet, Created, Recorded
from reinsercion.frozen import canonical_sha256
from reinsercion.programs.choices import Role
from reinsercion.programs.permissions import roles_by_program

from .choices import ReportKind, RequestStatus, StartMode
from .workflow import ACTIVE, AWAITING_ANSWER, HOLDS_SLOT

# LV norms: the request for a program slot is answered within 48 hours.
ANSWER_HOURS = 48


def private_storage():
    return storages["private"]


class InterventionProgramQuerySet(models.QuerySet):
    def answered_by(self, user):
        """Programs whose requests ``user`` answers: the case-module programs they coordinate,
        the network programs of the institutions they answer for."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        coordinated = [
            p for p, roles in roles_by_program(user).items() if Role.COORDINATION in roles
        ]
        institutions = PartnerMembership.objects.filter(
            user=user, is_active=True, institution__is_active=True
        ).values("institution_id")
        return self.filter(Q(owner_program__in=coordinated) | Q(institution__in=institutions))


class InterventionProgram(models.Model):
    """A program with a limited number of slots: a specialised program of the case module
    (``owner_program``) or a program of a network institution (``institution``)."""

    name = models.CharField("nombre", max_length=200)
    description = models.TextField("descripción", blank=True)
    owner_program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa del módulo de casos que lo ejecuta",
        on_delete=models.PROTECT,
        related_name="intervention_programs",
        null=True,
        blank=True,
        help_text="Para los programas propios (p. ej., los especializados del centro).",
    )
    institution = models.ForeignKey(
        "red.Institution",
        verbose_name="institución de la red que lo ejecuta",
        on_delete=models.PROTECT,
        related_name="intervention_programs",
        null=True,
        blank=True,
        help_text="Para los programas de la red: la institución responde en su portal.",
    )
    slots = models.PositiveSmallIntegerField("cupos")
    duration_weeks = models.PositiveSmallIntegerField("duración (semanas)")
    ambit = models.CharField("ámbito", max_length=20, choices=Ambit.choices)
    start_mode = models.CharField(
        "modalidad de ingreso", max_length=10, choices=StartMode.choices, default=StartMode.ROLLING
    )
    answer_hours = models.PositiveSmallIntegerField(
        "plazo de respuesta (horas)",
        default=ANSWER_HOURS,
        help_text="Las normas técnicas fijan 48 horas para responder una solicitud de cupo.",
    )
    is_active = models.BooleanField("activo", default=True)

    objects = InterventionProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "programa de intervención con cupos"
        verbose_name_plural = "programas de intervención con cupos"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_program__isnull=False) & Q(institution__isnull=True))
                | (Q(owner_program__isnull=True) & Q(institution__isnull=False)),
                name="intervention_program_has_one_owner",
                violation_error_message=(
                    "Un programa pertenece al módulo de casos o a una institución de la red, "
                    "no a ambos."
                ),
            ),
            models.CheckConstraint(condition=Q(slots__gte=1), name="intervention_program_slots"),
            models.CheckConstraint(
                condition=Q(answer_hours__gte=1) & Q(answer_hours__lte=ANSWER_HOURS),
                name="intervention_program_answer_hours",
                violation_error_message="El plazo de respuesta es de 1 a 48 horas.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cupos:program_detail", args=[self.pk])

    @property
    def owner_label(self) -> str:
        if self.institution_id:
            return str(self.institution)
        return self.owner_program.owner or self.owner_program.name

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(weeks=self.duration_weeks)


class SlotRequestQuerySet(AuditedQuerySet):
    def for_partner(self, user):
        """Requests sent to a network program of an institution ``user`` answers for. A queued
        request has not been sent: it never leaves the team."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        institutions = list(
            PartnerMembership.objects.filter(
                user=user, is_active=True, institution__is_active=True
            ).values_list("institution_id", flat=True)
        )
        return self.filter(program__institution__in=institutions).exclude(
            status=RequestStatus.QUEUED
        )

    def awaiting_answer(self):
        return self.filter(status__in=AWAITING_ANSWER)

    def holding_slot(self):
        return self.filter(status__in=HOLDS_SLOT)

    def active(self):
        return self.filter(status__in=ACTIVE)

    def waiting_list(self):
        """The waiting list in its order: the plan objective's priority, then the date of the
        request (DOMAIN.md §7)."""
        return self.filter(status=RequestStatus.WAITING_LIST).order_by(
            "objective__sort_order", "requested_at", "pk"
        )


class SlotRequest(Created):
    """A request for a slot in a program, made from an objective of the plan (PII)."""

    program = models.ForeignKey(
        InterventionProgram,
        verbose_name="programa",
        on_delete=models.PROTECT,
        related_name="requests",
    )
    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="slot_requests",
    )
    objective = models.ForeignKey(
        "reinsercion.PlanObjective",
        verbose_name="objetivo del plan",
        on_delete=models.PROTECT,
        related_name="slot_requests",
    )
    reason = models.TextField(
        "motivo de la solicitud",
        help_text="Lo que se espera del programa. Solo lo necesario: lo leerá quien responde.",
    )
    shared_fields = models.JSONField(
        "datos que se comparten",
        default=list,
        blank=True,
        help_text="Además del nombre, solo estos datos del caso llegan a quien responde.",
    )
    status = models.CharField(
        "estado", max_length=20, choices=RequestStatus.choices, default=RequestStatus.QUEUED
    )
    requested_at = models.DateTimeField("solicitada", null=True, blank=True)
    answer_due_at = models.DateTimeField("plazo de respuesta", null=True, blank=True)
    answered_at = models.DateTimeField("respondida", null=True, blank=True)
    waitlisted_at = models.DateTimeField("en lista de espera desde", null=True, blank=True)
    offered_at = models.DateTimeField("cupo ofrecido", null=True, blank=True)
    start_on = models.DateField("fecha de inicio", null=True, blank=True)
    started_on = models.DateField("inicio efectivo", null=True, blank=True)
    ended_on = models.DateField("término", null=True, blank=True)
    refusal_reason = models.TextField("motivo del rechazo", blank=True)

    objects = SlotRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "solicitud de cupo"
        verbose_name_plural = "solicitudes de cupo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["program", "status"], name="slot_request_program_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="slot_request_refusal_needs_reason",
                violation_error_message="Un rechazo requiere indicar el motivo.",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(start_on__isnull=False),
                name="slot_request_accepted_needs_start",
                violation_error_message="Un cupo asignado requiere la fecha de inicio.",
            ),
        ]

    def __str__(self):
        return f"Solicitud de cupo N° {self.pk} · {self.program}"

    def get_absolute_url(self):
        return reverse("cupos:request_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_awaiting_answer(self) -> bool:
        return self.status in AWAITING_ANSWER

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.is_awaiting_answer and self.answer_due_at and now > self.answer_due_at)


class SlotRequestEvent(Audited):
    """A move of a slot request: when, who, from which state to which, and why."""

    request = models.ForeignKey(
        SlotRequest, verbose_name="solicitud", on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        "estado anterior", max_length=20, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField("estado nuevo", max_length=20, choices=RequestStatus.choices)
    at = models.DateTimeField("fecha y hora", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="realizado por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Vacío cuando la lista de espera o la cola avanzan solas.",
    )
    note = models.TextField("observación", blank=True)

    class Meta:
        verbose_name = "movimiento de solicitud de cupo"
        verbose_name_plural = "movimientos de solicitudes de cupo"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_additional_data(self):
        return {"case": self.request.case_id}


class ConsentLocked(ValidationError):
    def __init__(self):
        super().__init__(
            "El consentimiento está firmado: no se puede modificar ni eliminar.",
            code="consent_locked",
        )


class ProgramConsent(Audited):
    """The informed consent (annex C of the LV norms), signed on the device before the first
    session and frozen: text, signer, signature, place and time, with their SHA-256."""

    request = models.OneToOneField(
        SlotRequest,
        verbose_name="solicitud de cupo",
        on_delete=models.PROTECT,
        related_name="consent",
    )
    full_name = models.CharField("nombre de quien firma", max_length=200)
    rut = models.CharField("RUT", max_length=12)
    signed_text = models.TextField("texto firmado")
    place = models.CharField("lugar de firma", max_length=120)
    conditions = models.TextField(
        "condiciones informadas", help_text="Número de sesiones, horario y lugar del programa."
    )
    recording_allowed = models.BooleanField("acepta que se graben actividades", default=False)
    contact_name = models.CharField("persona de contacto: nombre", max_length=200, blank=True)
    contact_phone = models.CharField("persona de contacto: teléfono", max_length=30, blank=True)
    contact_address = models.CharField("persona de contacto: dirección", max_length=200, blank=True)
    contact_relationship = models.CharField(
        "persona de contacto: relación", max_length=60, blank=True
    )
    signed_at = models.DateTimeField("fecha y hora de firma")
    signature_method = models.CharField("forma de firma", max_length=10)
    signature = models.FileField(
        "firma (imagen PNG)", storage=private_storage, blank=True, max_length=300
    )
    typed_name = models.CharField("nombre escrito como firma", max_length=200, blank=True)
    signing_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ministro/a de fe",
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_sha256 = models.CharField("SHA-256 del contenido firmado", max_length=64)
    pdf = models.FileField("PDF firmado", storage=private_storage, blank=True, max_length=300)

    class Meta:
        verbose_name = "consentimiento informado (anexo C)"
        verbose_name_plural = "consentimientos informados (anexo C)"

    def __str__(self):
        return f"Consentimiento informado · {self.full_name}"

    def save(self, *args, **kwargs):
        # A signed consent never changes (checked against the database, like the contract).
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ConsentLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ConsentLocked()

    def get_additional_data(self):
        return {"case": self.request.case_id}

    def signature_bytes(self) -> bytes:
        if not self.signature:
            return b""
        with self.signature.open("rb") as f:
            return f.read()

    def signed_payload(self, signature_png: bytes | None = None) -> dict:
        png = self.signature_bytes() if signature_png is None else signature_png
        return {
            "request": self.request_id,
            "program": self.request.program.name,
            "text": self.signed_text,
            "name": self.full_name,
            "rut": self.rut,
            "place": self.place,
            "conditions": self.conditions,
            "recording_allowed": self.recording_allowed,
            "contact": [
                self.contact_name,
                self.contact_phone,
                self.contact_address,
                self.contact_relationship,
            ],
            "signed_at": self.signed_at.isoformat(),
            "method": self.signature_method,
            "typed_name": self.typed_name,
            "signature_sha256": hashlib.sha256(png).hexdigest() if png else "",
        }

    def compute_sha256(self, signature_png: bytes | None = None) -> str:
        return canonical_sha256(self.signed_payload(signature_png))

    def hash_matches(self) -> bool:
        return bool(self.content_sha256) and self.compute_sha256() == self.content_sha256


class ProgramSession(Recorded):
    """A session of a program, with the attendance of its participants."""

    program = models.ForeignKey(
        InterventionProgram,
        verbose_name="programa",
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    held_on = models.DateField("fecha")
    topic = models.CharField("tema", max_length=200)

    class Meta:
        verbose_name = "sesión del programa"
        verbose_name_plural = "sesiones del programa"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%d-%m-%Y})"


class SessionAttendance(Audited):
    session = models.ForeignKey(
        ProgramSession,
        verbose_name="sesión",
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    request = models.ForeignKey(
        SlotRequest,
        verbose_name="participante",
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    attended = models.BooleanField("asistió")
    justified = models.BooleanField("inasistencia justificada", default=False)

    class Meta:
        verbose_name = "asistencia a sesión del programa"
        verbose_name_plural = "asistencia a sesiones del programa"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "request"], name="one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session}: {'asistió' if self.attended else 'no asistió'}"

    def get_additional_data(self):
        return {"case": self.request.case_id}


class ProgressReport(Audited):
    """A progress report of the program to the case holder: monthly (annex E) or final
    (annex F). Attendance is counted from the program's sessions when it is written."""

    request = models.ForeignKey(
        SlotRequest,
        verbose_name="participación",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField("tipo", max_length=10, choices=ReportKind.choices)
    period_start = models.DateField("desde")
    period_end = models.DateField("hasta")
    sessions_held = models.PositiveSmallIntegerField("sesiones realizadas")
    sessions_attended = models.PositiveSmallIntegerField("sesiones asistidas")
    contents = models.TextField(
        "contenidos u objetivos abordados y grado de logro",
        help_text="Uno por línea: logrado, parcialmente logrado o no logrado.",
    )
    progress = models.TextField("descripción de lo logrado y no logrado")
    to_strengthen = models.TextField("aspectos a fortalecer", blank=True)
    suggestions = models.TextField("sugerencias y conclusiones", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="escrito por", on_delete=models.PROTECT
    )
    received_at = models.DateTimeField("recibido", default=timezone.now)

    class Meta:
        verbose_name = "informe de avance del programa"
        verbose_name_plural = "informes de avance del programa"
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "period_start"], name="one_report_per_period"
            ),
            models.CheckConstraint(
                condition=Q(sessions_attended__lte=models.F("sessions_held")),
                name="report_attendance_within_sessions",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.period_start:%m-%Y}"

    def get_additional_data(self):
        return {"case": self.request.case_id}

    @property
    def attendance_rate(self) -> int | None:
        if not self.sessions_held:
            return None
        return round(100 * self.sessions_attended / self.sessions_held)
