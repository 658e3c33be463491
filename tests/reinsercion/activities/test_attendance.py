import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, ActivityRecord, Attendance

from ...factories import CohortFactory, open_case
from ..activity_helpers import at, travel


@pytest.fixture
def cohort(opv):
    return CohortFactory(program=opv, ordinal=7, year=2026)


@pytest.fixture
def roster(opv, cohort, coordinator, professional):
    """A full generation: 20 members."""
    return [
        open_case(program=opv, actor=coordinator, cohort=cohort, professionals=[professional])
        for _ in range(20)
    ]


@pytest.fixture
def workshop_session(cohort, professional):
    with travel(at(2026, 3, 1)):
        series = activity_actions.create_workshop_series(
            cohort=cohort,
            actor=professional,
            title="Taller psicosocial intrapenitenciario",
            ambit=Ambit.PSYCHOSOCIAL,
            facilitators="Dupla psicosocial",
        )
        return activity_actions.schedule_workshop_session(
            series=series, actor=professional, starts_at=at(2026, 3, 3, 10), topic="Encuadre"
        )


def attendance_post(roster, absent=(), reasons=None):
    data = {}
    reasons = reasons or {}
    for case in roster:
        data[f"att_{case.pk}"] = (
            Attendance.ABSENT_UNJUSTIFIED if case in absent else Attendance.ATTENDED
        )
        data[f"reason_{case.pk}"] = reasons.get(case.pk, "")
    return data


def test_attendance_for_twenty_people_is_one_submission_with_bounded_queries(
    roster, workshop_session, professional, client_for, django_assert_max_num_queries
):
    # given a 20-person generation and a workshop session held yesterday
    client = client_for(professional)
    url = reverse("team:workshop_attendance", args=[workshop_session.pk])
    absent = roster[:2]
    data = attendance_post(roster, absent, {c.pk: "No bajó al taller" for c in absent})
    # when Ana submits the whole roster at once
    with travel(at(2026, 3, 4, 9)):
        # reads are a fixed number; writes are one insert + one audit entry per member
        with django_assert_max_num_queries(25 + 2 * len(roster)):
            response = client.post(url, data)
    # then every member has the workshop on their own record
    assert response.status_code == 302
    records = ActivityRecord.objects.filter(workshop_session=workshop_session)
    assert records.count() == 20
    assert {r.case_id for r in records} == {c.pk for c in roster}
    assert records.filter(attendance=Attendance.ATTENDED).count() == 18
    assert all(r.kind == ActivityKind.WORKSHOP and not r.is_late for r in records)
    workshop_session.refresh_from_db()
    assert workshop_session.attendance_taken_at is not None


def test_the_attendance_page_has_bounded_queries(
    roster, workshop_session, professional, client_for, django_assert_max_num_queries
):
    client = client_for(professional)
    with travel(at(2026, 3, 4, 9)):
        with django_assert_max_num_queries(15):
            response = client.get(reverse("team:workshop_attendance", args=[workshop_session.pk]))
    assert response.status_code == 200
    assert roster[0].person.full_name in response.content.decode()


def test_an_absence_without_reason_comes_back_with_the_error(
    roster, workshop_session, professional, client_for
):
    client = client_for(professional)
    data = attendance_post(roster, absent=[roster[3]])
    with travel(at(2026, 3, 4, 9)):
        response = client.post(
            reverse("team:workshop_attendance", args=[workshop_session.pk]), data
        )
    assert response.status_code == 200
    assert "Indique el motivo de la inasistencia." in response.content.decode()
    assert not ActivityRecord.objects.exists()


def test_taking_attendance_again_corrects_it_without_duplicates(
    roster, workshop_session, professional
):
    marks = {c.pk: (Attendance.ATTENDED, "") for c in roster}
    with travel(at(2026, 3, 3, 18)):
        activity_actions.take_workshop_attendance(
            session=workshop_session, actor=professional, marks=marks
        )
        marks[roster[0].pk] = (Attendance.ABSENT_JUSTIFIED, "Audiencia en el tribunal")
        activity_actions.take_workshop_attendance(
            session=workshop_session, actor=professional, marks=marks
        )
    assert ActivityRecord.objects.filter(workshop_session=workshop_session).count() == 20
    corrected = roster[0].activity_records.get()
    assert corrected.attendance == Attendance.ABSENT_JUSTIFIED
    assert corrected.absence_reason == "Audiencia en el tribunal"


def test_attendance_taken_after_48_hours_is_late(roster, workshop_session, professional):
    with travel(at(2026, 3, 6, 9)):
        records = activity_actions.take_workshop_attendance(
            session=workshop_session,
            actor=professional,
            marks={roster[0].pk: (Attendance.ATTENDED, "")},
        )
    assert records[0].is_late


def test_attendance_shows_on_each_members_timeline(
    roster, workshop_session, professional, client_for
):
    with travel(at(2026, 3, 3, 18)):
        activity_actions.take_workshop_attendance(
            session=workshop_session,
            actor=professional,
            marks={roster[5].pk: (Attendance.ATTENDED, "")},
        )
    page = client_for(professional).get(reverse("team:case_timeline", args=[roster[5].pk]))
    assert "Taller psicosocial intrapenitenciario: Encuadre" in page.content.decode()


def test_attendance_for_a_future_session_is_refused(roster, workshop_session, professional):

    with travel(at(2026, 3, 2)), pytest.raises(ValidationError):
        activity_actions.take_workshop_attendance(
            session=workshop_session,
            actor=professional,
            marks={roster[0].pk: (Attendance.ATTENDED, "")},
        )


def test_outsiders_cannot_take_attendance(
    roster, workshop_session, lae_professional, editor, director, client_for
):
    url = reverse("team:workshop_attendance", args=[workshop_session.pk])
    assert client_for(lae_professional).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 403
    # the director reads the page but may not submit it
    with travel(at(2026, 3, 4, 9)):
        response = client_for(director).post(url, attendance_post(roster))
    assert response.status_code == 403
    assert not ActivityRecord.objects.exists()


def test_workshop_pages_list_series_and_sessions(
    cohort, workshop_session, professional, client_for, django_assert_max_num_queries
):
    client = client_for(professional)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("team:cohort_workshops", args=[cohort.pk]))
    assert "Taller psicosocial intrapenitenciario" in listing.content.decode()
    with travel(at(2026, 3, 4, 9)):
        detail = client.get(reverse("team:workshop_detail", args=[workshop_session.series.pk]))
    assert "Sin registrar" in detail.content.decode()


def test_a_session_without_attendance_shows_on_the_agenda_until_taken(
    roster, workshop_session, professional, client_for
):
    client = client_for(professional)
    url = reverse("team:workshop_attendance", args=[workshop_session.pk])
    # given the session of 03-03-2026 without attendance, on 06-03 (past the 48 hours)
    with travel(at(2026, 3, 6, 9)):
        before = client.get(reverse("team:agenda")).content.decode()
        activity_actions.take_workshop_attendance(
            session=workshop_session,
            actor=professional,
            marks={c.pk: (Attendance.ATTENDED, "") for c in roster},
        )
        after = client.get(reverse("team:agenda")).content.decode()
    # then the agenda lists it as overdue, and no more once attendance is taken
    assert url in before and "Vencido (plazo 05-03-2026)" in before
    assert url not in after


def test_creating_a_workshop_and_scheduling_its_sessions(cohort, professional, client_for):
    client = client_for(professional)
    response = client.post(
        reverse("team:cohort_workshops", args=[cohort.pk]),
        {"title": "Apresto laboral", "ambit": Ambit.LABOUR, "facilitators": "OMIL"},
    )
    series = cohort.workshop_series.get()
    assert response.status_code == 302 and series.title == "Apresto laboral"
    response = client.post(
        reverse("team:workshop_detail", args=[series.pk]),
        {"starts_at": "2026-12-01T10:00", "topic": "Currículum", "duration_minutes": 90},
    )
    assert response.status_code == 302
    assert series.sessions.get().topic == "Currículum"


def test_only_the_program_team_runs_workshops(cohort, director, lae_professional, client_for):
    url = reverse("team:cohort_workshops", args=[cohort.pk])
    data = {"title": "Taller", "ambit": Ambit.PSYCHOSOCIAL}
    assert client_for(director).post(url, data).status_code == 403
    assert client_for(lae_professional).get(url).status_code == 404
    assert not cohort.workshop_series.exists()
