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


class PlanLayout(models.TextChoices):
    ANNEX_A = "annex_a", "Anexo A · Libertad Vigilada (formato general)"
    ANNEX_B = "annex_b", "Anexo B · Libertad Vigilada Intensiva"


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

    def __str__(self):
        return f"PII versión {self.number}"

    def get_absolute_url(self):
        return reverse("team:plan_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def objectives_by_axis(self):
        objectives = list(self.objectives.all())
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
        "reinsercion.Domain", verbose_name="área", on_delete=models.PROTECT, related_name="+"
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
        ]

    def __str__(self):
        return f"{self.domain}: {self.objective[:60]}"

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
