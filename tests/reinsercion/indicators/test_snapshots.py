"""Stored indicators: computed once per program, period and day, read back while fresh; a
large program is computed by the worker while the page says so."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.urls import reverse

from reinsercion.indicators.models import IndicatorSnapshot

from ...factories import open_case
from ..activity_helpers import SANTIAGO, at, record, travel
from .test_pages import MARCH, TODAY, lae_cases

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=SANTIAGO)


def page(client):
    return client.get(reverse("team:program_indicators", args=["LAE"]), MARCH)


def test_a_stored_report_is_read_back_until_it_is_older_than_the_setting(
    client_for, lae, lae_professional, lae_director, settings
):
    settings.INDICATORS_MAX_AGE_MINUTES = 10
    # given one youth of two met the minimum in March, seen at 10:00
    lae_cases(lae, lae_professional, 1)
    late = lae_cases(lae, lae_professional, 1, events_in_march=3)[0]
    client = client_for(lae_director)
    with travel(NOW):
        first = page(client).content.decode()
    assert "<strong>50,0 %</strong>" in first
    assert "cifras calculadas el 10-04-2026 a las 10:00" in first
    # when the fourth March session is recorded late
    record(late, lae_professional, at(2026, 3, 31, 20))
    # then within ten minutes the page shows the stored figure, saying when it was computed
    with travel(NOW + datetime.timedelta(minutes=10)):
        assert "<strong>50,0 %</strong>" in page(client).content.decode()
    # and after them it is computed again
    with travel(NOW + datetime.timedelta(minutes=11)):
        again = page(client).content.decode()
    assert "<strong>100,0 %</strong>" in again
    assert "a las 10:11" in again
    assert IndicatorSnapshot.objects.filter(program=lae).count() == 1


def test_a_large_program_is_computed_by_the_worker_while_the_page_says_so(
    client_for,
    lae,
    lae_professional,
    lae_director,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.INDICATORS_INLINE_MAX_CASES = 1
    lae_cases(lae, lae_professional, 2)
    client = client_for(lae_director)
    export = reverse("team:program_indicators_export", args=["LAE", "carga"])
    # given no stored report: the page and a download say the figures are being computed
    with travel(NOW), django_capture_on_commit_callbacks(execute=False) as queued:
        waiting = page(client)
        download = client.get(export, {**MARCH, "formato": "csv", "finalidad": "informe mensual"})
    body = waiting.content.decode()
    assert "se están calculando" in body
    assert '<meta http-equiv="refresh" content="15">' in body
    assert download.status_code == 503
    assert download["Retry-After"] == "15"
    # and the task was asked for once, not once per request
    assert len(queued) == 1
    # when the worker runs it (the test backend runs a task as it is enqueued)
    with travel(NOW):
        queued[0]()
    # then the page shows the figures
    with travel(NOW + datetime.timedelta(minutes=1)):
        ready = page(client).content.decode()
    assert "<strong>100,0 %</strong>" in ready
    assert "se están calculando" not in ready


def test_long_lists_are_cut_in_the_stored_report_and_say_how_many(
    client_for, lae, lae_professional, lae_director, settings
):
    settings.INDICATORS_LIST_LIMIT = 2
    lae_cases(lae, lae_professional, 3, events_in_march=1)
    with travel(NOW):
        body = page(client_for(lae_director)).content.decode()
    assert 'eventos <span class="count">3</span>' in body
    section = body.split('id="bajo-minimo"')[1].split("</section>")[0]
    assert section.count("/linea-de-tiempo/") == 2
    assert "la descarga trae los primeros 2" not in section  # under 50: nothing more to say


def test_the_nightly_command_stores_the_usual_periods_of_every_active_program(
    lae, opv, lae_professional
):
    open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    with travel(TODAY):
        call_command("refresh_indicators", "--program", "lae", stdout=io.StringIO())
    stored = IndicatorSnapshot.objects.filter(program=lae)
    assert sorted(
        (s.period_kind, s.period_start.isoformat(), s.period_end.isoformat()) for s in stored
    ) == [
        ("month", "2026-03-01", "2026-03-31"),
        ("month", "2026-04-01", "2026-04-30"),
        ("quarter", "2026-01-01", "2026-03-31"),
        ("quarter", "2026-04-01", "2026-06-30"),
        ("year", "2025-01-01", "2025-12-31"),
        ("year", "2026-01-01", "2026-12-31"),
    ]
    assert all(s.payload and s.as_of == TODAY for s in stored)
    assert not IndicatorSnapshot.objects.filter(program=opv).exists()
    # and a second run with --missing computes nothing again
    out = io.StringIO()
    with travel(TODAY):
        call_command("refresh_indicators", "--program", "lae", "--missing", stdout=out)
    assert out.getvalue() == ""
