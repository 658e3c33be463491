"""A session works on an objective of the case's current plan, and the plan counts the
progress of each objective from the sessions (issue 13, rough edge 3)."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities import actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance

from ...factories import open_case
from ..assessment_factories import assess, configured_version, plan_with_objectives


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def plan(lae_case, lae_professional, version):
    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
    return plan_with_objectives(lae_case, lae_professional, version, codes=("peers", "employment"))


@pytest.fixture
def other_plan(lae, lae_professional, version):
    other = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    assess(other, lae_professional, version, peers=2, attitudes=2, history=0)
    return plan_with_objectives(other, lae_professional, version, codes=("attitudes",))


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def post(lae_case, objective_pk, **extra):
    return {
        "kind": ActivityKind.INDIVIDUAL,
        "occurred_at": "2026-03-02T10:00",
        "duration_minutes": 60,
        "ambit": Ambit.LABOUR,
        "objective": objective_pk,
        "participants": "",
        "attendance": Attendance.ATTENDED,
        "absence_reason": "",
        "notes": "Búsqueda de empleo.",
        **extra,
    }


def test_the_session_form_offers_the_objectives_of_the_current_plan(
    lae_case, plan, other_plan, lae_professional, client_for
):
    # when the professional opens the session form of the case
    page = client_for(lae_professional).get(reverse("team:activity_create", args=[lae_case.pk]))
    # then its objectives are choices, and another case's objectives are not
    field = page.context["form"].fields["objective"]
    assert {o.objective for o in field.queryset} == {"Objetivo en peers", "Objetivo en employment"}
    assert "Objetivo en attitudes" not in page.content.decode()


def test_a_session_is_recorded_on_a_plan_objective_and_the_timeline_shows_it(
    lae_case, plan, lae_professional, client_for
):
    objective = plan.objectives.get(objective="Objetivo en employment")
    client = client_for(lae_professional)
    response = client.post(
        reverse("team:activity_create", args=[lae_case.pk]), post(lae_case, objective.pk)
    )
    assert response.status_code == 302
    record = lae_case.activity_records.get()
    assert record.objective == objective
    assert record.plan_objective == "Objetivo en employment"  # its words are kept
    timeline = client.get(reverse("team:case_timeline", args=[lae_case.pk])).content.decode()
    assert "Objetivo: Objetivo en employment" in timeline


def test_an_objective_of_another_case_is_refused(
    lae_case, plan, other_plan, lae_professional, client_for
):
    foreign = other_plan.objectives.get()
    # through the form: not one of the choices, and what was typed is kept
    response = client_for(lae_professional).post(
        reverse("team:activity_create", args=[lae_case.pk]), post(lae_case, foreign.pk)
    )
    assert response.status_code == 200
    assert "Escoja una opción válida" in response.content.decode()
    assert "Búsqueda de empleo." in response.content.decode()
    # and through the action itself
    with pytest.raises(ValidationError) as error:
        actions.record_activity(
            case=lae_case,
            actor=lae_professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(datetime.date(2026, 3, 2)),
            ambit=Ambit.LABOUR,
            objective=foreign,
        )
    assert "objective" in error.value.error_dict
    assert not lae_case.activity_records.exists()


def test_a_case_without_a_plan_records_sessions_without_objective(
    lae_case, lae_professional, client_for
):
    page = client_for(lae_professional).get(reverse("team:activity_create", args=[lae_case.pk]))
    assert "aún no tiene plan de intervención con objetivos" in page.content.decode()


def test_the_plan_shows_the_attended_sessions_of_each_objective(
    lae_case, plan, lae_professional, client_for, django_assert_max_num_queries
):
    # given two attended sessions and one absence on «employment», none on «peers»
    employment = plan.objectives.get(objective="Objetivo en employment")
    for day, attendance, reason in (
        (datetime.date(2026, 3, 2), Attendance.ATTENDED, ""),
        (datetime.date(2026, 3, 9), Attendance.ABSENT_UNJUSTIFIED, "No llegó"),
        (datetime.date(2026, 3, 16), Attendance.ATTENDED, ""),
    ):
        actions.record_activity(
            case=lae_case,
            actor=lae_professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(day),
            ambit=Ambit.LABOUR,
            objective=employment,
            attendance=attendance,
            absence_reason=reason,
        )
    client = client_for(lae_professional)
    url = reverse("team:plan_detail", args=[lae_case.pk, plan.pk])
    # when the plan is opened
    with django_assert_max_num_queries(40):
        page = client.get(url)
    # then each objective says how many sessions worked on it, and when the last one was
    rows = {o.objective: o for _, _, objectives in page.context["axes"] for o in objectives}
    assert rows["Objetivo en employment"].sessions == 2
    assert rows["Objetivo en peers"].sessions == 0
    body = page.content.decode()
    assert "2 sesiones" in body
    assert "última: 16-03-2026" in body
    assert "Ninguna aún" in body
