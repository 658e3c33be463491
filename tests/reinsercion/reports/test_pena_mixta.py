"""Pena mixta: the 60-day report counted from complete papers, O needs a PII, and six months'
wait after the court refuses."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.reports import pena_mixta
from reinsercion.reports.models import CourtAnswer, MixedSentenceOutcome

from ..activity_helpers import set_court_data
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db
D = datetime.date


def due(case, today):
    items = agenda_sources()["pena_mixta"](Case.objects.filter(pk=case.pk), today)
    return [i.due_on for i in items]


def test_the_60_days_run_from_complete_papers_not_from_the_request(lae_case, lae_professional):
    evaluation = pena_mixta.open_evaluation(
        case=lae_case, actor=lae_professional, received_on=D(2026, 3, 2)
    )
    # papers missing: no deadline yet
    assert due(lae_case, D(2026, 3, 2)) == []
    pena_mixta.record_papers_complete(
        evaluation=evaluation, actor=lae_professional, on=D(2026, 3, 16)
    )
    # 60 calendar days from 16 March 2026 is Friday 15 May
    assert due(lae_case, D(2026, 3, 16)) == [D(2026, 5, 15)]


def test_a_60th_day_on_a_holiday_moves_to_the_next_business_day(lae_case, lae_professional):
    set_court_data(lae_case, lae_professional, region="RM")
    # 60 days from 20 July 2026 is Friday 18 September (Fiestas Patrias): Monday 21
    pena_mixta.open_evaluation(
        case=lae_case,
        actor=lae_professional,
        received_on=D(2026, 7, 20),
        papers_complete_on=D(2026, 7, 20),
    )
    assert due(lae_case, D(2026, 7, 20)) == [D(2026, 9, 21)]


def test_the_report_leaves_the_agenda_and_a_favourable_one_needs_a_pii(lae_case, lae_professional):
    evaluation = pena_mixta.open_evaluation(
        case=lae_case,
        actor=lae_professional,
        received_on=D(2026, 3, 2),
        papers_complete_on=D(2026, 3, 2),
    )
    with pytest.raises(ValidationError, match="acompañado de un PII"):
        pena_mixta.record_report(
            evaluation=evaluation,
            actor=lae_professional,
            outcome=MixedSentenceOutcome.FAVOURABLE,
            reported_on=D(2026, 4, 1),
            summary="Apto.",
        )
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=2)
    plan_with_objectives(lae_case, lae_professional, version)
    pena_mixta.record_report(
        evaluation=evaluation,
        actor=lae_professional,
        outcome=MixedSentenceOutcome.FAVOURABLE,
        reported_on=D(2026, 4, 1),
        summary="Apto.",
    )
    assert due(lae_case, D(2026, 4, 1)) == []


def test_six_months_wait_after_the_court_refuses(lae_case, lae_professional):
    evaluation = pena_mixta.open_evaluation(
        case=lae_case, actor=lae_professional, received_on=D(2026, 1, 5)
    )
    pena_mixta.record_answer(
        evaluation=evaluation,
        actor=lae_professional,
        answer=CourtAnswer.REFUSED,
        answered_on=D(2026, 3, 10),
    )
    with pytest.raises(ValidationError, match="antes del 10-09-2026"):
        pena_mixta.open_evaluation(case=lae_case, actor=lae_professional, received_on=D(2026, 9, 9))
    pena_mixta.open_evaluation(case=lae_case, actor=lae_professional, received_on=D(2026, 9, 10))
