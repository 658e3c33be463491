"""The team's pages: a case's referrals, drafting to sending, the network's answer times."""

import datetime

import pytest
import time_machine

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from red import actions
from red.choices import Status
from red.models import Referral
from red.plugins import referral_timeline
from red.views.staff import answer_stats
from reinsercion.extensions import agenda_sources, case_sections, timeline_sources

from .factories import InstitutionFactory, draft_referral, sent_referral


def test_red_plugs_into_the_case_module(case):
    assert "referrals" in {s.key for s in case_sections()}
    assert "referral_answers" in agenda_sources()
    assert "referrals" in timeline_sources()


def test_the_case_tab_lists_its_referrals(
    client_for, professional, referral_a, referral_b, django_assert_max_num_queries
):
    # given
    client = client_for(professional)
    # when (one of them the access trail's INSERT)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("red:case_referrals", args=[referral_a.case_id]))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert referral_a.institution.name in html and referral_b.institution.name in html
    assert 'aria-current="page">Derivaciones' in html


def test_from_draft_to_sent_through_the_pages(
    client_for,
    case,
    professional,
    supervisor,
    institution_a,
    partner_a,
    django_capture_on_commit_callbacks,
):
    # given
    ana = client_for(professional)
    # when: Ana drafts
    response = ana.post(
        reverse("red:referral_create", args=[case.pk]),
        {
            "institution": institution_a.pk,
            "purpose": "job_placement",
            "purpose_detail": "Colocación laboral.",
            "shared_fields": ["rut"],
            "contact_email": "ana@example.org",
        },
    )
    referral = Referral.objects.get(case=case)
    assert response.status_code == 302 and response.url == referral.get_absolute_url()
    # the person signs
    ana.post(
        reverse("red:referral_consent", args=[case.pk, referral.pk]),
        {"on_date": "02-03-2026", "confirm": "on"},
    )
    # supervision approves
    client_for(supervisor).post(reverse("red:referral_approve", args=[case.pk, referral.pk]))
    # Ana sends
    ana = client_for(professional)
    with django_capture_on_commit_callbacks(execute=True):
        ana.post(reverse("red:referral_send", args=[case.pk, referral.pk]))
    # then
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    assert referral.consent_on == datetime.date(2026, 3, 2)
    assert referral.approved_by == supervisor
    assert institution_a.email in mail.outbox[-1].to


def test_an_invalid_draft_comes_back_filled_with_spanish_errors(
    client_for, case, professional, institution_a
):
    response = client_for(professional).post(
        reverse("red:referral_create", args=[case.pk]),
        {"institution": institution_a.pk, "purpose": "", "purpose_detail": "Algo concreto"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Este campo es necesario." in html
    assert "Algo concreto" in html


def test_sending_without_approval_shows_why(client_for, case, professional, institution_a):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    # when
    response = client_for(professional).post(
        reverse("red:referral_send", args=[case.pk, referral.pk]), follow=True
    )
    # then
    html = response.content.decode()
    assert "Falta el consentimiento firmado de la persona." in html
    assert "Falta la aprobación (visado) de supervisión técnica." in html
    referral.refresh_from_db()
    assert referral.status == Status.DRAFT


def test_a_draft_is_discarded_after_confirmation(client_for, case, professional, institution_a):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    url = reverse("red:referral_discard", args=[case.pk, referral.pk])
    # when
    confirm = client_for(professional).get(url)
    assert "¿Eliminar el borrador" in confirm.content.decode()
    client_for(professional).post(url)
    # then
    assert not Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "referral_update",
        "referral_consent",
        "referral_send",
        "referral_discard",
        "referral_message",
    ],
)
def test_read_only_roles_may_not_change_referrals(client_for, director, referral_a, url_name):
    response = client_for(director).post(
        reverse(f"red:{url_name}", args=[referral_a.case_id, referral_a.pk]), {"body": "x"}
    )
    assert response.status_code == 403


def test_a_referral_of_another_case_answers_404(client_for, professional, referral_a, lae_case):
    # the referral exists, but not under this case
    response = client_for(professional).get(
        reverse("red:referral_detail", args=[lae_case.pk, referral_a.pk])
    )
    assert response.status_code == 404


def test_the_staff_page_shows_what_the_institution_sees(client_for, professional, referral_a):
    html = client_for(professional).get(referral_a.get_absolute_url()).content.decode()
    assert "Lo que ve la institución" in html
    assert referral_a.case.person.rut_display in html


def test_answer_times_per_institution(case, professional, supervisor, partner_a, institution_a):
    # given: one answered after 10 h, one after 60 h (late), one still waiting and overdue
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    for hours in (10, 60):
        with time_machine.travel(start, tick=False):
            referral = sent_referral(
                case=case, actor=professional, approver=supervisor, institution=institution_a
            )
        with time_machine.travel(start + datetime.timedelta(hours=hours), tick=False):
            actions.move_referral(referral=referral, actor=partner_a, to_status=Status.ACCEPTED)
    with time_machine.travel(start, tick=False):
        sent_referral(case=case, actor=professional, approver=supervisor, institution=institution_a)
    # when
    with time_machine.travel(start + datetime.timedelta(days=5), tick=False):
        stats = answer_stats(Referral.objects.all())[institution_a.pk]
    # then
    assert stats == {
        "sent": 3,
        "answered": 2,
        "on_time": 1,
        "overdue": 1,
        "mean_hours": 35.0,
        "on_time_pct": 50,
    }


def test_the_network_page_shows_answer_times(
    client_for, coordinator, referral_a, partner_a, django_assert_max_num_queries
):
    # given
    actions.move_referral(referral=referral_a, actor=partner_a, to_status=Status.ACCEPTED)
    for n in range(5):
        InstitutionFactory(name=f"Otra institución {n}")
    client = client_for(coordinator)
    # when
    with django_assert_max_num_queries(12):
        response = client.get(reverse("red:institution_list"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert referral_a.institution.name in html
    assert "100 % (1 de 1)" in html


def test_the_institution_page_lists_its_referrals(
    client_for, coordinator, referral_a, referral_b, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("red:institution_detail", args=[referral_a.institution_id]))
    html = response.content.decode()
    assert f">{referral_a.number}<" in html
    assert f">{referral_b.number}<" not in html


def test_the_network_pages_count_only_visible_cases(client_for, lae_professional, referral_a):
    # The LAE professional sees no OPV case: the OPV referral is not counted nor listed.
    response = client_for(lae_professional).get(
        reverse("red:institution_detail", args=[referral_a.institution_id])
    )
    assert f">{referral_a.number}<" not in response.content.decode()


def test_timeline_entries_for_each_move(referral_a, partner_a, django_assert_max_num_queries):
    actions.move_referral(referral=referral_a, actor=partner_a, to_status=Status.ACCEPTED)
    with django_assert_max_num_queries(1):
        entries = referral_timeline(referral_a.case)
    assert [e.kind for e in entries] == ["referral"] * 3
    assert "enviada" in entries[0].title
    assert "aceptada" in entries[-1].title


def test_the_team_records_an_answer_received_by_phone(client_for, professional, referral_a):
    # when
    response = client_for(professional).post(
        reverse("red:referral_answer_elsewhere", args=[referral_a.case_id, referral_a.pk]),
        {"to_status": Status.WAITING_LIST, "note": "Llamado de la encargada."},
    )
    # then
    assert response.status_code == 302
    referral = Referral.objects.get(pk=referral_a.pk)
    assert referral.status == Status.WAITING_LIST and referral.answered_at
    last = referral.events.order_by("-pk").first()
    assert last.actor == professional
    assert last.note == "Respuesta recibida fuera del portal: Llamado de la encargada."


def test_an_answer_received_elsewhere_needs_who_and_how(client_for, professional, referral_a):
    response = client_for(professional).post(
        reverse("red:referral_answer_elsewhere", args=[referral_a.case_id, referral_a.pk]),
        {"to_status": Status.ACCEPTED},
    )
    assert response.status_code == 400
    assert "Indique cómo y quién de la institución respondió." in response.content.decode()
    assert Referral.objects.get(pk=referral_a.pk).status == Status.SENT


@pytest.mark.parametrize("user", ["other_professional", "director", "partner_b"])
def test_only_the_case_team_records_answers_received_elsewhere(request, referral_a, user):
    with pytest.raises(PermissionDenied):
        actions.record_answer_received_elsewhere(
            referral=referral_a,
            actor=request.getfixturevalue(user),
            to_status=Status.ACCEPTED,
            note="Por teléfono.",
        )


def test_answers_received_elsewhere_follow_the_workflow(professional, referral_a):
    with pytest.raises(ValidationError):
        actions.record_answer_received_elsewhere(
            referral=referral_a, actor=professional, to_status=Status.COMPLETED, note="Llamada."
        )


def test_the_network_is_listed_in_spanish_alphabetical_order(client_for, coordinator):
    # given
    for name in ["Beta Capacitación", "Área Laboral", "Alfa Empleo"]:
        InstitutionFactory(name=name)
    # when
    response = client_for(coordinator).get(reverse("red:institution_list"))
    # then
    names = [row["institution"].name for row in response.context["rows"]]
    assert names == ["Alfa Empleo", "Área Laboral", "Beta Capacitación"]
