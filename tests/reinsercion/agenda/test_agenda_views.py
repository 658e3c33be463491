"""The agenda's views (today, this week, overdue, next 30 days), the collapsing of old overdue
items, the phase rule of field visits and the team's count per professional. Clock frozen."""

import datetime
import re
from io import StringIO

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reinsercion import extensions
from reinsercion.activities.models import ActivityKind
from reinsercion.agenda import queries as agenda
from reinsercion.agenda.actions import refresh_all
from reinsercion.cases import actions as case_actions
from reinsercion.extensions import AgendaItem
from reinsercion.plans.models import InterventionPlan, PlanStatus
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, User

from ...factories import open_case
from ..activity_helpers import at, contact_rule, fortnightly, record, travel

D = datetime.date
TODAY = D(2026, 5, 6)  # a Wednesday


@pytest.fixture
def items(monkeypatch):
    """Register a source that says what is due on which case: {case_id: [(due_on, title)]}."""
    due = {}

    def source(cases, today):
        ids = set(cases.values_list("pk", flat=True))
        return [
            AgendaItem(due_on=day, kind="control", kind_label="Control", title=title, case_id=pk)
            for pk, rows in due.items()
            if pk in ids
            for day, title in rows
        ]

    monkeypatch.setitem(extensions._agenda_sources, "test_controls", source)
    return due


def page(client, url_name="team:agenda", **params):
    with travel(TODAY):
        refresh_all()
        response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return response.content.decode()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_the_agenda_opens_on_today_and_each_view_shows_its_days(
    case, professional, client_for, items
):
    # given items due today, on Sunday, in 20 days, and 3 days ago
    items[case.pk] = [
        (TODAY, "Lo de hoy"),
        (days(4), "Lo del domingo"),
        (days(20), "Lo de dentro de 20 días"),
        (days(-3), "Lo vencido"),
    ]
    client = client_for(professional)
    # when she opens her agenda, it shows today's item only
    body = page(client)
    assert "Lo de hoy" in body
    assert "Lo del domingo" not in body and "Lo vencido" not in body
    # and tells her how many are overdue, by kind, with a link to them
    assert "Vencidos por tipo" in body and "vista=vencidos" in body
    # then each view shows its own days
    week = page(client, vista="semana")
    assert "Lo de hoy" in week and "Lo del domingo" in week
    assert "Lo de dentro de 20 días" not in week and "Lo vencido" not in week
    month = page(client, vista="30-dias")
    assert "Lo de dentro de 20 días" in month and "Lo vencido" not in month
    overdue = page(client, vista="vencidos")
    assert "Lo vencido" in overdue and "Vencido hace 3 días" in overdue
    assert "Lo de hoy" not in overdue


def test_an_item_200_days_overdue_is_collapsed_into_one_line_per_case(
    case, professional, client_for, items
):
    # given twelve controls missed more than 90 days ago and one missed last week
    items[case.pk] = [(days(-200 + i), f"Control antiguo {i}") for i in range(12)]
    items[case.pk].append((days(-7), "Control reciente"))
    client = client_for(professional)
    # when she looks at what is overdue
    body = page(client, vista="vencidos")
    # then the recent one is listed, grouped under its kind, and the old ones are one line
    assert "Control reciente" in body and "Vencido hace 7 días" in body
    assert "Control antiguo" not in body and "Vencido hace 200 días" not in body
    assert "Vencidos hace más de 90 días" in body
    assert f"12 pendientes desde el {days(-200):%d-%m-%Y}" in body
    assert body.count(case.person.full_name) == 2  # the recent row and the collapsed line
    # and the overdue tab counts all thirteen
    assert re.search(r'vista=vencidos"[^>]*>Vencidos <span class="badge badge--overdue">13<', body)


def test_no_visit_item_while_the_person_is_inside_the_prison(
    case, professional, coordinator, monkeypatch
):
    # given an OPV case in its intra-penitentiary phase whose rule asks for visits every 60 days
    assert case.phase == Phase.INTRA_PENITENTIARY
    contact_rule(monkeypatch, {case.pk: fortnightly(visit_interval_days=60)})
    # then the agenda asks for no field or home visit, even months after intake
    with travel(D(2026, 6, 1)):
        rows = agenda.collect(agenda.my_cases(professional), D(2026, 6, 1))
    assert [r for r in rows if r.item.kind == "field_visit"] == []
    # when the person is released on 1 June
    case_actions.move_case_phase(
        case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=coordinator, on_date=D(2026, 6, 1)
    )
    # then the first visit is due 60 days after release, not after intake
    with travel(D(2026, 7, 25)):
        rows = agenda.collect(agenda.my_cases(professional), D(2026, 7, 25))
    assert [r.item.due_on for r in rows if r.item.kind == "field_visit"] == [D(2026, 7, 31)]
    # and a home visit moves it on
    record(case, professional, at(2026, 7, 20), kind=ActivityKind.HOME_VISIT)
    with travel(D(2026, 7, 25)):
        rows = agenda.collect(agenda.my_cases(professional), D(2026, 7, 25))
    assert [r.item.due_on for r in rows if r.item.kind == "field_visit"] == []


def test_the_team_agenda_counts_per_professional_and_filters_by_one(
    opv, case, professional, other_professional, coordinator, client_for, items
):
    # given Ana's case with two items overdue and Bruno's with one due today
    brunos = open_case(program=opv, actor=coordinator, professionals=[other_professional])
    items[case.pk] = [(days(-2), "Control de Ana 1"), (days(-1), "Control de Ana 2")]
    items[brunos.pk] = [(TODAY, "Control de Bruno")]
    client = client_for(coordinator)
    # when the coordinator opens the team agenda on its overdue view
    body = page(client, "team:team_agenda", vista="vencidos")
    # then each professional has a row with their counts per view, linking to their filter
    assert "Por profesional" in body
    ana_row = body[body.index(f"profesional={professional.pk}") :].split("</tr>")[0]
    bruno_row = body[body.index(f"profesional={other_professional.pk}") :].split("</tr>")[0]
    assert '<td data-label="Vencidos">2</td>' in ana_row
    assert '<td data-label="Hoy">0</td>' in ana_row
    assert '<td data-label="Hoy">1</td>' in bruno_row
    assert '<td data-label="Vencidos">0</td>' in bruno_row
    # and the filter by one professional shows only her cases
    only_bruno = page(client, "team:team_agenda", profesional=other_professional.pk)
    assert "Control de Bruno" in only_bruno and "Control de Ana" not in only_bruno
    only_ana = page(client, "team:team_agenda", profesional=professional.pk, vista="vencidos")
    assert "Control de Ana 1" in only_ana and "Control de Bruno" not in only_ana


def test_a_fresh_demo_gives_psicologa_opv_an_agenda_of_today(db, client_for):
    # given a fresh demo, loaded today
    call_command("demo", stdout=StringIO())
    today = timezone.localdate()
    user = User.objects.get(username="psicologa.opv")
    client = client_for(user)
    # when she opens her agenda
    response = client.get(reverse("team:agenda"))
    # then its first screen lists nothing overdue by more than 365 days
    rows = response.context["page_obj"].object_list
    assert rows, "a fresh demo has work for today"
    assert all((today - r.item.due_on).days <= 365 for r in rows)
    # and nothing she has is overdue by more than a year at all, even in the overdue view
    overdue = client.get(reverse("team:agenda"), {"vista": "vencidos"})
    assert all((today - line["since"]).days <= 365 for line in overdue.context["collapsed"])
    assert all(r.days_overdue <= 365 for r in overdue.context["page_obj"].object_list)
    # and the generations still open are recent: the intra one started within the year
    intra = Cohort.objects.get(program__code="OPV", ordinal=7)
    assert (today - intra.starts_on).days < 365
    assert intra.cases.filter(phase=Phase.INTRA_PENITENTIARY).count() == 14
    follow_up = Cohort.objects.get(program__code="OPV", ordinal=6)
    assert follow_up.cases.filter(phase=Phase.FOLLOW_UP).count() == 11


def test_a_large_team_is_counted_one_professional_at_a_time(
    opv, case, professional, other_professional, coordinator, client_for, items, monkeypatch
):
    # given a team larger than the table of professionals may list (two, over a limit of one)
    monkeypatch.setattr("reinsercion.agenda.views.PER_PROFESSIONAL_TABLE_MAX", 1)
    items[case.pk] = [(days(-2), "Control de Ana 1")]
    client = client_for(coordinator)
    # when the coordinator opens the team agenda
    body = page(client, "team:team_agenda", vista="vencidos")
    # then there is no table over every professional, and the page says how to see one
    assert "Por profesional" not in body
    assert "El equipo tiene 2 profesionales" in body
    # and the filter by one still gives her items and counts
    only_ana = page(client, "team:team_agenda", profesional=professional.pk, vista="vencidos")
    assert "Control de Ana 1" in only_ana


def test_a_fresh_demo_shows_the_supervisor_the_plans_waiting_for_review(db, client_for):
    # given a fresh demo, loaded today
    call_command("demo", stdout=StringIO())
    supervisor = User.objects.get(username="supervision.lae")
    waiting = InterventionPlan.objects.filter(
        status=PlanStatus.IN_REVIEW, case__program__code__in=["LAE", "LAS"]
    )
    assert waiting.exists(), "the demo has plans sent for review"
    # when the supervisor opens her home page
    body = client_for(supervisor).get(reverse("team:home")).content.decode()
    # then «Por visar» lists them (with the referrals waiting for her visado) and counts them
    block = body.split('data-queue="to_review"')[1].split("</div>")[0]
    count = int(block.split('<span class="count">')[1].split("<")[0])
    assert count >= waiting.count()
    assert any(plan.get_absolute_url() in block for plan in waiting)
