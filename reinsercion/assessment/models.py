"""Risk and need assessment: instruments as data, and the assessments of a case.

An instrument (IGI, LAE/LAS factors, ASSIST, specific sexual/VIF instruments) is catalogue
data an administrator edits in the Wagtail admin: its versions, domains, the cut-offs from a
total to a risk level and from a domain score to a need level. An assessment records the
scores of one case on one instrument version; reassessments are new rows, never edits.
"""

from decimal import Decimal

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel, highest_need, risk_rank
from reinsercion.audit import Audited, AuditedQuerySet
from reinsercion.cases.models import Case

TO_CONFIGURE = "A configurar por la institución"


class InstrumentKind(models.TextChoices):
    GENERAL = "general", "General: riesgo de reincidencia"
    YOUTH = "youth", "Factores de riesgo adolescentes (LAE/LAS)"
    SEXUAL = "sexual", "Específico: delitos sexuales"
    VIF = "vif", "Específico: violencia intrafamiliar / pareja"
    SCREENING = "screening", "Tamizaje (p. ej., ASSIST)"


SPECIFIC_KINDS = (InstrumentKind.SEXUAL, InstrumentKind.VIF)
RISK_KINDS = (InstrumentKind.GENERAL, InstrumentKind.YOUTH, *SPECIFIC_KINDS)


class TotalMethod(models.TextChoices):
    SUM = "sum", "Suma de los puntajes de los dominios"
    NONE = "none", "Sin puntaje total (solo niveles por dominio)"


class Axis(models.TextChoices):
    CRIMINOGENIC = "criminogenic", "Necesidades criminógenas"
    NON_CRIMINOGENIC = "non_criminogenic", "Necesidades no criminógenas"
    ADHERENCE = "adherence", "Consideraciones para la adherencia"


class AssessmentReason(models.TextChoices):
    INITIAL = "initial", "Evaluación inicial"
    YEARLY = "yearly", "Reevaluación anual"
    BEFORE_END = "before_end", "Reevaluación en el mes previo al término de la condena"
    BEFORE_REQUEST = "before_request", "Antes de solicitar reducción o sustitución de la pena"
    OTHER = "other", "Otra reevaluación"


class Instrument(models.Model):
    """An assessment instrument; what it measures lives in its versions."""

    code = models.SlugField("código", max_length=30, unique=True)
    name = models.CharField("nombre", max_length=200)
    kind = models.CharField("tipo", max_length=20, choices=InstrumentKind.choices)
    description = models.TextField("descripción", blank=True)
    prevails = models.BooleanField(
        "su nivel prima sobre el del instrumento general",
        default=False,
        help_text="Instrumentos específicos de delitos sexuales o VIF (Normas LV, 2.2 f).",
    )
    programs = models.ManyToManyField(
        "reinsercion.Program",
        verbose_name="programas que lo usan",
        blank=True,
        help_text="Vacío: disponible en todos los programas.",
    )
    is_active = models.BooleanField("activo", default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("prevails"),
        FieldPanel("programs"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "instrumento de evaluación"
        verbose_name_plural = "instrumentos de evaluación"
        ordering = ["name"]

    def __str__(self):
        return self.name


class InstrumentVersion(ClusterableModel):
    """One version of an instrument. A version used by an assessment is never edited."""

    instrument = models.ForeignKey(
        Instrument, verbose_name="instrumento", on_delete=models.PROTECT, related_name="versions"
    )
    label = models.CharField("versión", max_length=30)
    valid_from = models.DateField("vigente desde", null=True, blank=True)
    total_method = models.CharField(
        "cálculo del total", max_length=10, choices=TotalMethod.choices, default=TotalMethod.SUM
    )
    is_active = models.BooleanField("disponible para nuevas evaluaciones", default=True)
    configuration_note = models.TextField(
        "estado de la configuración",
        blank=True,
        help_text="Qué falta configurar (p. ej., puntos de corte licenciados).",
    )

    panels = [
        FieldPanel("instrument"),
        FieldRowPanel([FieldPanel("label"), FieldPanel("valid_from")]),
        FieldPanel("total_method"),
        FieldPanel("is_active"),
        FieldPanel("configuration_note"),
        InlinePanel("risk_cutoffs", heading="Puntos de corte: total → nivel de riesgo"),
        InlinePanel("domains", heading="Dominios (subcomponentes) y puntos de corte de necesidad"),
    ]

    class Meta:
        verbose_name = "versión de instrumento"
        verbose_name_plural = "versiones de instrumentos"
        ordering = ["instrument__name", "-valid_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "label"], name="unique_instrument_version"
            )
        ]

    def __str__(self):
        return f"{self.instrument.name} · versión {self.label}"

    @property
    def has_total(self) -> bool:
        return self.total_method == TotalMethod.SUM

    @property
    def gives_risk_level(self) -> bool:
        return self.has_total and self.instrument.kind in RISK_KINDS

    def risk_level_for(self, total) -> str:
        """The level whose cut-off is the highest one not above ``total``; "" if unset."""
        level = ""
        for cutoff in sorted(self.risk_cutoffs.all(), key=lambda c: c.min_total):
            if total is not None and total >= cutoff.min_total:
                level = cutoff.level
        return level

    @property
    def risk_cutoffs_configured(self) -> bool:
        return bool(self.risk_cutoffs.all())


class RiskCutoff(models.Model):
    version = ParentalKey(
        InstrumentVersion,
        verbose_name="versión",
        on_delete=models.CASCADE,
        related_name="risk_cutoffs",
    )
    level = models.CharField("nivel de riesgo", max_length=20, choices=RiskLevel.choices)
    min_total = models.DecimalField("desde el total", max_digits=7, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("level"), FieldPanel("min_total")])]

    class Meta:
        verbose_name = "punto de corte de riesgo"
        verbose_name_plural = "puntos de corte de riesgo"
        ordering = ["min_total"]
        constraints = [
            models.UniqueConstraint(fields=["version", "level"], name="unique_cutoff_level")
        ]

    def __str__(self):
        return f"{self.get_level_display()} desde {self.min_total}"


class Domain(models.Model):
    """A domain (subcomponent, risk factor or substance) scored in an instrument version."""

    version = ParentalKey(
        InstrumentVersion, verbose_name="versión", on_delete=models.CASCADE, related_name="domains"
    )
    code = models.SlugField("código", max_length=40)
    name = models.CharField("nombre", max_length=200)
    sort_order = models.PositiveSmallIntegerField("orden", default=0)
    axis = models.CharField(
        "eje del plan", max_length=20, choices=Axis.choices, default=Axis.CRIMINOGENIC
    )
    is_static = models.BooleanField(
        "factor estático", default=False, help_text="No modificable: no genera necesidad."
    )
    min_score = models.DecimalField("puntaje mínimo", max_digits=6, decimal_places=2, default=0)
    max_score = models.DecimalField(
        "puntaje máximo",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Vacío: sin máximo configurado.",
    )
    medium_from = models.DecimalField(
        "necesidad media desde",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Vacío: la necesidad se toma de la hoja de puntuación en papel.",
    )
    high_from = models.DecimalField(
        "necesidad alta desde", max_digits=6, decimal_places=2, null=True, blank=True
    )
    triggers = models.ForeignKey(
        Instrument,
        verbose_name="instrumento a aplicar si la necesidad es media o alta",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    help_text = models.CharField("ayuda", max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("axis"), FieldPanel("is_static"), FieldPanel("triggers")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_score"), FieldPanel("max_score")]),
                FieldRowPanel([FieldPanel("medium_from"), FieldPanel("high_from")]),
            ],
            heading="Puntajes",
        ),
        FieldPanel("help_text"),
    ]

    class Meta:
        verbose_name = "dominio"
        verbose_name_plural = "dominios"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_domain_code")
        ]

    def __str__(self):
        return self.name

    @property
    def need_cutoffs_configured(self) -> bool:
        return self.medium_from is not None and self.high_from is not None

    def need_for(self, score) -> str:
        """Need level for ``score`` from the cut-offs; "" if static or not configured."""
        if self.is_static or not self.need_cutoffs_configured or score is None:
            return ""
        score = Decimal(score)
        if score >= self.high_from:
            return NeedLevel.HIGH
        if score >= self.medium_from:
            return NeedLevel.MEDIUM
        return NeedLevel.LOW


class AssessmentQuerySet(AuditedQuerySet):
    def visible_to(self, user):

        return self.filter(case__in=Case.objects.visible_to(user))

    def with_level(self):
        return self.exclude(level="")

    def overridden(self):
        return self.exclude(override_level="")


class Assessment(models.Model):
    """One assessment of a case with one instrument version. Never overwritten."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name="instrumento (versión)",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    assessed_on = models.DateField("fecha de evaluación")
    reason = models.CharField(
        "motivo", max_length=20, choices=AssessmentReason.choices, default=AssessmentReason.INITIAL
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="evaluador/a",
        on_delete=models.PROTECT,
        related_name="+",
    )
    total_score = models.DecimalField(
        "puntaje total", max_digits=7, decimal_places=2, null=True, blank=True
    )
    computed_level = models.CharField(
        "nivel calculado", max_length=20, choices=RiskLevel.choices, blank=True
    )
    paper_level = models.CharField(
        "nivel según la hoja de puntuación",
        max_length=20,
        choices=RiskLevel.choices,
        blank=True,
        help_text="Solo si la versión no tiene puntos de corte configurados.",
    )
    override_level = models.CharField(
        "nivel modificado por el/la profesional",
        max_length=20,
        choices=RiskLevel.choices,
        blank=True,
    )
    override_reason = models.TextField("justificación de la modificación", blank=True)
    level = models.CharField(
        "nivel de riesgo final", max_length=20, choices=RiskLevel.choices, blank=True
    )
    need_level = models.CharField(
        "nivel de necesidad (el más alto de las necesidades criminógenas)",
        max_length=20,
        choices=NeedLevel.choices,
        blank=True,
    )
    protective_factors = models.TextField("factores protectores", blank=True)
    significant_other = models.CharField("referente significativo", max_length=200, blank=True)
    notes = models.TextField("observaciones", blank=True)
    created_at = models.DateTimeField("registrada", auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "evaluación de riesgo y necesidades"
        verbose_name_plural = "evaluaciones de riesgo y necesidades"
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(override_level="") | ~models.Q(override_reason=""),
                name="assessment_override_needs_reason",
                violation_error_message="Modificar el nivel calculado requiere una justificación.",
            ),
        ]

    def __str__(self):
        return f"{self.version.instrument.name} · {self.assessed_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:assessment_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_overridden(self) -> bool:
        return bool(self.override_level)

    @property
    def base_level(self) -> str:
        return self.computed_level or self.paper_level

    def need_domains(self):
        """Scores whose need is media or alta: the areas a plan may target."""
        return [s for s in self.scores.all() if s.need_level in (NeedLevel.MEDIUM, NeedLevel.HIGH)]


class DomainScore(Audited):
    assessment = models.ForeignKey(
        Assessment, verbose_name="evaluación", on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(
        Domain, verbose_name="dominio", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField("puntaje", max_digits=6, decimal_places=2)
    need_level = models.CharField(
        "nivel de necesidad", max_length=20, choices=NeedLevel.choices, blank=True
    )
    need_from_paper = models.BooleanField("necesidad según hoja de puntuación", default=False)

    class Meta:
        verbose_name = "puntaje de dominio"
        verbose_name_plural = "puntajes de dominio"
        ordering = ["domain__sort_order", "domain__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="unique_domain_score")
        ]

    def __str__(self):
        return f"{self.domain}: {self.score}"

    def get_additional_data(self):
        return {"case": self.assessment.case_id}


def lowered_risk(assessments) -> bool | None:
    """Whether the last assessment's level is lower than the first one's (None if < 2).

    ``assessments``: assessments with a risk level, of one case, in any order.
    """
    ranked = sorted((a for a in assessments if a.level), key=lambda a: (a.assessed_on, a.pk))
    if len(ranked) < 2:
        return None
    return risk_rank(ranked[-1].level) < risk_rank(ranked[0].level)


__all__ = [
    "Assessment",
    "AssessmentReason",
    "Axis",
    "Domain",
    "DomainScore",
    "Instrument",
    "InstrumentKind",
    "InstrumentVersion",
    "RiskCutoff",
    "TO_CONFIGURE",
    "TotalMethod",
    "highest_need",
    "lowered_risk",
]
