"""The individual intervention plan (PII, annexes A/B of the LV norms).

Each version of a case's plan is its own row (``number`` 1, 2, …); a modification or a
reformulation creates the next version and leaves the earlier ones untouched.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from reinsercion.assessment.models import Axis
from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.audit import Audited, AuditedQuerySet, Recorded
from reinsercion.cases.models import Case
from reinsercion.programs.choices import SupervisionRegime


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Borrador"
    IN_REVIEW = "in_review", "En revisión de supervisión"
    RETURNED = "returned", "Devuelto con observaciones"
    ENDORSED = "endorsed", "Visado"
    SENT_TO_COURT = "sent_to_court", "Enviado al tribunal"
    APPROVED = "approved", "Aprobado por el tribunal"
    REJECTED = "rejected", "Rechazado por el tribunal"
    IN_EXECUTION = "in_execution", "En ejecución"
    MODIFIED = "modified", "Modificado (reemplazado por una nueva versión)"


EDITABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.RETURNED)
CLOSED_STATUSES = (PlanStatus.MODIFIED,)


# LV norms 3.1 recommend at most 4 objectives in the plan and 2 worked at a time.
MAX_OBJECTIVES = 4
MAX_IN_PROGRESS = 2


class PlanLayout(models.TextChoices):
    ANNEX_A = "annex_a", "Anexo A · Libertad Vigilada (formato general)"
    ANNEX_B = "annex_b", "Anexo B · Libertad Vigilada Intensiva"
    OPV = "opv", "OPV · Oportunidades para la Vida (municipal)"


class PlanArea(models.TextChoices):
    """Areas of the non-criminogenic and adherence axes, which no instrument scores (LV norms
    5.1: mental and physical health, social assistance; motivation and responsivity), and
    OPV's ámbitos familiar and laboral."""

    MENTAL_HEALTH = "mental_health", "Salud mental"
    PHYSICAL_HEALTH = "physical_health", "Salud física"
    SOCIAL_ASSISTANCE = "social_assistance", "Asistencia social (beneficios, vivienda, documentos)"
    FAMILY = "family", "Ámbito familiar"
    LABOUR = "labour", "Ámbito laboral"
    MOTIVATION = "motivation", "Motivación al cambio"
    RESPONSIVITY = "responsivity", "Capacidad de respuesta a la intervención"


AREA_AXIS = {
    PlanArea.MENTAL_HEALTH: Axis.NON_CRIMINOGENIC,
    PlanArea.PHYSICAL_HEALTH: Axis.NON_CRIMINOGENIC,
    PlanArea.SOCIAL_ASSISTANCE: Axis.NON_CRIMINOGENIC,
    PlanArea.FAMILY: Axis.NON_CRIMINOGENIC,
    PlanArea.LABOUR: Axis.NON_CRIMINOGENIC,
    PlanArea.MOTIVATION: Axis.ADHERENCE,
    PlanArea.RESPONSIVITY: Axis.ADHERENCE,
}
# OPV's ámbitos: offered on the OPV layout only (elsewhere family and employment are IGI
# subcomponents, which need a measured need).
OPV_AREAS = (PlanArea.FAMILY, PlanArea.LABOUR)


def default_layout(program) -> str:
    return PlanLayout.ANNEX_A if program.requires_court_data else PlanLayout.OPV


def layouts_for(program) -> list[PlanLayout]:
    """The layouts a program's plans may take: the court annexes, or OPV's own."""
    if program.requires_court_data:
        # The program's regime sets the usual annex, offered first (LVI: annex B).
        if program.supervision_regime == SupervisionRegime.LVI:
            return [PlanLayout.ANNEX_B, PlanLayout.ANNEX_A]
        return [PlanLayout.ANNEX_A, PlanLayout.ANNEX_B]
    return [PlanLayout.OPV]


def areas_for(layout: str) -> list[PlanArea]:
    return [a for a in PlanArea if layout == PlanLayout.OPV or a not in OPV_AREAS]


class ObjectiveStatus(models.TextChoices):
    PENDING = "pending", "Pendiente (en espera)"
    IN_PROGRESS = "in_progress", "En proceso"
    ACHIEVED = "achieved", "Cumplido"
    NOT_ACHIEVED = "not_achieved", "No cumplido"


class NotAchievedReason(models.TextChoices):
    PERSON = "person", "Atribuible a la persona"
    PROFESSIONAL = "professional", "Decisión del/de la profesional"
    RESOURCES = "resources", "Falta de recursos (p. ej., sin cupo)"


class FeedbackAgreement(models.TextChoices):
    AGREES = "agrees", "Está de acuerdo"
    DISAGREES = "disagrees", "No está de acuerdo"
    NOT_ASKED = "not_asked", "No fue posible consultarle"


class PlanEventKind(models.TextChoices):
    CREATED = "created", "Plan creado"
    SUBMITTED = "submitted", "Enviado a supervisión"
    RETURNED = "returned", "Devuelto con observaciones"
    ENDORSED = "endorsed", "Visado por supervisión"
    SENT_TO_COURT = "sent_to_court", "Enviado al tribunal"
    APPROVED = "approved", "Aprobado por el tribunal"
    REJECTED = "rejected", "Rechazado por el tribunal"
    EXECUTION_STARTED = "execution_started", "Inicio de la ejecución"
    MODIFIED = "modified", "Reemplazado por una nueva versión"


class PlanQuerySet(AuditedQuerySet):
    def visible_to(self, user):

        return self.filter(case__in=Case.objects.visible_to(user))


class InterventionPlan(models.Model):
    """One version of a case's individual intervention plan."""

    case = models.ForeignKey(
        "reinsercion.Case", verbose_name="caso", on_delete=models.PROTECT, related_name="plans"
    )
    number = models.PositiveSmallIntegerField("versión")
    previous = models.OneToOneField(
        "self",
        verbose_name="versión anterior",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    status = models.CharField(
        "estado", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    layout = models.CharField(
        "formato", max_length=10, choices=PlanLayout.choices, default=PlanLayout.ANNEX_A
    )
    assessment = models.ForeignKey(
        "reinsercion.Assessment",
        verbose_name="evaluación en que se basa",
        on_delete=models.PROTECT,
        related_name="plans",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="autor/a", on_delete=models.PROTECT, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="supervisor/a que visó",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    risk_level = models.CharField(
        "riesgo de reincidencia", max_length=20, choices=RiskLevel.choices
    )
    synthesis = models.TextField("síntesis criminológica del caso", blank=True)
    control_frequency = models.CharField(
        "frecuencia del control", max_length=20, choices=ControlFrequency.choices
    )
    control_frequency_other = models.CharField(
        "otra frecuencia (¿cuál?)", max_length=100, blank=True
    )
    control_justification = models.TextField("justificación de la frecuencia", blank=True)
    development = models.TextField("desarrollo de la intervención propuesta", blank=True)
    telematic_monitoring = models.BooleanField("monitoreo telemático", default=False)
    other_conditions = models.TextField(
        "otras condiciones impuestas por el tribunal (¿cuáles?)", blank=True
    )
    court_hearing_on = models.DateField("nueva fecha de audiencia", null=True, blank=True)
    # The norms recommend at most 4 objectives and 2 at a time; supervision may allow more.
    exception_max_objectives = models.PositiveSmallIntegerField(
        "máximo de objetivos autorizado por supervisión", null=True, blank=True
    )
    exception_max_in_progress = models.PositiveSmallIntegerField(
        "máximo de objetivos en proceso autorizado por supervisión", null=True, blank=True
    )
    exception_reason = models.TextField("fundamento de la excepción", blank=True)
    exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="excepción autorizada por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    exception_on = models.DateField("fecha de la excepción", null=True, blank=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)
    updated_at = models.DateTimeField("modificado", auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "plan de intervención individual"
        verbose_name_plural = "planes de intervención individual"
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_plan_version"),
        ]
        # The work queues: plans waiting for review or returned, among tens of thousands.
        indexes = [
            models.Index(
                fields=["status", "updated_at"],
                name="plan_waiting",
                condition=models.Q(status__in=["in_review", "returned"]),
            )
        ]

    def __str__(self):
        return f"PII versión {self.number}"

    def get_absolute_url(self):
        return reverse("team:plan_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def printed_layout(self) -> str:
        """The layout the plan is shown and printed in: a program without court data (OPV)
        never uses the Libertad Vigilada annexes, whatever an older version recorded."""
        if not self.case.program.requires_court_data:
            return PlanLayout.OPV
        return PlanLayout.ANNEX_A if self.layout == PlanLayout.OPV else self.layout

    @property
    def max_objectives(self) -> int:
        return self.exception_max_objectives or MAX_OBJECTIVES

    @property
    def max_in_progress(self) -> int:
        return self.exception_max_in_progress or MAX_IN_PROGRESS

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def objectives_by_axis(self, objectives=None):
        objectives = list(self.objectives.all() if objectives is None else objectives)
        return [
            (value, label, [o for o in objectives if o.axis == value])
            for value, label in Axis.choices
        ]


class PlanObjective(Audited):
    """A row of the plan: área, objetivo, acciones, año de condena, and its progress."""

    plan = models.ForeignKey(
        InterventionPlan, verbose_name="plan", on_delete=models.CASCADE, related_name="objectives"
    )
    domain = models.ForeignKey(
        "reinsercion.Domain",
        verbose_name="área evaluada",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text="Necesidades criminógenas: el dominio evaluado como necesidad.",
    )
    area = models.CharField(
        "área",
        max_length=20,
        choices=PlanArea.choices,
        blank=True,
        default="",
        db_default="",
        help_text="Necesidades no criminógenas y adherencia (no las mide un instrumento).",
    )
    axis = models.CharField("eje", max_length=20, choices=Axis.choices)
    objective = models.TextField("objetivo")
    actions = models.TextField("acciones")
    sentence_year = models.PositiveSmallIntegerField(
        "año de condena",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Año de la condena en que se trabajará el objetivo.",
    )
    sort_order = models.PositiveSmallIntegerField("orden", default=0)
    status = models.CharField(
        "estado", max_length=20, choices=ObjectiveStatus.choices, default=ObjectiveStatus.PENDING
    )
    not_achieved_reason = models.CharField(
        "motivo del no cumplimiento", max_length=20, choices=NotAchievedReason.choices, blank=True
    )
    status_note = models.TextField("observación del estado", blank=True)
    status_changed_on = models.DateField("fecha del estado", null=True, blank=True)

    class Meta:
        verbose_name = "objetivo del plan"
        verbose_name_plural = "objetivos del plan"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="not_achieved") | ~models.Q(not_achieved_reason=""),
                name="not_achieved_needs_reason",
                violation_error_message="Un objetivo no cumplido requiere su motivo.",
            ),
            models.CheckConstraint(
                condition=(models.Q(domain__isnull=False) & models.Q(area=""))
                | (models.Q(domain__isnull=True) & ~models.Q(area="")),
                name="objective_domain_or_area",
                violation_error_message="Un objetivo tiene un área evaluada o un área del plan.",
            ),
        ]

    def __str__(self):
        return f"{self.area_name}: {self.objective[:60]}"

    @property
    def area_name(self) -> str:
        return self.domain.name if self.domain_id else self.get_area_display()

    def get_additional_data(self):
        return {"case": self.plan.case_id}


class PlanEvent(Audited):
    """A step of the plan's workflow: who did what, when, with which comment."""

    plan = models.ForeignKey(
        InterventionPlan, verbose_name="plan", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("evento", max_length=20, choices=PlanEventKind.choices)
    from_status = models.CharField(
        "estado anterior", max_length=20, choices=PlanStatus.choices, blank=True
    )
    to_status = models.CharField("estado nuevo", max_length=20, choices=PlanStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="registrado por", on_delete=models.PROTECT
    )
    on_date = models.DateField("fecha")
    at = models.DateTimeField("registrado", auto_now_add=True)
    comment = models.TextField("comentario", blank=True)
    hearing_on = models.DateField("fecha de audiencia", null=True, blank=True)

    class Meta:
        verbose_name = "evento del plan"
        verbose_name_plural = "eventos del plan"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.on_date:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.plan.case_id}


class FeedbackSession(Recorded):
    """The session in which the person takes part in their plan (retroalimentación)."""

    plan = models.ForeignKey(
        InterventionPlan,
        verbose_name="plan",
        on_delete=models.CASCADE,
        related_name="feedback_sessions",
    )
    held_on = models.DateField("fecha de la sesión")
    agreement = models.CharField(
        "acuerdo de la persona", max_length=20, choices=FeedbackAgreement.choices
    )
    person_words = models.TextField(
        "en palabras de la persona", blank=True, help_text="Lo que la persona dijo del plan."
    )
    notes = models.TextField("observaciones del/de la profesional", blank=True)
    created_at = models.DateTimeField("registrada", auto_now_add=True)

    class Meta:
        verbose_name = "sesión de retroalimentación del plan"
        verbose_name_plural = "sesiones de retroalimentación del plan"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Retroalimentación {self.held_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.plan.case_id}


class PlanExtension(Recorded):
    """Prórroga of the plan deadline (at most 15 days; asked within 10 days of intake)."""

    case = models.OneToOneField(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="plan_extension",
    )
    requested_on = models.DateField("fecha de la solicitud")
    days = models.PositiveSmallIntegerField(
        "días de prórroga", validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    reason = models.TextField("fundamento")
    created_at = models.DateTimeField("registrada", auto_now_add=True)

    class Meta:
        verbose_name = "prórroga del plan"
        verbose_name_plural = "prórrogas del plan"

    def __str__(self):
        return f"Prórroga de {self.days} días"

    def get_additional_data(self):
        return {"case": self.case_id}
