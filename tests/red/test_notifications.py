"""Referral events notify the case's professionals: approved, answered, outcome, closed.
Partner answers wait in «Respuestas de la red» until the professional opens the referral."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from red import actions
from red.choices import OutcomeKind, Status
from reinsercion.notifications.models import Notification

from .factories import draft_referral


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def network_queue(body):
    block = body.split('data-queue="network_answers"')[1].split("</div>")[0]
    count = int(re.search(r'<span class="count">(\d+)</span>', block).group(1))
    return count, re.findall(r'<a href="[^"]+">([^<]+)</a>', block)


def nav_count(body):
    """The count beside «Inicio»: what waits in the work queues."""
    home = body.split('class="team-nav"')[1].split("</a>")[0]
    found = re.search(r"nav-count[^>]*>(\d+)<", home)
    return int(found.group(1)) if found else 0


def test_an_approved_referral_notifies_the_case_professionals(
    case, professional, other_professional, coordinator, supervisor, institution_a
):
    # given Bruno works the case with Ana
    case.professionals.add(other_professional)
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    # when supervision approves it
    actions.approve_referral(referral=referral, actor=supervisor)
    # then both professionals are told, the supervisor (who acted) is not
    assert "referral_approved" in kinds(professional)
    assert "referral_approved" in kinds(other_professional)
    assert kinds(supervisor) == []


def test_an_answer_waits_in_respuestas_de_la_red_until_the_referral_is_opened(
    referral_a, case, professional, partner_a, client_for
):
    # when the institution accepts the referral
    actions.move_referral(referral=referral_a, actor=partner_a, to_status=Status.ACCEPTED)
    # then Ana's home shows it in «Respuestas de la red», counted in the navigation
    client = client_for(professional)
    body = client.get(reverse("team:home")).content.decode()
    count, titles = network_queue(body)
    assert count == 1
    assert titles == [f"Derivación N° {referral_a.number}: Aceptada · Caso N° {case.pk} · OPV"]
    assert case.person.last_names not in titles[0]
    assert nav_count(body) == 1
    # when she opens the referral
    client.get(referral_a.get_absolute_url())
    # then it has been seen: the queue is empty and the notification read
    body = client.get(reverse("team:home")).content.decode()
    assert network_queue(body) == (0, [])
    assert nav_count(body) == 0
    answered = Notification.objects.filter(recipient=professional, kind="referral_answered")
    assert not answered.unread().exists()


def test_a_rejection_is_a_closed_referral_and_an_outcome_is_its_own_event(
    referral_a, professional, partner_a
):
    referral = actions.move_referral(
        referral=referral_a, actor=partner_a, to_status=Status.ACCEPTED
    )
    actions.record_outcome(
        referral=referral,
        actor=partner_a,
        outcome_kind=OutcomeKind.TRAINING_ENROLLED,
        outcome_on=timezone.localdate(),
    )
    assert "referral_outcome" in kinds(professional)


def test_a_rejected_referral_notifies_closed(referral_b, professional, partner_b):
    actions.move_referral(
        referral=referral_b, actor=partner_b, to_status=Status.REJECTED, rejection_reason="Sin cupo"
    )
    assert "referral_closed" in kinds(professional)


def test_the_answer_email_reaches_the_professional_once_without_names(
    referral_a, case, professional, partner_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_referral(referral=referral_a, actor=partner_a, to_status=Status.ACCEPTED)
    # one e-mail (the contact address is Ana's own), with the link and no name or RUT
    assert [m.to for m in mail.outbox] == [[professional.email]]
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert referral_a.get_absolute_url() in text
    for private in (case.person.last_names, case.person.full_name, case.person.rut):
        assert private not in text
