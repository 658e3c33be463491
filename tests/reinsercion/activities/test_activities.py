import datetime

import pytest
from auditlog.models import LogEntry

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reinsercion import extensions
from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, ActivityRecord, Attendance
from reinsercion.cases.queries import case_data_version
from reinsercion.extensions import TimelineEntry

from ..activity_helpers import at, record, travel

SESSION = at(2026, 3, 2, 10)  # ends at 11:00 (60 minutes)


@pytest.mark.parametrize(
    ("recorded_at", "late"),
    [
        (at(2026, 3, 2, 12), False),
        (at(2026, 3, 4, 10, 59), False),  # 47 h 59 min after the end
        (at(2026, 3, 4, 11, 0), False),  # exactly 48 h
        (at(2026, 3, 4, 11, 1), True),  # 48 h 1 min
        (at(2026, 3, 10, 9), True),
    ],
)
def test_a_record_entered_more_than_48_hours_after_the_session_is_late(
    case, professional, recorded_at, late
):
    # given a session that ended on 02-03-2026 at 11:00
    # when Ana records it at ``recorded_at``
    with travel(recorded_at):
        rec = activity_actions.record_activity(
            case=case,
            actor=professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=SESSION,
            duration_minutes=60,
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=Attendance.ATTENDED,
        )
    # then it is marked late only after 48 hours
    assert rec.is_late is late


def test_a_scheduled_session_completed_late_is_marked_late(case, professional):
    # given a session scheduled in advance
    with travel(at(2026, 3, 1)):
        rec = activity_actions.record_activity(
            case=case,
            actor=professional,
            kind=ActivityKind.COUNSELLING,
            occurred_at=SESSION,
            duration_minutes=60,
            ambit=Ambit.FAMILY,
            attendance=Attendance.SCHEDULED,
        )
    assert rec.recorded_at is None and not rec.is_late
    # when its attendance is recorded three days later
    with travel(at(2026, 3, 5, 9)):
        activity_actions.update_activity(
            record=rec, actor=professional, attendance=Attendance.ATTENDED, notes="Asistió."
        )
    # then it is late
    rec.refresh_from_db()
    assert rec.is_late
    assert rec.attendance == Attendance.ATTENDED


def test_an_absence_needs_its_reason(case, professional):
    with pytest.raises(ValidationError) as error:
        with travel(at(2026, 3, 2, 12)):
            activity_actions.record_activity(
                case=case,
                actor=professional,
                kind=ActivityKind.CONTROL_IN_PERSON,
                occurred_at=SESSION,
                ambit=Ambit.PSYCHOSOCIAL,
                attendance=Attendance.ABSENT_UNJUSTIFIED,
            )
    assert "absence_reason" in error.value.error_dict


def test_attendance_cannot_be_recorded_for_a_future_session(case, professional):
    with pytest.raises(ValidationError) as error:
        with travel(at(2026, 3, 1)):
            activity_actions.record_activity(
                case=case,
                actor=professional,
                kind=ActivityKind.INDIVIDUAL,
                occurred_at=at(2026, 3, 20),
                ambit=Ambit.PSYCHOSOCIAL,
                attendance=Attendance.ATTENDED,
            )
    assert "attendance" in error.value.error_dict


def test_a_professional_not_assigned_cannot_record(case, other_professional):
    with pytest.raises(PermissionDenied):
        record(case, other_professional, SESSION)


def test_recording_a_session_through_the_form(case, professional, client_for):
    # given Ana on her case
    client = client_for(professional)
    url = reverse("team:activity_create", args=[case.pk])
    # when she submits the form
    response = client.post(
        url,
        {
            "kind": ActivityKind.HOME_VISIT,
            "occurred_at": "2026-03-02T10:00",
            "duration_minutes": 60,
            "ambit": Ambit.FAMILY,
            "participants": "Madre",
            "attendance": Attendance.ATTENDED,
            "absence_reason": "",
            "notes": "Visita al domicilio.",
        },
    )
    # then the record is on the timeline, with its ámbito
    assert response.status_code == 302
    timeline = client.get(reverse("team:case_timeline", args=[case.pk])).content.decode()
    assert "Visita domiciliaria" in timeline
    assert "ámbito familiar" in timeline


def test_the_form_comes_back_filled_with_the_error(case, professional, client_for):
    client = client_for(professional)
    response = client.post(
        reverse("team:activity_create", args=[case.pk]),
        {
            "kind": ActivityKind.CONTROL_IN_PERSON,
            "occurred_at": "2026-03-02T10:00",
            "duration_minutes": 60,
            "ambit": Ambit.PSYCHOSOCIAL,
            "attendance": Attendance.ABSENT_UNJUSTIFIED,
            "notes": "No llegó al control.",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Indique el motivo de la inasistencia." in body
    assert "No llegó al control." in body
    assert not ActivityRecord.objects.exists()


def test_who_may_not_record_gets_404_or_403(
    case, other_professional, director, editor, lae_professional, client_for
):
    url = reverse("team:activity_create", args=[case.pk])
    assert client_for(other_professional).get(url).status_code == 404
    assert client_for(lae_professional).get(url).status_code == 404
    assert client_for(director).get(url).status_code == 403  # reads, never changes
    assert client_for(editor).get(url).status_code == 403


def test_timeline_merges_every_source_and_filters_by_type_and_ambit(
    case, professional, client_for, monkeypatch
):
    # given two sessions and an entry from another app's timeline source
    record(case, professional, at(2026, 3, 2), ambit=Ambit.PSYCHOSOCIAL)
    record(case, professional, at(2026, 3, 9), kind=ActivityKind.COUNSELLING, ambit=Ambit.LABOUR)
    monkeypatch.setitem(
        extensions._timeline_sources,
        "families",
        lambda c: [
            TimelineEntry(
                when=datetime.date(2026, 3, 5),
                kind="family_intervention",
                kind_label="Intervención familiar",
                title="Charla informativa a la familia",
                ambit="family",
            )
        ],
    )
    client = client_for(professional)
    url = reverse("team:case_timeline", args=[case.pk])
    # when she opens the timeline, then filters
    everything = client.get(url).content.decode()
    labour = client.get(url, {"ambito": Ambit.LABOUR}).content.decode()
    family = client.get(url, {"tipo": "family_intervention"}).content.decode()
    # then
    assert "Charla informativa a la familia" in everything
    assert everything.index("Consejería") < everything.index("Charla informativa")
    assert "Consejería" in labour and "Charla informativa" not in labour
    assert "Intervención individual</a>" not in labour
    assert "Charla informativa" in family and "Consejería</a>" not in family


def test_the_timeline_is_a_case_section(case, professional, client_for):
    page = client_for(professional).get(reverse("team:case_detail", args=[case.pk]))
    assert reverse("team:case_timeline", args=[case.pk]) in page.content.decode()
    assert "Línea de tiempo" in page.content.decode()


def test_timeline_query_count_is_bounded(
    case, professional, client_for, django_assert_max_num_queries
):
    # given: the timeline gathers every registered source (one or two queries each)
    client = client_for(professional)
    url = reverse("team:case_timeline", args=[case.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for day in range(1, 4):
        record(case, professional, at(2026, 3, day))
    count()  # warm caches
    case_data_version(case.pk).bump()
    few = count()  # the timeline computed
    cached = count()  # and read back from the cache
    for day in range(4, 25):
        record(case, professional, at(2026, 3, day))
    # then: more records, same queries, within a fixed bound, computed or cached
    assert count() == few  # the new records renewed the cached timeline
    assert count() == cached < few
    with django_assert_max_num_queries(40):
        page = client.get(url)
    assert "24-03-2026" in page.content.decode()


def test_a_record_shows_in_the_case_history(case, professional):
    rec = record(case, professional, SESSION)
    entry = LogEntry.objects.get_for_object(rec).get()
    assert entry.actor == professional
    assert entry.additional_data == {"case": case.pk}


def test_outsiders_cannot_see_the_timeline(case, other_professional, editor, client_for):
    url = reverse("team:case_timeline", args=[case.pk])
    assert client_for(other_professional).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 403


def test_a_recorded_session_cannot_go_back_to_scheduled(case, professional):
    rec = record(case, professional, SESSION)
    with pytest.raises(ValidationError) as error:
        with travel(at(2026, 3, 3)):
            activity_actions.update_activity(
                record=rec, actor=professional, attendance=Attendance.SCHEDULED
            )
    assert "attendance" in error.value.error_dict
