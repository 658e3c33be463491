"""The institution's response time and the overdue flag, with a controlled clock."""

import datetime
import zoneinfo

import pytest
import time_machine

from red import actions
from red.models import Institution
from red.plugins import overdue_answers
from reinsercion.cases.models import Case

from .factories import InstitutionFactory, sent_referral

SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")
SENT_AT = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=SANTIAGO)


@pytest.mark.parametrize(
    ("hours", "elapsed", "overdue"),
    [
        (48, datetime.timedelta(hours=47, minutes=59), False),
        (48, datetime.timedelta(hours=48), False),
        (48, datetime.timedelta(hours=48, minutes=1), True),
        (72, datetime.timedelta(hours=48, minutes=1), False),
        (72, datetime.timedelta(hours=72, minutes=1), True),
    ],
)
def test_an_answer_is_overdue_after_the_institutions_response_time(
    case, professional, supervisor, hours, elapsed, overdue
):
    # given
    institution = InstitutionFactory(name=f"Institución {hours} h", response_hours=hours)
    with time_machine.travel(SENT_AT, tick=False):
        referral = sent_referral(
            case=case, actor=professional, approver=supervisor, institution=institution
        )
    # when
    with time_machine.travel(SENT_AT + elapsed, tick=False):
        flagged = referral.is_overdue()
        in_queryset = referral.__class__.objects.overdue().filter(pk=referral.pk).exists()
    # then
    assert flagged is overdue
    assert in_queryset is overdue


def test_default_response_time_is_48_hours(db):
    assert InstitutionFactory.build().response_hours == 48

    assert Institution._meta.get_field("response_hours").default == 48


def test_an_answered_referral_is_no_longer_overdue(referral_a, partner_a):
    # given
    due = referral_a.answer_due_at
    # when
    with time_machine.travel(due + datetime.timedelta(hours=5), tick=False):
        assert referral_a.is_overdue()
        referral = actions.move_referral(referral=referral_a, actor=partner_a, to_status="accepted")
        # then
        assert not referral.is_overdue()


def test_the_sender_agenda_lists_overdue_answers_on_the_due_day(
    case, professional, supervisor, institution_a, django_assert_max_num_queries
):
    # given
    with time_machine.travel(SENT_AT, tick=False):
        referral = sent_referral(
            case=case, actor=professional, approver=supervisor, institution=institution_a
        )
    # when
    with time_machine.travel(SENT_AT + datetime.timedelta(hours=49), tick=False):
        with django_assert_max_num_queries(2):
            items = overdue_answers(Case.objects.filter(professionals=professional), None)
    # then
    assert len(items) == 1
    item = items[0]
    assert item.due_on == datetime.date(2026, 3, 4)
    assert item.case_id == case.pk
    assert "plazo vencido" in item.title
    assert item.url.endswith(f"/derivaciones/{referral.pk}/")


def test_the_overdue_flag_shows_to_the_sender(client_for, professional, referral_a):
    # given
    with time_machine.travel(referral_a.answer_due_at + datetime.timedelta(minutes=1)):
        # when
        response = client_for(professional).get(referral_a.get_absolute_url())
        listing = client_for(professional).get(f"/equipo/casos/{referral_a.case_id}/derivaciones/")
    # then
    assert "Respuesta atrasada" in response.content.decode()
    assert "Vencido el" in listing.content.decode()
