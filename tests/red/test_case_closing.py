"""Closing a case asks what to do with its open referrals: close them, with a reason, through
the referral workflow (the institution is told), or keep them with their institutions."""

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from red import actions
from red.choices import Status
from red.models import Referral
from red.workflow import ALLOWED_MOVES, TEAM
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType
from reinsercion.programs.choices import Phase

from .factories import sent_referral


def close_case_through_the_form(client, case, **answers):
    return client.post(
        reverse("team:case_move", args=[case.pk]),
        {
            "to_phase": Phase.CLOSED,
            "on_date": case.opened_on.isoformat(),
            "summary": "Completó el programa y trabaja en forma estable.",
            "exit_type": ExitType.COMPLETION,
            **answers,
        },
    )


def test_closing_a_case_closes_its_open_referrals_and_tells_the_institution(
    client_for,
    case,
    professional,
    referral_a,
    institution_a,
    partner_a,
    django_capture_on_commit_callbacks,
):
    # given
    mail.outbox.clear()
    client = client_for(professional)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = close_case_through_the_form(
            client,
            case,
            referrals_on_closing="close",
            referrals_closing_reason="Egresó del programa; ya tiene trabajo.",
        )
    # then: the referral is closed through the workflow, with the reason as the event's note
    assert response.status_code == 302
    referral = Referral.objects.get(pk=referral_a.pk)
    assert referral.status == Status.WITHDRAWN
    assert referral.closed_at is not None
    last = referral.events.order_by("-at", "-pk").first()
    assert (last.from_status, last.to_status, last.actor) == (
        Status.SENT,
        Status.WITHDRAWN,
        professional,
    )
    assert last.note == "Egresó del programa; ya tiene trabajo."
    # and the institution is told, without the person's name
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {institution_a.email, partner_a.email}
    assert f"/red/derivaciones/{referral.pk}/" in message.body
    assert "Cerrada por el programa" in message.body
    person = case.person
    # (the professional's own contact is in it: random names may share the person's surname)
    text = (message.body + message.subject).replace(professional.get_full_name(), "")
    for name in [person.first_names, person.last_names]:
        assert name not in text


def test_closing_a_case_may_keep_its_referrals_open_with_their_institutions(
    client_for, case, professional, referral_a, django_capture_on_commit_callbacks
):
    # given
    mail.outbox.clear()
    client = client_for(professional)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = close_case_through_the_form(client, case, referrals_on_closing="keep")
    # then
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED
    referral = Referral.objects.get(pk=referral_a.pk)
    assert referral.status == Status.SENT
    assert referral.closed_at is None
    assert mail.outbox == []


def test_the_closing_move_asks_about_open_referrals_only_when_there_are_some(
    client_for, case, professional, institution_a, supervisor
):
    # given
    client = client_for(professional)
    url = reverse("team:case_move", args=[case.pk])
    # when / then: no referral, no question
    assert 'name="referrals_on_closing"' not in client.get(url).content.decode()
    # when: an open referral
    sent_referral(case=case, actor=professional, approver=supervisor, institution=institution_a)
    html = client.get(url).content.decode()
    # then: the question sits with the exit fields
    exit_group = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert 'name="referrals_on_closing"' in exit_group
    assert 'name="referrals_closing_reason"' in exit_group
    assert "OMIL" in exit_group


def test_a_move_that_does_not_close_leaves_the_referrals_alone(
    client_for, case, professional, referral_a
):
    # when
    response = client_for(professional).post(
        reverse("team:case_move", args=[case.pk]),
        {
            "to_phase": Phase.EXTRA_PENITENTIARY,
            "on_date": case.opened_on.isoformat(),
            "referrals_on_closing": "close",
        },
    )
    # then
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral_a.pk).status == Status.SENT


def test_closing_without_the_form_closes_the_referrals_with_the_exit_type_as_reason(
    case, coordinator, referral_a
):
    # when
    case_actions.move_case_phase(
        case=case,
        actor=coordinator,
        to_phase=Phase.CLOSED,
        on_date=case.opened_on,
        summary="Se trasladó a otra región.",
        exit_type=ExitType.TRANSFER,
    )
    # then
    referral = Referral.objects.get(pk=referral_a.pk)
    assert referral.status == Status.WITHDRAWN
    assert referral.events.order_by("-pk").first().note.startswith("Egreso del caso:")


def test_only_the_team_withdraws_a_referral_and_never_a_final_one(
    referral_a, partner_a, professional
):
    # given: the table has the team's withdrawal from every open state only
    assert {frm for (frm, to), who in ALLOWED_MOVES.items() if to == Status.WITHDRAWN} == {
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.WAITING_LIST,
        Status.IN_PROGRESS,
    }
    assert all(who == TEAM for (frm, to), who in ALLOWED_MOVES.items() if to == Status.WITHDRAWN)
    # when / then: the partner may not withdraw
    with pytest.raises(PermissionDenied):
        actions.withdraw_referral(referral=referral_a, actor=partner_a, reason="No.")
    # and a final referral stays as it is
    withdrawn = actions.withdraw_referral(referral=referral_a, actor=professional, reason="Egreso.")
    with pytest.raises(ValidationError):
        actions.withdraw_referral(referral=withdrawn, actor=professional, reason="Otra vez.")
