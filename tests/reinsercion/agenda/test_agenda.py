import datetime
from collections import Counter
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reinsercion import extensions
from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import (
    ActivityKind,
    ActivityRecord,
    Attendance,
    FollowUpContact,
)
from reinsercion.agenda import queries as agenda
from reinsercion.agenda.actions import refresh_all
from reinsercion.agenda.models import AgendaCount, AgendaEntry
from reinsercion.cases import actions as case_actions
from reinsercion.extensions import AgendaItem
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.models import User

from ...factories import UserFactory, member, open_case
from ..activity_helpers import (
    at,
    contact_rule,
    fortnightly,
    record,
    set_court_data,
    travel,
)

D = datetime.date


def court_report(request):
    case, user = request.getfixturevalue("lae_case"), request.getfixturevalue("lae_professional")
    set_court_data(case, user, sentence_starts_on=D(2026, 1, 5))  # LAE: every 3 months
    return user, "court_report", D(2026, 4, 5)


def court_report_with_drug_condition(request):
    case, user = request.getfixturevalue("lae_case"), request.getfixturevalue("lae_professional")
    set_court_data(
        case, user, sentence_starts_on=D(2026, 1, 5), drug_treatment_condition=True
    )  # monthly
    return user, "court_report", D(2026, 2, 5)


def follow_up_contact(request):
    case, user = request.getfixturevalue("case"), request.getfixturevalue("professional")
    case_actions.move_case_phase(
        case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=user, on_date=D(2026, 6, 1)
    )
    case_actions.move_case_phase(
        case=case, to_phase=Phase.FOLLOW_UP, actor=user, on_date=D(2026, 8, 1)
    )
    return user, "follow_up_contact", D(2026, 9, 1)


def field_visit(request):
    case, user = request.getfixturevalue("case"), request.getfixturevalue("professional")
    contact_rule(
        request.getfixturevalue("monkeypatch"), {case.pk: fortnightly(visit_interval_days=60)}
    )
    # out of prison: field visits apply
    case_actions.move_case_phase(
        case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=user, on_date=D(2026, 1, 6)
    )
    record(case, user, at(2026, 2, 10), kind=ActivityKind.HOME_VISIT)  # the last field visit
    return user, "field_visit", D(2026, 4, 11)


def session_record(request):
    case, user = request.getfixturevalue("case"), request.getfixturevalue("professional")
    with travel(D(2026, 2, 20)):
        activity_actions.record_activity(
            case=case,
            actor=user,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 3, 2, 10),
            duration_minutes=60,
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=Attendance.SCHEDULED,
        )
    return user, "session_record", D(2026, 3, 4)  # 48 hours after it ends


def exit_record(request):
    case, user = request.getfixturevalue("lae_case"), request.getfixturevalue("lae_professional")
    set_court_data(case, user, sentence_ends_on=D(2026, 6, 30))
    return user, "exit_record", D(2026, 7, 1)  # within 24 hours of the end of the term


def registered_source(request):
    """Another app's rule (e.g. the plan deadline of issue 3) registered as a source."""
    case, user = request.getfixturevalue("case"), request.getfixturevalue("professional")
    monkeypatch = request.getfixturevalue("monkeypatch")
    due = D(2026, 2, 19)

    def plan_deadlines(cases, today):
        return [
            AgendaItem(due_on=due, kind="plan_due", kind_label="Plan", title="Plan", case_id=pk)
            for pk in cases.values_list("pk", flat=True)
        ]

    monkeypatch.setitem(extensions._agenda_sources, "plans", plan_deadlines)
    assert case.pk
    return user, "plan_due", due


@pytest.mark.parametrize(
    "scenario",
    [
        court_report,
        court_report_with_drug_condition,
        follow_up_contact,
        field_visit,
        session_record,
        exit_record,
        registered_source,
    ],
)
@pytest.mark.parametrize(
    ("days_from_due", "expected"),
    [(-15, None), (-14, agenda.DUE), (0, agenda.DUE), (1, agenda.OVERDUE), (30, agenda.OVERDUE)],
)
def test_every_agenda_item_becomes_due_and_overdue_on_the_right_day(
    request, scenario, days_from_due, expected
):
    # given a case with a deadline of this type
    user, kind, due_on = scenario(request)
    today = due_on + datetime.timedelta(days=days_from_due)
    # when the professional looks at her agenda on ``today``
    with travel(today):
        rows = agenda.collect(agenda.my_cases(user), today)
    # then the item is absent until 14 days before, due until its day, overdue after
    statuses = [r.status for r in rows if r.item.kind == kind and r.item.due_on == due_on]
    assert statuses == ([expected] if expected else [])


def test_a_sent_court_report_leaves_the_agenda(lae_case, lae_professional):
    set_court_data(lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5))
    with travel(D(2026, 4, 8)):
        activity_actions.record_court_report(
            case=lae_case, actor=lae_professional, due_on=D(2026, 4, 5), sent_on=D(2026, 4, 4)
        )
        rows = agenda.collect(agenda.my_cases(lae_professional), D(2026, 4, 8))
    assert [r for r in rows if r.item.kind == "court_report"] == []


def test_a_closed_case_has_no_agenda(lae_case, lae_professional):
    set_court_data(lae_case, lae_professional, sentence_ends_on=D(2026, 6, 30))
    case_actions.move_case_phase(
        case=lae_case,
        to_phase=Phase.EXIT,
        actor=lae_professional,
        on_date=D(2026, 7, 1),
        summary="Cumplió.",
        exit_type="completion",
    )
    assert agenda.collect(agenda.my_cases(lae_professional), D(2026, 7, 2)) == []


def build_cases(program, coordinator, professional, count):
    """Cases with a deadline of every kind this module knows."""
    cases = []
    for _ in range(count):
        case = open_case(program=program, actor=coordinator, professionals=[professional])
        set_court_data(
            case,
            coordinator,
            sentence_starts_on=D(2026, 1, 5),
            sentence_ends_on=D(2026, 4, 20),
        )
        with travel(D(2026, 3, 1)):
            book_session(case, professional)
        cases.append(case)
    return cases


@pytest.mark.parametrize("url_name", ["team:agenda", "team:team_agenda"])
def test_the_agenda_query_count_does_not_grow_with_the_cases(
    lae, lae_professional, client_for, monkeypatch, url_name
):
    # given a coordinator and a professional with 2 cases, then with 12
    coordinator = member(UserFactory(username="coord_lae"), lae, Role.COORDINATION)
    cases = build_cases(lae, coordinator, lae_professional, 2)
    contact_rule(monkeypatch, {c.pk: fortnightly(visit_interval_days=30) for c in cases})
    user = lae_professional if url_name == "team:agenda" else coordinator
    client = client_for(user)
    url = reverse(url_name)

    def measure(**params):
        with travel(D(2026, 4, 10)):
            refresh_all()  # the agendas read the stored rows (kept after commits and daily)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    measure()  # warm caches (content types, session)
    views = ["hoy", "semana", "vencidos", "30-dias"]
    few = [measure(vista=view)[0] for view in views]
    cases += build_cases(lae, coordinator, lae_professional, 10)
    contact_rule(monkeypatch, {c.pk: fortnightly(visit_interval_days=30) for c in cases})
    measure()  # the cached counts (caseload, work queues) are counted again once
    many = [measure(vista=view)[0] for view in views]
    # then the number of queries is the same in every view, and every case's items are there
    # (one kind at a time: plan deadlines of the same cases fill the first page too)
    assert many == few
    overdue = {"vista": "vencidos"}
    assert measure(tipo="court_report", **overdue)[1].count("Informe al tribunal</strong>") == 12
    assert measure(tipo="session_record", **overdue)[1].count("Registro de sesión (48 h)") >= 12
    assert measure(tipo="field_visit", **overdue)[1].count("Visita en terreno</strong>") == 12


def test_my_agenda_shows_only_my_cases(case, lae_case, professional, client_for):
    set_court_data(lae_case, lae_case.professionals.first(), sentence_starts_on=D(2026, 1, 5))
    with travel(D(2026, 4, 10)):
        refresh_all()
        body = client_for(professional).get(reverse("team:agenda")).content.decode()
    # the other team's case has items due, and none of them shows on my agenda
    assert AgendaEntry.objects.filter(case=lae_case).exists()
    assert lae_case.person.full_name not in body


def test_the_team_agenda_filters_by_professional(
    case, professional, other_professional, coordinator, client_for
):
    with travel(D(2026, 2, 20)):
        book_session(case, professional)
    client = client_for(coordinator)
    with travel(D(2026, 3, 5)):
        refresh_all()
        everyone = client.get(reverse("team:team_agenda"), {"vista": "vencidos"}).content.decode()
        bruno = client.get(
            reverse("team:team_agenda"), {"profesional": other_professional.pk, "vista": "vencidos"}
        ).content.decode()
    assert case.person.full_name in everyone and "Vencido hace 1 día" in everyone
    assert case.person.full_name not in bruno


def test_who_may_see_the_team_agenda(professional, editor, director, client_for):
    assert client_for(professional).get(reverse("team:team_agenda")).status_code == 403
    assert client_for(editor).get(reverse("team:agenda")).status_code == 403
    assert client_for(director).get(reverse("team:team_agenda")).status_code == 200


def test_the_agenda_needs_a_login(client, db):
    response = client.get(reverse("team:agenda"))
    assert response.status_code == 302 and "/cuenta/ingresar/" in response["Location"]


def test_the_demo_loads_once_and_gives_the_agenda_current_items(db):

    # given the demo cases and activities, loaded twice
    call_command("demo_casos", stdout=StringIO())
    call_command("demo_actividades", stdout=StringIO())
    count = ActivityRecord.objects.count()
    call_command("demo_actividades", stdout=StringIO())
    # then nothing is duplicated
    assert ActivityRecord.objects.count() == count > 0
    # and the LAE case manager has overdue and due items today
    rows = agenda.collect(agenda.my_cases(User.objects.get(username="gestor.lae")))
    assert {r.status for r in rows} == {agenda.OVERDUE, agenda.DUE}
    # and the generation in follow-up has the contacts due so far recorded, none in the future
    today = timezone.localdate()
    contacts = FollowUpContact.objects.filter(case__cohort__ordinal=6)
    recorded = contacts.filter(record__isnull=False)
    assert recorded.count() >= 11 * 6
    assert not recorded.filter(due_on__gte=today).exists()
    assert not recorded.filter(record__occurred_at__gte=timezone.now()).exists()
    # and a few are still to be made (a few overdue items, not years of them)
    missed = contacts.filter(record__isnull=True, due_on__lt=today)
    assert 0 < missed.count() <= 5
    assert not missed.filter(due_on__lt=today - datetime.timedelta(days=60)).exists()


def test_a_source_cannot_put_other_cases_on_my_agenda(case, lae_case, professional, monkeypatch):
    # given a faulty source that returns an item for a case Ana may not see
    def leaky(cases, today):
        return [
            AgendaItem(
                due_on=today, kind="leak", kind_label="Otro", title="Otro", case_id=lae_case.pk
            )
        ]

    monkeypatch.setitem(extensions._agenda_sources, "leaky", leaky)
    # then her agenda does not show it
    assert agenda.collect(agenda.my_cases(professional), D(2026, 3, 1)) == []


def test_acting_on_a_court_report_item_through_its_link(lae_case, lae_professional, client_for):
    set_court_data(lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5))
    client = client_for(lae_professional)
    with travel(D(2026, 4, 8)):
        row = next(
            r
            for r in agenda.collect(agenda.my_cases(lae_professional))
            if r.item.kind == "court_report"
        )
        form = client.get(row.item.url).context["form"]
        assert form.initial["due_on"] == D(2026, 4, 5)
        response = client.post(
            row.item.url, {"due_on": "2026-04-05", "sent_on": "2026-04-07", "notes": ""}
        )
        assert response.status_code == 302
        again = client.post(
            row.item.url, {"due_on": "2026-04-05", "sent_on": "2026-04-07", "notes": ""}
        )
        assert "Ya se registró el informe" in again.content.decode()
        rows = agenda.collect(agenda.my_cases(lae_professional))
    assert not [r for r in rows if r.item.kind == "court_report"]


@pytest.mark.django_db(transaction=True)
def test_a_change_refreshes_the_stored_agenda_after_it_commits(case, professional):
    # given a case whose stored agenda has nothing to record yet
    assert not AgendaEntry.objects.filter(case=case, kind="session_record").exists()
    # when a session is booked through the action, in its own committed transaction
    with travel(D(2026, 2, 20)):
        book_session(case, professional)
    # then the case's stored agenda was rebuilt, with the record due 48 h after the session
    kinds = set(AgendaEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert "session_record" in kinds
    assert_totals_match_the_rows()
    # and when the session is recorded, the item leaves the rows and the totals alike
    record = case.activity_records.get()
    with travel(D(2026, 3, 3)):
        activity_actions.update_activity(
            record=record, actor=professional, attendance=Attendance.ATTENDED
        )
    kinds = set(AgendaEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert "session_record" not in kinds
    assert_totals_match_the_rows()


def book_session(case, professional):
    """A session booked for 2 March 2026 at 10:00, its record due 48 h after it."""
    return activity_actions.record_activity(
        case=case,
        actor=professional,
        kind=ActivityKind.INDIVIDUAL,
        occurred_at=at(2026, 3, 2, 10),
        ambit=Ambit.PSYCHOSOCIAL,
        attendance=Attendance.SCHEDULED,
    )


def assert_totals_match_the_rows():
    rows = Counter(AgendaEntry.objects.values_list("program_id", "kind", "kind_label", "due_on"))
    totals = {
        (c.program_id, c.kind, c.kind_label, c.due_on): c.n for c in AgendaCount.objects.all()
    }
    assert totals == dict(rows)


def test_a_closed_case_leaves_the_stored_agenda(case, professional, coordinator):
    with travel(D(2026, 2, 20)):
        book_session(case, professional)
        refresh_all()
        assert AgendaEntry.objects.filter(case=case).exists()
        case_actions.move_case_phase(
            case=case,
            to_phase=case.program.terminal_phase,
            actor=coordinator,
            summary="Egreso anticipado.",
            exit_type="dropout",
        )
        refresh_all()
    assert not AgendaEntry.objects.filter(case=case).exists()


def test_refresh_agenda_command_rebuilds_every_open_case(case, professional):
    with travel(D(2026, 2, 20)):
        book_session(case, professional)
        out = StringIO()
        call_command("refresh_agenda", stdout=out)
    stored = AgendaEntry.objects.filter(case=case).count()
    assert stored > 0
    assert f"Agenda recalculada: {stored} pendientes." in out.getvalue()
