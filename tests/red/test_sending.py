"""Drafting, consent, supervision's approval and sending; the e-mails that follow."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from red import actions
from red.choices import SharedField, Status

from .factories import draft_referral


@pytest.mark.parametrize(
    ("consent", "approval", "missing"),
    [
        (False, False, ["consentimiento", "aprobación"]),
        (True, False, ["aprobación"]),
        (False, True, ["consentimiento"]),
    ],
)
def test_sending_needs_consent_and_approval(
    case, professional, supervisor, institution_a, consent, approval, missing
):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    if consent:
        actions.record_consent(referral=referral, actor=professional)
    if approval:
        actions.approve_referral(referral=referral, actor=supervisor)
    # when
    with pytest.raises(ValidationError) as error:
        actions.send_referral(referral=referral, actor=professional)
    # then
    text = " ".join(error.value.messages).lower()
    for word in missing:
        assert word in text
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT and referral.sent_at is None
    assert mail.outbox == []


def test_a_signed_and_approved_referral_is_sent_and_the_institution_told(
    case, professional, supervisor, institution_a, partner_a, django_capture_on_commit_callbacks
):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    actions.approve_referral(referral=referral, actor=supervisor)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        referral = actions.send_referral(referral=referral, actor=professional)
    # then
    assert referral.status == Status.SENT
    assert referral.answer_due_at - referral.sent_at == datetime.timedelta(hours=48)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {institution_a.email, partner_a.email}
    assert f"/red/derivaciones/{referral.pk}/" in message.body
    # E-mail is not a safe channel: the person's name never goes in it (the professional's
    # contact does, and random names may share the person's surname).
    text = (message.body + message.subject).replace(professional.get_full_name(), "")
    assert case.person.last_names not in text


@pytest.mark.parametrize("user", ["professional", "other_professional", "director"])
def test_only_supervision_or_coordination_approve(request, case, professional, institution_a, user):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    # when / then
    with pytest.raises(PermissionDenied):
        actions.approve_referral(referral=referral, actor=request.getfixturevalue(user))


@pytest.mark.parametrize("user", ["supervisor", "coordinator"])
def test_supervision_and_coordination_approve(request, case, professional, institution_a, user):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    approver = request.getfixturevalue(user)
    # when
    referral = actions.approve_referral(referral=referral, actor=approver)
    # then
    assert referral.approved_by == approver and referral.approved_at


@pytest.mark.parametrize("user", ["other_professional", "director", "lae_professional", "editor"])
def test_who_may_not_change_the_case_may_not_refer_it(request, case, institution_a, user):
    # when / then
    with pytest.raises(PermissionDenied):
        draft_referral(case=case, actor=request.getfixturevalue(user), institution=institution_a)


def test_changing_a_draft_withdraws_approval_and_consent(
    case, professional, supervisor, institution_a
):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    actions.approve_referral(referral=referral, actor=supervisor)
    # when: sharing one more field than the person signed for
    referral = actions.update_referral(
        referral=referral,
        actor=professional,
        shared_fields=[SharedField.RUT, SharedField.COMUNA, SharedField.ADDRESS],
    )
    # then
    assert not referral.consent_given and referral.approved_at is None
    with pytest.raises(ValidationError):
        actions.send_referral(referral=referral, actor=professional)


def test_changing_only_the_contact_keeps_the_consent(case, professional, supervisor, institution_a):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    actions.approve_referral(referral=referral, actor=supervisor)
    # when
    referral = actions.update_referral(
        referral=referral, actor=professional, contact_phone="+56 33 2123456"
    )
    # then
    assert referral.consent_given and referral.approved_at is None


def test_unknown_shared_fields_are_refused(case, professional, institution_a):
    with pytest.raises(ValidationError):
        draft_referral(
            case=case, actor=professional, institution=institution_a, shared_fields=["summary"]
        )


@pytest.mark.parametrize(
    ("to_status", "subject_word"),
    [("accepted", "Aceptada"), ("waiting_list", "lista de espera"), ("rejected", "Rechazada")],
)
def test_each_answer_is_mailed_to_the_professional(
    referral_a, partner_a, professional, django_capture_on_commit_callbacks, to_status, subject_word
):
    # given
    mail.outbox.clear()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_referral(
            referral=referral_a, actor=partner_a, to_status=to_status, rejection_reason="Sin cupo."
        )
    # then
    assert len(mail.outbox) == 1
    assert professional.email in mail.outbox[0].to
    assert subject_word in mail.outbox[0].subject


def test_messages_go_both_ways_and_outsiders_may_not_write(
    referral_a, partner_a, partner_b, professional, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        from_partner = actions.post_message(referral=referral_a, actor=partner_a, body="¿Cédula?")
        from_team = actions.post_message(referral=referral_a, actor=professional, body="Vigente.")
    # then
    assert from_partner.from_partner and not from_team.from_partner
    assert professional.email in mail.outbox[-2].to
    assert partner_a.email in mail.outbox[-1].to
    with pytest.raises(PermissionDenied):
        actions.post_message(referral=referral_a, actor=partner_b, body="Hola")
