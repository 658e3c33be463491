import datetime

import pytest
from icalendar import Calendar

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance

from ..activity_helpers import at, travel


@pytest.fixture
def scheduled(case, professional):
    with travel(datetime.date(2026, 2, 20)):
        return activity_actions.record_activity(
            case=case,
            actor=professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 3, 2, 10),
            duration_minutes=60,
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=Attendance.SCHEDULED,
        )


def test_a_professional_creates_her_private_feed_and_it_validates(
    case, scheduled, professional, client_for
):
    # given Ana creates her calendar address
    client = client_for(professional)
    response = client.post(reverse("team:calendar_settings"))
    assert response.status_code == 302
    professional.refresh_from_db()
    token = professional.calendar_token
    assert len(token) >= 40
    page = client.get(reverse("team:calendar_settings")).content.decode()
    assert token in page
    # when her calendar app (not logged in) fetches the feed
    client.logout()
    with travel(datetime.date(2026, 3, 5)):
        feed = client.get(reverse("team:calendar_feed", args=[token]))
    # then it is a valid iCalendar with the overdue record, without the person's name
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    summary = str(events[0]["SUMMARY"])
    assert f"caso {case.pk}" in summary and summary.startswith("VENCIDO")
    assert case.person.last_names not in feed.content.decode()
    # on the day it fell due, not piled on today
    assert events[0].decoded("DTSTART") == datetime.date(2026, 3, 4)
    assert str(events[0]["URL"]).endswith(
        reverse("team:activity_update", args=[case.pk, scheduled.pk])
    )


def test_an_upcoming_item_sits_on_its_due_date(case, scheduled, professional, client):
    token = activity_actions.rotate_calendar_token(user=professional, actor=professional)
    with travel(datetime.date(2026, 2, 25)):
        feed = client.get(reverse("team:calendar_feed", args=[token]))
    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime.date(2026, 3, 4)
    assert not str(event["SUMMARY"]).startswith("VENCIDO")


def test_overdue_items_stay_on_their_own_day_and_none_is_put_on_today(
    case, scheduled, professional, client
):
    # given a record overdue for 200 days
    token = activity_actions.rotate_calendar_token(user=professional, actor=professional)
    today = datetime.date(2026, 9, 20)
    # when her calendar app fetches the feed
    with travel(today):
        feed = client.get(reverse("team:calendar_feed", args=[token]))
    # then the overdue item is on the day it fell due, and nothing all-day sits on today
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    overdue = [e for e in events if str(e["SUMMARY"]).startswith("VENCIDO")]
    assert [e.decoded("DTSTART") for e in overdue] == [datetime.date(2026, 3, 4)]
    assert all(e.decoded("DTSTART") != today for e in events)


@pytest.mark.parametrize("token", ["x" * 43, "corto", "a" * 64])
def test_a_wrong_token_gets_404(professional, client, token):
    activity_actions.rotate_calendar_token(user=professional, actor=professional)
    assert client.get(reverse("team:calendar_feed", args=[token])).status_code == 404


def test_a_rotated_token_stops_working(professional, client):
    old = activity_actions.rotate_calendar_token(user=professional, actor=professional)
    new = activity_actions.rotate_calendar_token(user=professional, actor=professional)
    assert old != new
    assert client.get(reverse("team:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("team:calendar_feed", args=[new])).status_code == 200


def test_an_inactive_user_has_no_feed(professional, client):
    token = activity_actions.rotate_calendar_token(user=professional, actor=professional)
    professional.is_active = False
    professional.save()
    assert client.get(reverse("team:calendar_feed", args=[token])).status_code == 404


def test_nobody_rotates_someone_elses_token(professional, other_professional):

    with pytest.raises(PermissionDenied):
        activity_actions.rotate_calendar_token(user=professional, actor=other_professional)


def test_the_calendar_settings_need_a_team_login(client, editor, client_for):
    assert client.get(reverse("team:calendar_settings")).status_code == 302
    assert client_for(editor).get(reverse("team:calendar_settings")).status_code == 403
