import datetime

from phonenumber_field.modelfields import PhoneNumberField

from django.conf import settings
from django.db import models
from django.utils import timezone

from reinsercion.audit import Audited, Recorded
from reinsercion.people.choices import Sex
from reinsercion.people.rut import format_rut, validate_rut

from .choices import Ambit, InterventionKind, ProblemKind, Relationship

ADULT_AGE = 18


def age_on(birth_date: datetime.date | None, on: datetime.date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


class FamilyMember(Audited):
    """A member of the beneficiary's family group (or a close person who takes part)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="family_members",
    )
    first_names = models.CharField("nombres", max_length=100)
    last_names = models.CharField("apellidos", max_length=100)
    rut = models.CharField(
        "RUT",
        max_length=12,
        blank=True,
        validators=[validate_rut],
        help_text="Necesario si la persona firmará el contrato social.",
    )
    sex = models.CharField("sexo", max_length=10, choices=Sex.choices, blank=True)
    relationship = models.CharField("parentesco", max_length=20, choices=Relationship.choices)
    birth_date = models.DateField("fecha de nacimiento", null=True, blank=True)
    phone = PhoneNumberField(
        "teléfono",
        blank=True,
        help_text="Sin código de país se entiende chileno (ej.: 9 8765 4321).",
    )
    email = models.EmailField("correo electrónico", blank=True)
    address = models.CharField("dirección", max_length=200, blank=True)
    lives_with_beneficiary = models.BooleanField("vive con el beneficiario/a", default=False)
    indirect_beneficiary = models.BooleanField("beneficiario/a indirecto/a", default=False)
    is_victim = models.BooleanField("es víctima del delito", default=False)
    is_antisocial_peer = models.BooleanField("par con actitudes antisociales", default=False)
    denies_offence = models.BooleanField(
        "niega el delito o su daño",
        default=False,
        help_text="Niega el delito o sus consecuencias en la víctima, o valida el actuar sin "
        "cuestionarlo.",
    )
    notes = models.TextField("observaciones", blank=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)
    updated_at = models.DateTimeField("modificado", auto_now=True)

    class Meta:
        verbose_name = "integrante del grupo familiar"
        verbose_name_plural = "integrantes del grupo familiar"
        ordering = ["case", "birth_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rut"],
                condition=~models.Q(rut=""),
                name="unique_family_member_rut_per_case",
                violation_error_message="Ya hay un integrante con ese RUT en esta familia.",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_relationship_display()})"

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()

    @property
    def rut_display(self) -> str:
        return format_rut(self.rut)

    def age(self, on: datetime.date | None = None) -> int | None:
        return age_on(self.birth_date, on or timezone.localdate())

    @property
    def current_age(self) -> int | None:
        return self.age()

    def is_minor(self, on: datetime.date | None = None) -> bool:
        """A member without a birth date is not known to be an adult."""
        age = self.age(on)
        return age is None or age < ADULT_AGE

    @property
    def is_minor_today(self) -> bool:
        return self.is_minor()


class FamilyProblem(Recorded):
    """A problem identified in the family dynamics (OPV's list of family problems)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="family_problems",
    )
    kind = models.CharField("problemática", max_length=30, choices=ProblemKind.choices)
    description = models.TextField("descripción", blank=True)
    identified_on = models.DateField("fecha de identificación")
    resolved_on = models.DateField("fecha en que se superó", null=True, blank=True)

    class Meta:
        verbose_name = "problemática familiar"
        verbose_name_plural = "problemáticas familiares"
        ordering = ["resolved_on", "-identified_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_on__isnull=True)
                | models.Q(resolved_on__gte=models.F("identified_on")),
                name="family_problem_resolved_after_identified",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def get_additional_data(self):
        return {"case": self.case_id}


class SignificantReferent(Audited):
    """One period during which a person was the case's referente significativo.

    Changing the referente closes the current period and opens a new one, so the history
    of who held the role, and when, is kept.
    """

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="significant_referents",
    )
    member = models.ForeignKey(
        FamilyMember,
        verbose_name="integrante",
        on_delete=models.PROTECT,
        related_name="referent_periods",
    )
    started_on = models.DateField("desde")
    ended_on = models.DateField("hasta", null=True, blank=True)
    reason = models.TextField("motivo de la designación")
    end_reason = models.TextField("motivo del término", blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrado por",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("creado", auto_now_add=True)

    class Meta:
        verbose_name = "referente significativo"
        verbose_name_plural = "referentes significativos"
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_referent_per_case",
                violation_error_message="El caso ya tiene un referente significativo vigente.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="referent_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.member.full_name} desde {self.started_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.case_id}


class GroupTalk(Recorded):
    """A charla informativa given to several families at once."""

    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.PROTECT,
        related_name="group_talks",
    )
    held_on = models.DateField("fecha")
    topic = models.CharField("tema", max_length=200)
    place = models.CharField("lugar", max_length=200, blank=True)

    class Meta:
        verbose_name = "charla grupal"
        verbose_name_plural = "charlas grupales"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%d-%m-%Y})"


class FamilyIntervention(Recorded):
    """Work done with a case's family: a talk, counselling, a home visit, help with an
    application, a job placement."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="family_interventions",
    )
    kind = models.CharField("tipo de intervención", max_length=30, choices=InterventionKind.choices)
    held_on = models.DateField("fecha")
    ambit = models.CharField("ámbito", max_length=20, choices=Ambit.choices)
    attendees = models.ManyToManyField(
        FamilyMember,
        verbose_name="asistentes de la familia",
        related_name="interventions",
        blank=True,
    )
    beneficiary_attended = models.BooleanField("participó el beneficiario/a", default=False)
    notes = models.TextField("observaciones", blank=True)
    group_talk = models.ForeignKey(
        GroupTalk,
        verbose_name="charla grupal",
        on_delete=models.PROTECT,
        related_name="interventions",
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField("modificado", auto_now=True)

    class Meta:
        verbose_name = "intervención familiar"
        verbose_name_plural = "intervenciones familiares"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.held_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.case_id}
