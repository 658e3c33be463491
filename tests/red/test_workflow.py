"""Every allowed and refused move of a referral, through the actions."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from red import actions
from red.choices import Status
from red.models import Referral
from red.workflow import ALLOWED_MOVES, ANSWERS, PARTNER, TEAM, ensure_move_allowed

# How to bring a sent referral to each state (partner moves, in order).
PATH_FROM_SENT = {
    Status.SENT: [],
    Status.RECEIVED: [Status.RECEIVED],
    Status.ACCEPTED: [Status.RECEIVED, Status.ACCEPTED],
    Status.WAITING_LIST: [Status.RECEIVED, Status.WAITING_LIST],
    Status.REJECTED: [Status.RECEIVED, Status.REJECTED],
    Status.IN_PROGRESS: [Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS],
    Status.COMPLETED: [Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED],
    Status.DROPPED_OUT: [Status.RECEIVED, Status.ACCEPTED, Status.DROPPED_OUT],
}
PARTNER_PAIRS = [(frm, to) for frm in PATH_FROM_SENT for to in Status.values if to != Status.DRAFT]


def bring_to(referral, status, partner):
    for step in PATH_FROM_SENT[status]:
        referral = actions.move_referral(
            referral=referral, actor=partner, to_status=step, rejection_reason="Sin cupos."
        )
    return referral


def partner_move_allowed(frm, to):
    if ALLOWED_MOVES.get((frm, to)) == PARTNER:
        return True
    # Answering a referral not yet acknowledged acknowledges it first (red.actions).
    return frm == Status.SENT and to in ANSWERS


@pytest.mark.parametrize(("from_status", "to_status"), PARTNER_PAIRS)
def test_partner_moves_follow_the_table(referral_a, partner_a, from_status, to_status):
    # given
    referral = bring_to(referral_a, from_status, partner_a)
    assert referral.status == from_status
    allowed = partner_move_allowed(from_status, to_status)
    # when / then
    if allowed:
        moved = actions.move_referral(
            referral=referral, actor=partner_a, to_status=to_status, rejection_reason="Sin cupos."
        )
        assert moved.status == to_status
        last = moved.events.order_by("-at", "-pk").first()
        assert (last.to_status, last.actor) == (to_status, partner_a)
    else:
        with pytest.raises(ValidationError) as error:
            actions.move_referral(
                referral=referral,
                actor=partner_a,
                to_status=to_status,
                rejection_reason="Sin cupos.",
            )
        assert "No se puede pasar" in str(error.value)
        assert Referral.objects.get(pk=referral.pk).status == from_status


@pytest.mark.parametrize("from_status", Status.values)
@pytest.mark.parametrize("to_status", Status.values)
def test_workflow_table_refuses_every_move_it_does_not_list(from_status, to_status):
    # given
    side = ALLOWED_MOVES.get((from_status, to_status))
    # when / then
    for who in (TEAM, PARTNER):
        if who == side:
            ensure_move_allowed(from_status, to_status, who)
        else:
            with pytest.raises(ValidationError):
                ensure_move_allowed(from_status, to_status, who)


def test_each_move_records_when_and_who(referral_a, partner_a, professional):
    # given / when
    referral = bring_to(referral_a, Status.COMPLETED, partner_a)
    # then
    events = list(referral.events.order_by("at", "pk"))
    assert [(e.from_status, e.to_status) for e in events] == [
        (Status.DRAFT, Status.SENT),
        (Status.SENT, Status.RECEIVED),
        (Status.RECEIVED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.COMPLETED),
    ]
    assert [e.actor for e in events] == [professional] + [partner_a] * 4
    assert all(e.at for e in events)
    assert referral.received_at and referral.answered_at and referral.closed_at


def test_answering_a_sent_referral_records_its_reception_first(referral_a, partner_a):
    # when
    referral = actions.move_referral(
        referral=referral_a, actor=partner_a, to_status=Status.WAITING_LIST
    )
    # then
    assert [e.to_status for e in referral.events.order_by("pk")] == [
        Status.SENT,
        Status.RECEIVED,
        Status.WAITING_LIST,
    ]
    assert referral.received_at == referral.answered_at


def test_a_rejection_needs_its_reason(referral_a, partner_a):
    # when / then
    with pytest.raises(ValidationError) as error:
        actions.move_referral(referral=referral_a, actor=partner_a, to_status=Status.REJECTED)
    assert "motivo del rechazo" in str(error.value)
    # and with the reason it goes through
    referral = actions.move_referral(
        referral=referral_a,
        actor=partner_a,
        to_status=Status.REJECTED,
        rejection_reason="El curso no tiene cupos hasta marzo.",
    )
    assert referral.rejection_reason == "El curso no tiene cupos hasta marzo."
    assert referral.closed_at is not None


@pytest.mark.parametrize("user", ["professional", "coordinator", "partner_b"])
def test_only_the_receiving_institution_moves_a_referral(request, referral_a, user):
    # given
    actor = request.getfixturevalue(user)
    # when / then
    with pytest.raises(PermissionDenied):
        actions.move_referral(referral=referral_a, actor=actor, to_status=Status.RECEIVED)
    assert Referral.objects.get(pk=referral_a.pk).status == Status.SENT


def test_a_partner_cannot_send_nor_resend(referral_a, partner_a, professional):
    # when / then: a partner is not the case's team
    with pytest.raises(PermissionDenied):
        actions.send_referral(referral=referral_a, actor=partner_a)
    # and a sent referral cannot be sent again
    with pytest.raises(ValidationError):
        actions.send_referral(referral=referral_a, actor=professional)


def test_a_sent_referral_can_no_longer_be_edited_nor_discarded(referral_a, professional):
    # when / then
    with pytest.raises(ValidationError):
        actions.update_referral(referral=referral_a, actor=professional, purpose_detail="Otro.")
    with pytest.raises(ValidationError):
        actions.discard_draft(referral=referral_a, actor=professional)
