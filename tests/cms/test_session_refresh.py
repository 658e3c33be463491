"""The 30-minute idle timeout holds without a session write on every request."""

import datetime

import pytest
import time_machine

from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def logged_in(client, professional, clock):
    response = client.post(reverse("login"), {"username": "ana", "password": "clave-de-prueba-123"})
    assert response.status_code == 302
    return client


def expiry():
    return Session.objects.get().expire_date


def test_requests_within_a_minute_do_not_write_the_session(logged_in, clock):
    saved = expiry()
    clock.shift(datetime.timedelta(seconds=50))
    assert logged_in.get(reverse("team:home")).status_code == 200
    assert expiry() == saved


def test_a_request_after_a_minute_moves_the_expiry(logged_in, clock):
    clock.shift(datetime.timedelta(minutes=5))
    assert logged_in.get(reverse("team:home")).status_code == 200
    assert expiry() == START + datetime.timedelta(minutes=35)


def test_steady_work_keeps_the_session_for_hours(logged_in, clock):
    for _ in range(4 * 60 // 5):  # four hours, a request every five minutes
        clock.shift(datetime.timedelta(minutes=5))
        assert logged_in.get(reverse("team:home")).status_code == 200


def test_the_session_never_outlives_thirty_idle_minutes(logged_in, clock):
    # a request 59 s after the last save does not move the expiry…
    clock.shift(datetime.timedelta(seconds=59))
    assert logged_in.get(reverse("team:home")).status_code == 200
    # …so the session ends 29 minutes and a second after that request, within the 30
    clock.shift(datetime.timedelta(minutes=29, seconds=2))
    response = logged_in.get(reverse("team:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_visitors_get_no_session(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()


def test_logging_out_leaves_no_session_behind(logged_in):
    logged_in.post(reverse("logout"))
    assert not Session.objects.exists()
