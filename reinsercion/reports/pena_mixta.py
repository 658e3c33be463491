"""The pena mixta procedure: the 60-day report counted from complete papers, a favourable
(annex O, with a PII) or unfavourable (annex P) report, and six months' wait after the court
refuses it."""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.business_days import Deadline, Unit
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.extensions import AgendaItem
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.models import User
from reinsercion.reports.models import (
    CourtAnswer,
    MixedSentenceEvaluation,
    MixedSentenceOutcome,
    ReportStatus,
)
from reinsercion.reports.pdf import evaluation_content, render_evaluation_pdf

REPORT = Deadline(
    60,
    Unit.CALENDAR_DAYS,
    "Normas técnicas LV, pena mixta: desde que el establecimiento remitió todos los antecedentes",
)
WAIT_AFTER_REFUSAL = relativedelta(months=6)


def report_due_on(evaluation: MixedSentenceEvaluation) -> datetime.date | None:
    """60 calendar days from complete papers (none while papers are missing)."""
    if evaluation.papers_complete_on is None:
        return None
    return REPORT.due_on(evaluation.papers_complete_on, evaluation.case.region)


@transaction.atomic
def open_evaluation(
    *, case: Case, actor: User, received_on: datetime.date, papers_complete_on=None
) -> MixedSentenceEvaluation:
    """Register a pena mixta request; refused within six months of the court's last refusal."""
    case_permissions.ensure_can_change(case=case, user=actor)
    refused = (
        MixedSentenceEvaluation.objects.filter(case=case, answer=CourtAnswer.REFUSED)
        .exclude(answered_on=None)
        .order_by("-answered_on")
        .values_list("answered_on", flat=True)
        .first()
    )
    if MixedSentenceEvaluation.objects.filter(case=case, answer="").exists():
        raise ValidationError(
            "Hay una evaluación de pena mixta en curso: registre la resolución del tribunal "
            "antes de abrir otra."
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "La fecha no puede estar en el futuro."})
    if papers_complete_on and papers_complete_on < received_on:
        raise ValidationError(
            {"papers_complete_on": "No puede ser anterior al ingreso del requerimiento."}
        )
    if refused and received_on < refused + WAIT_AFTER_REFUSAL:
        raise ValidationError(
            {
                "received_on": f"El tribunal denegó la pena mixta el {refused:%d-%m-%Y}: "
                "no puede discutirse de nuevo hasta transcurridos seis meses (no antes del "
                f"{refused + WAIT_AFTER_REFUSAL:%d-%m-%Y})."
            }
        )
    evaluation = MixedSentenceEvaluation(
        case=case,
        received_on=received_on,
        papers_complete_on=papers_complete_on,
        created_by=actor,
    )
    evaluation.full_clean()
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def record_papers_complete(
    *, evaluation: MixedSentenceEvaluation, actor: User, on: datetime.date
) -> MixedSentenceEvaluation:
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    _ensure_editable(evaluation)
    if on < evaluation.received_on:
        raise ValidationError({"on": "No puede ser anterior al ingreso del requerimiento."})
    if on > timezone.localdate():
        raise ValidationError({"on": "La fecha no puede estar en el futuro."})
    evaluation.papers_complete_on = on
    with set_actor(actor):
        evaluation.save()
    return evaluation


def _ensure_editable(evaluation):
    if not evaluation.is_editable:
        raise ValidationError(
            f"El informe está «{evaluation.get_status_display()}»: solo se edita en borrador o "
            "cuando supervisión lo devuelve."
        )


def _report_errors(evaluation) -> dict:
    """What a report still lacks before it goes to supervision (and to the court)."""
    errors = {}
    if evaluation.papers_complete_on is None:
        errors["__all__"] = "Registre primero la fecha en que los antecedentes quedaron completos."
    if evaluation.outcome not in MixedSentenceOutcome.values:
        errors["outcome"] = "Indique si el informe es favorable o desfavorable."
    elif evaluation.outcome == MixedSentenceOutcome.FAVOURABLE and evaluation.plan_id is None:
        errors["plan"] = "Un informe favorable (anexo O) va acompañado de un PII: indique cuál."
    if not evaluation.synthesis.strip():
        errors["synthesis"] = "Escriba la síntesis criminológica."
    if not evaluation.summary.strip():
        errors["summary"] = (
            "Escriba el beneficio de cumplir el saldo de la pena en libertad (anexo O)."
            if evaluation.outcome == MixedSentenceOutcome.FAVOURABLE
            else "Escriba las razones por las que no se sugiere (anexo P)."
        )
    return errors


def draft_defaults(evaluation: MixedSentenceEvaluation) -> dict:
    """What the report starts from: the case's latest PII (its synthesis, risk level and
    frequency) and the needs of its latest risk assessment, as «factor — observaciones»."""
    plan = evaluation.case.plans.order_by("-number").first()
    assessment = (
        evaluation.case.assessments.exclude(level="")
        .order_by("-assessed_on", "-pk")
        .prefetch_related("scores__domain")
        .first()
    )
    factors = []
    if assessment is not None:
        for score in assessment.need_domains():
            factors.append(
                f"{score.domain.name} — necesidad {score.get_need_level_display().lower()} "
                f"(puntaje {score.score:g}, evaluación del {assessment.assessed_on:%d-%m-%Y})"
            )
    return {
        "plan": plan,
        "synthesis": plan.synthesis if plan else "",
        "risk_level": (assessment.level if assessment else "") or (plan.risk_level if plan else ""),
        "control_frequency": plan.control_frequency if plan else "",
        "risk_factors": "\n".join(factors),
    }


@transaction.atomic
def update_report(
    *,
    evaluation: MixedSentenceEvaluation,
    actor: User,
    outcome: str,
    synthesis: str,
    summary: str,
    plan=None,
    risk_level: str = "",
    control_frequency: str = "",
    risk_factors: str = "",
) -> MixedSentenceEvaluation:
    """The delegado/a's draft of annex O (favourable, with the PII it proposes) or annex P
    (unfavourable, with the risk factors and the reasons)."""
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    _ensure_editable(evaluation)
    errors = {}
    if outcome not in MixedSentenceOutcome.values:
        errors["outcome"] = "Indique si el informe es favorable o desfavorable."
    if plan is not None and plan.case_id != evaluation.case_id:
        errors["plan"] = "El PII debe ser de este caso."
    if outcome == MixedSentenceOutcome.FAVOURABLE and plan is None:
        errors["plan"] = "Un informe favorable (anexo O) va acompañado de un PII: indique cuál."
    if risk_level and risk_level not in RiskLevel.values:
        errors["risk_level"] = "Nivel de riesgo desconocido."
    if control_frequency and control_frequency not in ControlFrequency.values:
        errors["control_frequency"] = "Frecuencia desconocida."
    if errors:
        raise ValidationError(errors)
    favourable = outcome == MixedSentenceOutcome.FAVOURABLE
    evaluation.outcome = outcome
    evaluation.synthesis = synthesis.strip()
    evaluation.summary = summary.strip()
    evaluation.risk_level = risk_level
    evaluation.plan = plan if favourable else None
    evaluation.control_frequency = control_frequency if favourable else ""
    evaluation.risk_factors = "" if favourable else risk_factors.strip()
    evaluation.full_clean()
    with set_actor(actor):
        evaluation.save()
    return evaluation


def _ensure_supervision(evaluation, actor):
    if evaluation.created_by_id == actor.pk or not program_permissions.can_supervise(
        actor, evaluation.case.program
    ):
        raise PermissionDenied(
            "Solo la supervisión del programa visa el informe, y nunca quien lo redactó."
        )


@transaction.atomic
def submit_report(*, evaluation: MixedSentenceEvaluation, actor: User):
    """To supervision (the ST «visa» the report), once it says everything its annex asks."""
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    _ensure_editable(evaluation)
    errors = _report_errors(evaluation)
    if errors:
        raise ValidationError(errors)
    evaluation.status = ReportStatus.IN_REVIEW
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def return_report(*, evaluation: MixedSentenceEvaluation, actor: User, comment: str):
    _ensure_supervision(evaluation, actor)
    if evaluation.status != ReportStatus.IN_REVIEW:
        raise ValidationError("Solo se devuelve un informe en revisión.")
    if not comment.strip():
        raise ValidationError({"comment": "Escriba las observaciones para quien lo redactó."})
    evaluation.status = ReportStatus.RETURNED
    evaluation.review_comment = comment.strip()
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def finalize_report(*, evaluation: MixedSentenceEvaluation, actor: User):
    """Supervision approves: the content is frozen with its SHA-256 and PDF, and the report
    counts as sent (it leaves the agenda)."""
    _ensure_supervision(evaluation, actor)
    if evaluation.status != ReportStatus.IN_REVIEW:
        raise ValidationError("Solo se aprueba un informe en revisión.")
    errors = _report_errors(evaluation)
    if errors:
        raise ValidationError(errors)
    evaluation.status = ReportStatus.FINAL
    evaluation.reviewed_by = actor
    evaluation.frozen_at = timezone.now()
    evaluation.reported_on = timezone.localdate()
    evaluation.content = evaluation_content(evaluation)
    evaluation.content_sha256 = evaluation.compute_sha256()
    evaluation.pdf.save(
        f"pena-mixta/{evaluation.case_id}/anexo-{evaluation.annex_letter}-{evaluation.pk}.pdf",
        ContentFile(render_evaluation_pdf(evaluation)),
        save=False,
    )
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def record_answer(
    *, evaluation: MixedSentenceEvaluation, actor: User, answer: str, answered_on: datetime.date
) -> MixedSentenceEvaluation:
    """The court's resolution on a sent report; a refusal starts the six months' wait."""
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    errors = {}
    if evaluation.status != ReportStatus.FINAL:
        errors["__all__"] = "El tribunal resuelve sobre el informe enviado: apruébelo primero."
    if answer not in (CourtAnswer.GRANTED, CourtAnswer.REFUSED):
        errors["answer"] = "Indique si el tribunal la otorgó o la denegó."
    if evaluation.reported_on and answered_on < evaluation.reported_on:
        errors["answered_on"] = "La resolución no puede ser anterior al informe."
    if answered_on > timezone.localdate():
        errors["answered_on"] = "La fecha no puede estar en el futuro."
    if errors:
        raise ValidationError(errors)
    evaluation.answer, evaluation.answered_on = answer, answered_on
    with set_actor(actor):
        evaluation.save()
    return evaluation


def pena_mixta_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Source for the agenda: the 60-day report of every evaluation with complete papers and
    no report yet. One query."""
    items = []
    for e in MixedSentenceEvaluation.objects.filter(
        case__in=cases.values("pk"), papers_complete_on__isnull=False, reported_on=None
    ).select_related("case__person"):
        items.append(
            AgendaItem(
                due_on=report_due_on(e),
                kind="pena_mixta_report",
                kind_label="Informe de pena mixta",
                title=f"Informe de pena mixta (60 días corridos): {e.case.person.full_name}",
                case_id=e.case_id,
                url=reverse("team:pena_mixta_detail", args=[e.case_id, e.pk]),
            )
        )
    return items
