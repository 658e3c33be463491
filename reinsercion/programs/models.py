from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from reinsercion.programs.choices import (
    REGIME_REPORT_MONTHS,
    Phase,
    ProfessionalKind,
    Role,
    SupervisionRegime,
)


def default_phases():
    return [Phase.INTAKE, Phase.ASSESSMENT, Phase.PLAN, Phase.EXECUTION, Phase.EXIT]


# Stored values of ``activities.ActivityKind`` that are contacts with the person; the
# administrative ones ("referral_follow_up", "other") are left out. Strings here because the
# programs component imports no other component.
ACCOMPANIMENT_KIND_VALUES = [
    "individual",
    "counselling",
    "control_in_person",
    "control_phone",
    "control_field",
    "workshop",
    "family_session",
    "home_visit",
]


def default_accompaniment_kinds():
    return list(ACCOMPANIMENT_KIND_VALUES)


class Program(models.Model):
    """A reinsertion program. Its rules are data here, never branches in code."""

    code = models.SlugField("código", max_length=10, unique=True)
    name = models.CharField("nombre", max_length=200)
    owner = models.CharField("institución responsable", max_length=200, blank=True)
    description = models.TextField("descripción", blank=True)
    uses_cohorts = models.BooleanField("trabaja en generaciones", default=False)
    max_cohort_size = models.PositiveSmallIntegerField(
        "máximo de integrantes por generación", null=True, blank=True
    )
    max_members_per_year = models.PositiveSmallIntegerField(
        "máximo de integrantes por año",
        null=True,
        blank=True,
        help_text="Sumando todas las generaciones que el programa abre ese año (OPV: 20).",
    )
    exit_types = models.JSONField(
        "tipos de egreso",
        default=list,
        blank=True,
        help_text="Códigos de los tipos de egreso que el programa admite; vacío: todos.",
    )
    phone_control_counts_as_absence = models.BooleanField(
        "un control telefónico no atendido cuenta como inasistencia",
        default=True,
        help_text="Para la regla de incumplimiento (dos inasistencias seguidas). Normas "
        "técnicas LV: no; la inasistencia es a una cita presencial.",
    )
    phases = models.JSONField(
        "fases, en orden",
        default=default_phases,
        help_text="Códigos de fase en orden; la última es la de cierre o egreso.",
    )
    requires_court_data = models.BooleanField("requiere datos judiciales", default=False)
    impact_phase = models.CharField(
        "fase que cuenta para resultados",
        max_length=30,
        choices=Phase.choices,
        blank=True,
        help_text="Fase cuya duración decide si una persona cuenta en los resultados.",
    )
    impact_min_months = models.PositiveSmallIntegerField(
        "meses mínimos en esa fase para contar en resultados", null=True, blank=True
    )
    follow_up_months = models.PositiveSmallIntegerField(
        "meses de seguimiento", null=True, blank=True
    )
    min_monthly_events = models.PositiveSmallIntegerField(
        "mínimo de eventos de acompañamiento al mes", null=True, blank=True
    )
    supervision_regime = models.CharField(
        "régimen de supervisión (normas técnicas LV/LVI)",
        max_length=10,
        choices=SupervisionRegime.choices,
        blank=True,
        help_text="LV: informe semestral (anexo H) y plan en anexo A; LVI: trimestral (anexo I) "
        "y plan en anexo B.",
    )
    retention_years = models.PositiveSmallIntegerField(
        "conservación tras el cierre (años)",
        default=5,
        help_text=(
            "Años que se conservan los datos identificatorios después del cierre del último "
            "caso de la persona en el programa; antes, una solicitud de supresión se rechaza "
            "(docs/decisions/0007-retention-and-anonymisation.md)."
        ),
    )
    court_report_months = models.PositiveSmallIntegerField(
        "periodicidad del informe al tribunal (meses)",
        null=True,
        blank=True,
        help_text="En blanco: la del régimen de supervisión (LV 6, LVI 3).",
    )
    accompaniment_kinds = models.JSONField(
        "tipos de actividad que cuentan como evento de acompañamiento",
        default=default_accompaniment_kinds,
        blank=True,
        help_text="Códigos de tipo de actividad; solo cuentan si la persona asistió. Las "
        "gestiones administrativas (seguimiento de derivación, otra gestión) no son eventos.",
    )
    events_target_pct = models.PositiveSmallIntegerField(
        "meta del indicador de eventos mensuales (%)",
        null=True,
        blank=True,
        help_text="LAE: 90 % de los jóvenes con el mínimo de eventos todos los meses.",
    )
    risk_reduction_target_pct = models.PositiveSmallIntegerField(
        "meta de egresados que disminuyen su riesgo (%)",
        null=True,
        blank=True,
        help_text="LAE: 52 % de los egresados por término judicial de la sanción.",
    )
    is_active = models.BooleanField("activo", default=True)

    class Meta:
        verbose_name = "programa"
        verbose_name_plural = "programas"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def report_interval_months(self) -> int | None:
        """Months between follow-up reports to the court: the program's own figure, else its
        regime's (LV 6, LVI 3); None for a program that does not report."""
        return self.court_report_months or REGIME_REPORT_MONTHS.get(self.supervision_regime)

    def clean(self):
        unknown = [p for p in self.phases or [] if p not in Phase.values]
        if unknown:
            raise ValidationError({"phases": f"Fases desconocidas: {', '.join(unknown)}."})
        if len(self.phases or []) < 2:
            raise ValidationError({"phases": "Un programa necesita al menos dos fases."})
        if self.uses_cohorts and not (self.max_members_per_year or self.max_cohort_size):
            raise ValidationError(
                {
                    "max_members_per_year": "Indique el máximo de integrantes por año (o por "
                    "generación)."
                }
            )

    @property
    def first_phase(self) -> str:
        return self.phases[0]

    @property
    def terminal_phase(self) -> str:
        return self.phases[-1]

    def phase_choices(self):
        return [(p, Phase(p).label) for p in self.phases]


class CohortQuerySet(models.QuerySet):
    def open(self):
        """Generations still taking members: no end date, or one not yet past."""
        return self.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=timezone.localdate())
        )


class Cohort(models.Model):
    """A generation of beneficiaries who go through the program together."""

    program = models.ForeignKey(
        Program, verbose_name="programa", on_delete=models.PROTECT, related_name="cohorts"
    )
    ordinal = models.PositiveSmallIntegerField("número de generación")
    year = models.PositiveSmallIntegerField("año")
    starts_on = models.DateField("fecha de inicio", null=True, blank=True)
    ends_on = models.DateField("fecha de término de la intervención", null=True, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = "generación"
        verbose_name_plural = "generaciones"
        ordering = ["program", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ordinal"], name="unique_cohort_ordinal")
        ]

    def __str__(self):
        return f"{self.ordinal}ª generación ({self.year})"

    def get_absolute_url(self):

        return reverse("team:cohort_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Still taking members (see ``CohortQuerySet.open``)."""
        return self.ends_on is None or self.ends_on >= timezone.localdate()

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "La fecha de término no puede ser anterior a la de inicio."}
            )


class User(AbstractUser):
    """A person who logs in: team member, partner institution user, web editor or admin.

    What they may do comes from their team memberships (program + role); partner
    institution membership lives in the ``red`` app.
    """

    phone = models.CharField("teléfono", max_length=30, blank=True)
    professional_kind = models.CharField(
        "profesión", max_length=30, choices=ProfessionalKind.choices, blank=True
    )
    calendar_token = models.CharField(
        "token del calendario privado", max_length=64, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "usuario/a"
        verbose_name_plural = "usuarios/as"

    def __str__(self):
        return self.get_full_name() or self.username


class TeamMembership(models.Model):
    user = models.ForeignKey(
        User, verbose_name="usuario/a", on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "integrante de equipo"
        verbose_name_plural = "integrantes de equipo"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "program", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.program.code}"
