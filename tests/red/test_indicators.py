"""red's table on a program's indicator page: referral answer times per institution."""

import datetime
import io

import openpyxl
import time_machine

from django.urls import reverse

from red import actions
from red.choices import Status
from red.plugins import referral_answer_times
from reinsercion.extensions import indicator_sources

from .factories import sent_referral

START = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def referrals_answered_after(hours, *, case, professional, supervisor, partner, institution):
    for h in hours:
        with time_machine.travel(START, tick=False):
            referral = sent_referral(
                case=case, actor=professional, approver=supervisor, institution=institution
            )
        if h is not None:
            with time_machine.travel(START + datetime.timedelta(hours=h), tick=False):
                actions.move_referral(referral=referral, actor=partner, to_status=Status.ACCEPTED)


def test_red_registers_its_indicator_table():
    assert indicator_sources()["derivaciones"] is referral_answer_times


def test_answer_times_per_institution_in_the_period(
    opv, case, professional, supervisor, partner_a, institution_a
):
    # given: answers after 10 h, 30 h and 60 h (the last one late), and one never answered
    referrals_answered_after(
        [10, 30, 60, None],
        case=case,
        professional=professional,
        supervisor=supervisor,
        partner=partner_a,
        institution=institution_a,
    )
    # when
    with time_machine.travel(START + datetime.timedelta(days=5), tick=False):
        march = referral_answer_times(
            program=opv, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31)
        )
        april = referral_answer_times(
            program=opv, start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)
        )
    # then: the median of 10, 30 and 60 hours is 30
    assert march.rows == ((institution_a.name, 4, 3, 30, 2, 1),)
    assert april.rows == ()


def test_the_table_is_on_the_indicator_page_and_exported(
    client_for, opv, case, professional, supervisor, director, partner_a, institution_a
):
    referrals_answered_after(
        [10],
        case=case,
        professional=professional,
        supervisor=supervisor,
        partner=partner_a,
        institution=institution_a,
    )
    client = client_for(director)
    period = {"periodo": "month", "anio": 2026, "mes": 3}
    page = client.get(reverse("team:program_indicators", args=["OPV"]), period)
    assert "Tiempos de respuesta de las derivaciones por institución" in page.content.decode()
    export = client.get(
        reverse("team:program_indicators_export", args=["OPV", "derivaciones"]),
        {**period, "formato": "xlsx", "finalidad": "informe mensual"},
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[1][:4] == (institution_a.name, 1, 1, 10)
