"""Follow-up reports to the court built from the case (LV norms 5.4.1, annexes G, H and I).

The delegado/a edits a draft that the system fills from the plan and the period's sessions;
supervision reviews it; the final version is frozen: its content as JSON, its PDF and the
SHA-256 of the content, like a signed contract.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from reinsercion.audit import Created
from reinsercion.frozen import canonical_sha256


def private_storage():
    return storages["private"]


class ReportAnnex(models.TextChoices):
    G = "annex_g", "Anexo G · Informe de seguimiento mensual (tratamiento de drogas o alcohol)"
    H = "annex_h", "Anexo H · Informe de seguimiento Libertad Vigilada"
    I = "annex_i", "Anexo I · Informe de seguimiento Libertad Vigilada Intensiva"  # noqa: E741


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Borrador"
    IN_REVIEW = "in_review", "En revisión de supervisión"
    RETURNED = "returned", "Devuelto con observaciones"
    FINAL = "final", "Final (congelado)"


class ObjectiveResult(models.TextChoices):
    ACHIEVED = "achieved", "Cumplido"
    NOT_ACHIEVED = "not_achieved", "No cumplido"
    IN_PROGRESS = "in_progress", "En proceso"


EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class FollowUpReport(Created):
    """One follow-up report for one period of a case."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="follow_up_reports",
    )
    due_on = models.DateField("vencimiento que cumple")
    annex = models.CharField("formato", max_length=10, choices=ReportAnnex.choices)
    period_start = models.DateField("periodo desde")
    period_end = models.DateField("periodo hasta")
    status = models.CharField(
        "estado", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    risk_level = models.CharField("riesgo de reincidencia", max_length=20, blank=True)
    control_frequency = models.CharField("frecuencia del control", max_length=20, blank=True)
    # [{objective, area, actions, result, reason, description}], filled from the plan and the
    # period's sessions, then edited by the delegado/a.
    objectives = models.JSONField("avances en el PII", default=list, blank=True)
    attendance = models.TextField("asistencia y cumplimiento del contacto", blank=True)
    next_period = models.TextField("áreas a abordar el próximo periodo", blank=True)
    requests_to_court = models.TextField("solicitud al tribunal", blank=True)
    review_comment = models.TextField("observaciones de supervisión", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="supervisor/a técnico/a",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    frozen_at = models.DateTimeField("congelado el", null=True, blank=True)
    content = models.JSONField("contenido congelado", default=dict, blank=True)
    content_sha256 = models.CharField("SHA-256 del contenido", max_length=64, blank=True)
    pdf = models.FileField("PDF final", storage=private_storage, blank=True, max_length=300)

    class Meta:
        verbose_name = "informe de seguimiento al tribunal (documento)"
        verbose_name_plural = "informes de seguimiento al tribunal (documentos)"
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "due_on"], name="one_follow_up_report_per_due")
        ]

    def __str__(self):
        return f"{self.get_annex_display().split(' · ')[0]} · vence {self.due_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:report_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def compute_sha256(self) -> str:
        return canonical_sha256(self.content)

    def hash_matches(self) -> bool:
        return bool(self.content_sha256) and self.compute_sha256() == self.content_sha256


class RequestKind(models.TextChoices):
    REDUCTION = "reduction", "Reducción del tiempo de condena (anexo K)"
    SUBSTITUTION = "substitution", "Sustitución de la pena (anexo L)"


class CourtAnswer(models.TextChoices):
    PENDING = "", "Sin respuesta del tribunal"
    GRANTED = "granted", "Acogida"
    REFUSED = "refused", "Rechazada"


class SentenceRequest(Created):
    """A request to the court to reduce the sentence (annex K) or to substitute it by a less
    intensive one (annex L), made only when its conditions are met (LV norms 5.4.4–5.4.5,
    Ley 18.216 art. 32)."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="sentence_requests",
    )
    kind = models.CharField("solicitud", max_length=20, choices=RequestKind.choices)
    substitute_with = models.CharField(
        "pena que se propone", max_length=120, blank=True, help_text="Solo en la sustitución."
    )
    requested_on = models.DateField("fecha de la solicitud")
    grounds = models.TextField("fundamentos de la solicitud")
    answer = models.CharField(
        "respuesta del tribunal", max_length=20, choices=CourtAnswer.choices, blank=True
    )
    answered_on = models.DateField("fecha de la respuesta", null=True, blank=True)
    answer_note = models.TextField("observaciones de la respuesta", blank=True)

    class Meta:
        verbose_name = "solicitud de reducción o sustitución"
        verbose_name_plural = "solicitudes de reducción o sustitución"
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.requested_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.case_id}


class MixedSentenceOutcome(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable (anexo O, con PII)"
    UNFAVOURABLE = "unfavourable", "Desfavorable (anexo P)"


class MixedSentenceEvaluation(Created):
    """An evaluation for the pena mixta (Ley 18.216 art. 33; LV norms, «Procedimientos para
    acceder a la Pena Mixta»): the report is due 60 days after the prison sent every paper."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="mixed_sentence_evaluations",
    )
    received_on = models.DateField("ingreso del requerimiento al centro")
    papers_complete_on = models.DateField(
        "antecedentes completos",
        null=True,
        blank=True,
        help_text="Acta de voluntad, certificación de revocabilidad e informe de conducta.",
    )
    outcome = models.CharField(
        "informe", max_length=20, choices=MixedSentenceOutcome.choices, blank=True
    )
    reported_on = models.DateField("informe remitido el", null=True, blank=True)
    summary = models.TextField("resumen de la evaluación y fundamentos", blank=True)
    answer = models.CharField(
        "resolución del tribunal", max_length=20, choices=CourtAnswer.choices, blank=True
    )
    answered_on = models.DateField("fecha de la resolución", null=True, blank=True)
    # The report (annex O or P): drafted by the delegado/a, reviewed by supervision, frozen.
    status = models.CharField(
        "estado del informe",
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    synthesis = models.TextField("síntesis criminológica", blank=True)
    risk_level = models.CharField("riesgo de reincidencia", max_length=20, blank=True)
    control_frequency = models.CharField("frecuencia del control", max_length=20, blank=True)
    plan = models.ForeignKey(
        "reinsercion.InterventionPlan",
        verbose_name="PII que acompaña el informe",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    risk_factors = models.TextField(
        "factores de riesgo según la evaluación efectuada",
        blank=True,
        help_text="Uno por línea: «factor — observaciones» (anexo P).",
    )
    review_comment = models.TextField("observaciones de supervisión", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="supervisor/a técnico/a",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    frozen_at = models.DateTimeField("congelado el", null=True, blank=True)
    content = models.JSONField("contenido congelado", default=dict, blank=True)
    content_sha256 = models.CharField("SHA-256 del contenido", max_length=64, blank=True)
    pdf = models.FileField("PDF final", storage=private_storage, blank=True, max_length=300)

    class Meta:
        verbose_name = "evaluación de pena mixta"
        verbose_name_plural = "evaluaciones de pena mixta"
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"Pena mixta · requerimiento del {self.received_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:pena_mixta_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_favourable(self) -> bool:
        return self.outcome == MixedSentenceOutcome.FAVOURABLE

    @property
    def annex_letter(self) -> str:
        return {"favourable": "O", "unfavourable": "P"}.get(self.outcome, "")

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE and not self.answer

    def compute_sha256(self) -> str:
        return canonical_sha256(self.content)

    def hash_matches(self) -> bool:
        return bool(self.content_sha256) and self.compute_sha256() == self.content_sha256
