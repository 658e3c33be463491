"""The pena mixta procedure: the 60-day report counted from complete papers, a favourable
(annex O, with a PII) or unfavourable (annex P) report, and six months' wait after the court
refuses it."""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from reinsercion.business_days import Deadline, Unit
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.extensions import AgendaItem
from reinsercion.programs.models import User
from reinsercion.reports.models import CourtAnswer, MixedSentenceEvaluation, MixedSentenceOutcome

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
    if refused and received_on < refused + WAIT_AFTER_REFUSAL:
        raise ValidationError(
            {
                "received_on": f"El tribunal la denegó el {refused:%d-%m-%Y}: no puede "
                f"discutirse de nuevo antes del {refused + WAIT_AFTER_REFUSAL:%d-%m-%Y}."
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
    if on < evaluation.received_on:
        raise ValidationError({"on": "No puede ser anterior al ingreso del requerimiento."})
    evaluation.papers_complete_on = on
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def record_report(
    *,
    evaluation: MixedSentenceEvaluation,
    actor: User,
    outcome: str,
    reported_on: datetime.date,
    summary: str,
) -> MixedSentenceEvaluation:
    """The favourable report goes with a PII; both summarise the evaluation and its reasons."""
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    errors = {}
    if outcome not in MixedSentenceOutcome.values:
        errors["outcome"] = "Indique si el informe es favorable o desfavorable."
    if outcome == MixedSentenceOutcome.FAVOURABLE and not evaluation.case.plans.exists():
        errors["outcome"] = "Un informe favorable (anexo O) va acompañado de un PII."
    if not summary.strip():
        errors["summary"] = "Resuma la evaluación y sus fundamentos."
    if errors:
        raise ValidationError(errors)
    evaluation.outcome, evaluation.reported_on = outcome, reported_on
    evaluation.summary = summary.strip()
    with set_actor(actor):
        evaluation.save()
    return evaluation


@transaction.atomic
def record_answer(
    *, evaluation: MixedSentenceEvaluation, actor: User, answer: str, answered_on: datetime.date
) -> MixedSentenceEvaluation:
    case_permissions.ensure_can_change(case=evaluation.case, user=actor)
    if answer not in (CourtAnswer.GRANTED, CourtAnswer.REFUSED):
        raise ValidationError({"answer": "Indique si el tribunal la otorgó o la denegó."})
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
                url=reverse("team:case_detail", args=[e.case_id]),
            )
        )
    return items
