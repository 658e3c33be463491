from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.audit import Audited, AuditedQuerySet
from reinsercion.business_days import Region
from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.permissions import WHOLE_PROGRAM_ROLES, roles_by_program

# The last phase of every program: a case in one of them is closed.
TERMINAL_PHASES = [Phase.CLOSED, Phase.EXIT]


class CaseQuerySet(AuditedQuerySet):
    def visible_to(self, user):
        """Cases ``user`` may open.

        - superusers (administrators) see every case;
        - coordination, supervision and direction see every case of their programs;
        - professionals see the cases assigned to them;
        - anybody else (web editors, partner institutions, families) sees none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        roles = roles_by_program(user)
        whole = sorted(p for p, r in roles.items() if r & WHOLE_PROGRAM_ROLES)
        # The program ids as values, and the assigned cases only where they can add any: a
        # subquery OR-ed into every case query hides the indexes from PostgreSQL's planner
        # (each caseload query then read all 100,000 cases).
        assigned_elsewhere = not whole or any(
            Role.PROFESSIONAL in r and p not in whole for p, r in roles.items()
        )
        condition = Q(program_id__in=whole) if whole else Q(pk__in=[])
        if assigned_elsewhere:
            assigned = self.model.professionals.through.objects.filter(user=user)
            condition |= Q(pk__in=assigned.values("case_id"))
        return self.filter(condition)

    def open(self):
        return self.exclude(phase__in=TERMINAL_PHASES)


class Case(models.Model):
    """A person's passage through one program."""

    person = models.ForeignKey(
        "reinsercion.Person", verbose_name="persona", on_delete=models.PROTECT, related_name="cases"
    )
    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.PROTECT,
        related_name="cases",
    )
    cohort = models.ForeignKey(
        "reinsercion.Cohort",
        verbose_name="generación",
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
    )
    professionals = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="profesionales asignados/as",
        related_name="assigned_cases",
        blank=True,
    )
    phase = models.CharField("fase", max_length=30, choices=Phase.choices)
    opened_on = models.DateField("fecha de ingreso")

    # Court data (LAE, LAS, LV): DOMAIN.md §11 common header.
    court = models.CharField("tribunal", max_length=200, blank=True)
    rit = models.CharField("RIT", max_length=40, blank=True)
    ruc = models.CharField("RUC", max_length=40, blank=True)
    offence = models.CharField("delito", max_length=200, blank=True)
    sentence_years = models.PositiveSmallIntegerField("condena (años)", null=True, blank=True)
    sentence_days = models.PositiveSmallIntegerField("condena (días)", null=True, blank=True)
    sentence_final_on = models.DateField("fecha de sentencia ejecutoriada", null=True, blank=True)
    sentence_starts_on = models.DateField("inicio de la condena", null=True, blank=True)
    sentence_ends_on = models.DateField("término de la condena", null=True, blank=True)
    expected_release_on = models.DateField(
        "fecha estimada de egreso",
        null=True,
        blank=True,
        help_text="Programas intrapenitenciarios (OPV): cuándo se espera que la persona salga "
        "en libertad.",
    )
    drug_treatment_condition = models.BooleanField(
        "condición de tratamiento de drogas", default=False
    )
    intake_meeting_on = models.DateField("fecha de reunión de ingreso", null=True, blank=True)
    region = models.CharField(
        "región del centro",
        max_length=2,
        choices=Region.choices,
        blank=True,
        help_text="Sus feriados regionales cuentan en los plazos en días hábiles.",
    )

    # Intake timeline (LV norms 2.1 and 3.3): each step has its deadline on the agenda.
    sentence_copy_received_at = models.DateTimeField(
        "recepción de la copia de sentencia", null=True, blank=True
    )
    delegado_assigned_at = models.DateTimeField("asignación del delegado/a", null=True, blank=True)
    presented_on = models.DateField("presentación de la persona", null=True, blank=True)
    plan_hearing_on = models.DateField(
        "fecha de la audiencia de aprobación del PII",
        null=True,
        blank=True,
        help_text="La que trae la copia de sentencia o la que fija el tribunal.",
    )
    hearing_requested_at = models.DateTimeField(
        "solicitud de la audiencia de aprobación del PII", null=True, blank=True
    )
    non_presentation_reported_on = models.DateField(
        "no presentación informada al tribunal", null=True, blank=True
    )

    # Exit and outcome.
    closed_on = models.DateField("fecha de cierre o egreso", null=True, blank=True)
    exit_type = models.CharField(
        "tipo de egreso", max_length=30, choices=ExitType.choices, blank=True
    )
    summary = models.TextField("resumen del caso", blank=True)
    outcome = models.CharField(
        "resultado del seguimiento", max_length=30, choices=Outcome.choices, blank=True
    )
    recidivism_offence = models.CharField("delito de reincidencia", max_length=200, blank=True)
    recidivism_on = models.DateField("fecha de reincidencia", null=True, blank=True)
    labour_outcome = models.CharField(
        "situación laboral", max_length=30, choices=LabourOutcome.choices, blank=True
    )

    created_at = models.DateTimeField("creado", auto_now_add=True)
    updated_at = models.DateTimeField("modificado", auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "caso"
        verbose_name_plural = "casos"
        ordering = ["-opened_on", "-pk"]
        # The caseload's default order, read from the index instead of sorting every case.
        indexes = [models.Index(fields=["-opened_on", "-id"], name="case_opened")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="recidivism") | ~models.Q(recidivism_offence=""),
                name="recidivism_requires_offence",
                violation_error_message="Una reincidencia requiere indicar el delito.",
            ),
            # Checked by ``open_case`` for a clear message; the index holds it under races.
            models.UniqueConstraint(
                fields=["person", "program"],
                condition=~models.Q(phase__in=TERMINAL_PHASES),
                name="one_open_case_per_person_and_program",
                violation_error_message="La persona ya tiene un caso abierto en este programa.",
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.program.code}"

    def get_absolute_url(self):
        return reverse("team:case_detail", args=[self.pk])

    @property
    def sentence_display(self) -> str:
        """«3 años 20 días», «541 días»; empty when no sentence is recorded (never «0 años»)."""
        parts = []
        if self.sentence_years:
            parts.append(f"{self.sentence_years} año{'s' if self.sentence_years != 1 else ''}")
        if self.sentence_days:
            parts.append(f"{self.sentence_days} día{'s' if self.sentence_days != 1 else ''}")
        return " ".join(parts)

    def get_additional_data(self):
        # Lets the case file show every audit entry that belongs to it.
        return {"case": self.pk}

    @property
    def is_closed(self) -> bool:
        return self.phase == self.program.terminal_phase

    def months_in_phase(self, phase: str) -> int | None:
        """Whole months spent in ``phase``, using the phase history (None if never entered)."""
        periods = [p for p in self.phase_periods.all() if p.phase == phase]
        if not periods:
            return None
        return sum(p.whole_months() for p in periods)


class PhasePeriod(Audited):
    """One stay of a case in a phase: the phase timeline is made of these."""

    case = models.ForeignKey(
        Case, verbose_name="caso", on_delete=models.CASCADE, related_name="phase_periods"
    )
    phase = models.CharField("fase", max_length=30, choices=Phase.choices)
    started_on = models.DateField("inicio")
    ended_on = models.DateField("término", null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrado por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField("observación", blank=True)

    class Meta:
        verbose_name = "periodo de fase"
        verbose_name_plural = "periodos de fase"
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="phase_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_phase_display()} desde {self.started_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.case_id}

    def whole_months(self, until=None) -> int:

        end = self.ended_on or until or timezone.localdate()
        delta = relativedelta(end, self.started_on)
        return delta.years * 12 + delta.months


class TransferKind(models.TextChoices):
    TEMPORARY = "temporary", "Temporal (hasta 4 meses)"
    PERMANENT = "permanent", "Definitivo"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", "Solicitado a supervisión"
    APPROVED = "approved", "Aprobado"
    REJECTED = "rejected", "Rechazado"
    RETURNED = "returned", "Terminado (el caso volvió)"


class Transfer(Audited):
    """A case moving to another team (program or office), with its whole history: temporary
    for at most four months, or permanent. Supervision of the sending team approves it and
    the court is informed (LV norms; DOMAIN.md §3)."""

    case = models.ForeignKey(
        Case, verbose_name="caso", on_delete=models.PROTECT, related_name="transfers"
    )
    kind = models.CharField("tipo de traslado", max_length=20, choices=TransferKind.choices)
    from_program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="equipo de origen",
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="equipo de destino",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField("motivo")
    starts_on = models.DateField("desde")
    ends_on = models.DateField("hasta (traslado temporal)", null=True, blank=True)
    status = models.CharField(
        "estado", max_length=20, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="solicitado por",
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="resuelto por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField("fecha de resolución", null=True, blank=True)
    court_informed_on = models.DateField("informado al tribunal el", null=True, blank=True)
    returned_on = models.DateField("regreso el", null=True, blank=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)

    class Meta:
        verbose_name = "traslado"
        verbose_name_plural = "traslados"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="temporary") | models.Q(ends_on__isnull=False),
                name="temporary_transfer_has_end",
                violation_error_message="Un traslado temporal indica hasta cuándo.",
            ),
        ]

    def __str__(self):
        return f"Traslado {self.get_kind_display().lower()} a {self.to_program.code}"

    def get_additional_data(self):
        return {"case": self.case_id}
