"""A referral with the person's consent waits in the «Por visar» queue of supervision and
coordination until it is approved (issue 12)."""

from django.urls import reverse

from red import actions

from .factories import draft_referral


def por_visar(client):
    body = client.get(reverse("team:home")).content.decode()
    return body.split('data-queue="to_review"')[1].split("</div>")[0]


def test_a_consented_referral_waits_for_the_visado_then_leaves_the_queue(
    case, professional, supervisor, institution_a, client_for
):
    # given a draft referral: without consent it is not ready for approval
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    client = client_for(supervisor)
    assert str(institution_a) not in por_visar(client)
    # when the person signs it
    actions.record_consent(referral=referral, actor=professional)
    # then it waits in supervision's «Por visar», with a link to approve it
    queue = por_visar(client)
    assert f"Derivación a {institution_a} · {case.person.full_name}" in queue
    assert reverse("red:referral_detail", args=[case.pk, referral.pk]) in queue
    # and once approved, it leaves the queue
    actions.approve_referral(referral=referral, actor=supervisor)
    assert str(institution_a) not in por_visar(client)


def test_the_professional_has_no_por_visar_queue(case, professional, institution_a, client_for):
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    body = client_for(professional).get(reverse("team:home")).content.decode()
    assert 'data-queue="to_review"' not in body
