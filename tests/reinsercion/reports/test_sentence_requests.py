"""Reduction (annex K) and substitution (annex L) requests: each condition refused and accepted
at its boundary, the request as a PDF from the case, and the court's answer."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.exceptions import ValidationError
from django.urls import reverse

from reinsercion.assessment.models import AssessmentReason
from reinsercion.plans import actions as plan_actions
from reinsercion.plans.models import ObjectiveStatus
from reinsercion.reports import actions
from reinsercion.reports.models import CourtAnswer, RequestKind
from reinsercion.reports.requests import conditions
from tests.paperwork import assert_on_the_letterhead, save_example

from ..activity_helpers import set_court_data, travel
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db
D = datetime.date
SUBSTITUTION, REDUCTION = RequestKind.SUBSTITUTION, RequestKind.REDUCTION


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def ready_case(lae_case, lae_professional, version):
    """Four years of sentence from 1 January 2024; peers was the one need in 2024 and 2025; its
    objective is achieved; reassessed before the request on 10 January 2026."""
    set_court_data(
        lae_case, lae_professional, sentence_starts_on=D(2024, 1, 1), sentence_ends_on=D(2028, 1, 1)
    )
    assess(lae_case, lae_professional, version, on=D(2024, 1, 10), peers=2)
    plan = plan_with_objectives(lae_case, lae_professional, version, ("peers",))
    objective = plan.objectives.get()
    with travel(D(2025, 12, 1)):
        plan_actions.set_objective_status(
            objective=objective, actor=lae_professional, status=ObjectiveStatus.ACHIEVED
        )
    assess(
        lae_case,
        lae_professional,
        version,
        on=D(2025, 1, 10),
        peers=2,
        reason=AssessmentReason.YEARLY,
    )
    assess(
        lae_case,
        lae_professional,
        version,
        on=D(2026, 1, 10),
        reason=AssessmentReason.BEFORE_REQUEST,
    )
    return lae_case


def met(case, kind, on, starts):
    """Whether the condition whose label starts with ``starts`` is met on ``on``."""
    return next(c.met for c in conditions(case, kind, on) if c.label.startswith(starts))


def test_half_of_the_sentence_served_at_its_boundary(ready_case):
    # 1,461 days of sentence: the half is met on day 731, 1 January 2026
    assert met(ready_case, SUBSTITUTION, D(2025, 12, 31), "Mitad") is False
    assert met(ready_case, SUBSTITUTION, D(2026, 1, 1), "Mitad") is True
    # a reduction does not ask for it
    assert not any(
        c.label.startswith("Mitad") for c in conditions(ready_case, REDUCTION, D(2026, 1, 1))
    )


def test_a_third_is_enough_for_a_second_substitution(ready_case, lae_professional):
    with travel(D(2026, 1, 10)):
        first = actions.request_sentence_change(
            case=ready_case,
            actor=lae_professional,
            kind=SUBSTITUTION,
            requested_on=D(2026, 1, 10),
            grounds="Objetivos cumplidos.",
            substitute_with="Libertad Vigilada",
        )
        actions.record_court_answer(
            request=first,
            actor=lae_professional,
            answer=CourtAnswer.GRANTED,
            answered_on=D(2026, 1, 10),
        )
    # a third of 1,461 days is met on day 487: 2 May 2025
    assert met(ready_case, SUBSTITUTION, D(2025, 5, 1), "Mitad") is False
    assert met(ready_case, SUBSTITUTION, D(2025, 5, 2), "Mitad") is True


@pytest.mark.parametrize("kind", [REDUCTION, SUBSTITUTION])
def test_two_years_without_new_areas_at_its_boundary(ready_case, kind):
    # the comparison needs an assessment at least two years old: 10 January 2024
    assert met(ready_case, kind, D(2026, 1, 9), "Sin nuevas áreas") is False
    assert met(ready_case, kind, D(2026, 1, 10), "Sin nuevas áreas") is True


def test_a_new_area_in_the_last_two_years_blocks_it(ready_case, lae_professional, version):
    assess(
        ready_case,
        lae_professional,
        version,
        on=D(2025, 6, 1),
        peers=2,
        attitudes=2,
        reason=AssessmentReason.OTHER,
    )
    detail = next(
        c for c in conditions(ready_case, REDUCTION, D(2026, 1, 10)) if "nuevas" in c.label
    )
    assert not detail.met
    assert "Actitudes procriminales (01-06-2025)" in detail.detail


@pytest.mark.parametrize("kind", [REDUCTION, SUBSTITUTION])
def test_the_reassessment_must_come_before_the_request(ready_case, kind):
    assert met(ready_case, kind, D(2026, 1, 9), "Reevaluación") is False  # it is on the 10th
    assert met(ready_case, kind, D(2026, 1, 10), "Reevaluación") is True


@pytest.mark.parametrize("kind", [REDUCTION, SUBSTITUTION])
def test_six_months_after_a_refusal(ready_case, lae_professional, kind):
    with travel(D(2026, 2, 1)):
        request = actions.request_sentence_change(
            case=ready_case,
            actor=lae_professional,
            kind=kind,
            requested_on=D(2026, 1, 10),
            grounds="Objetivos cumplidos.",
            substitute_with="Libertad Vigilada",
        )
        actions.record_court_answer(
            request=request,
            actor=lae_professional,
            answer=CourtAnswer.REFUSED,
            answered_on=D(2026, 2, 1),
            note="Prematuro.",
        )
    assert met(ready_case, kind, D(2026, 7, 31), "Seis meses") is False
    assert met(ready_case, kind, D(2026, 8, 1), "Seis meses") is True
    # and a new request needs a reassessment after the refused one
    assert met(ready_case, kind, D(2026, 8, 1), "Reevaluación") is False


def test_objectives_not_achieved_block_the_request_with_the_reason(ready_case, lae_professional):
    objective = ready_case.plans.get().objectives.get()
    with travel(D(2026, 1, 10)):
        plan_actions.set_objective_status(
            objective=objective, actor=lae_professional, status=ObjectiveStatus.IN_PROGRESS
        )
        with pytest.raises(ValidationError) as blocked:
            actions.request_sentence_change(
                case=ready_case,
                actor=lae_professional,
                kind=REDUCTION,
                requested_on=D(2026, 1, 10),
                grounds="Pide reducir.",
            )
    assert "Objetivos del PII cumplidos: Sin cumplir: Objetivo en peers." in blocked.value.messages
    assert not ready_case.sentence_requests.exists()


def test_the_request_page_and_its_pdf(
    ready_case, lae_professional, professional, client_for, django_assert_max_num_queries
):
    client = client_for(lae_professional)
    url = reverse("team:sentence_requests", args=[ready_case.pk])
    with travel(D(2026, 1, 10)):
        with django_assert_max_num_queries(40):
            page = client.get(url).content.decode()
        assert "No cumple" not in page  # every condition of both requests is met
        client.post(
            url,
            {
                "kind": "substitution",
                "substitute_with": "Remisión condicional",
                "requested_on": "2026-01-10",
                "grounds": "Cumplió todos los objetivos del PII; basta el control administrativo.",
            },
        )
    request = ready_case.sentence_requests.get()
    pdf = client.get(reverse("team:sentence_request_pdf", args=[ready_case.pk, request.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "Informe Sustitución de la Pena" in text and "Anexo L" in text
    assert "Remisión condicional" in text and "Objetivo en peers" in text
    assert_on_the_letterhead(
        pdf.content, "Informe de sustitución de la pena", "Libertad Asistida Especial"
    )
    save_example("solicitud-sustitucion-anexo-l.pdf", pdf.content)
    # the court's answer
    with travel(D(2026, 2, 1)):
        client.post(
            reverse("team:sentence_request_answer", args=[ready_case.pk, request.pk]),
            {"answer": "granted", "answered_on": "2026-02-01"},
        )
    request.refresh_from_db()
    assert request.answer == CourtAnswer.GRANTED
    # another program's professional reaches none of it
    other = client_for(professional)
    assert other.get(url).status_code == 404
    assert (
        other.get(
            reverse("team:sentence_request_pdf", args=[ready_case.pk, request.pk])
        ).status_code
        == 404
    )
