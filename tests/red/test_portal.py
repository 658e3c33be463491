"""What the partner portal shows: only the shared fields; the access log; the inbox."""

import io

import pytest
from pypdf import PdfReader

from django.urls import reverse

from red import actions
from red.choices import SharedField, Status
from red.models import ReferralAccess
from reinsercion.cases import actions as case_actions
from reinsercion.people import actions as person_actions
from tests.accessibility import accessibility_problems
from tests.factories import PersonFactory, open_case

from .factories import sent_referral
from .test_workflow import bring_to

UNSHARED = {
    "address": "Pasaje Los Aromos 1234",
    "phone": "+56 9 8765 4321",
}


@pytest.fixture
def detailed_case(case, coordinator):
    """Ana's case with data that must not leave the team unless shared."""
    person_actions.update_person(person=case.person, actor=coordinator, **UNSHARED)
    case_actions.update_case(case=case, actor=coordinator, offence="Receptación de especies")
    case.refresh_from_db()
    return case


@pytest.fixture
def shared_referral(detailed_case, professional, supervisor, institution_a, partner_a):
    """Shares the RUT and the comuna only."""
    return sent_referral(
        case=detailed_case,
        actor=professional,
        approver=supervisor,
        institution=institution_a,
        shared_fields=[SharedField.RUT, SharedField.COMUNA],
    )


def test_the_portal_shows_the_shared_fields_and_nothing_else(
    client_for, partner_a, shared_referral
):
    # given
    person = shared_referral.case.person
    # when
    html = client_for(partner_a).get(shared_referral.get_portal_url()).content.decode()
    # then
    assert person.full_name in html
    assert person.rut_display in html
    assert person.comuna in html
    for value in [
        *UNSHARED.values(),
        "Receptación de especies",
        person.birth_date.strftime("%d-%m-%Y"),
    ]:
        assert value not in html


def test_sharing_a_field_makes_it_visible(
    client_for, detailed_case, professional, supervisor, institution_a, partner_a
):
    # given
    referral = sent_referral(
        case=detailed_case,
        actor=professional,
        approver=supervisor,
        institution=institution_a,
        shared_fields=[SharedField.ADDRESS],
    )
    # when
    html = client_for(partner_a).get(referral.get_portal_url()).content.decode()
    # then
    assert UNSHARED["address"] in html
    assert UNSHARED["phone"] not in html
    assert detailed_case.person.rut_display not in html


@pytest.mark.parametrize("url_name", ["referral_outcome", "referral_move", "referral_message"])
def test_no_portal_page_leaks_unshared_fields(client_for, partner_a, shared_referral, url_name):
    html = (
        client_for(partner_a)
        .get(reverse(f"portal:{url_name}", args=[shared_referral.pk]))
        .content.decode()
    )
    for value in UNSHARED.values():
        assert value not in html


def test_the_inbox_shows_no_unshared_field(client_for, partner_a, shared_referral):
    html = client_for(partner_a).get(reverse("portal:inbox")).content.decode()
    assert shared_referral.case.person.full_name in html
    for value in UNSHARED.values():
        assert value not in html


def test_the_annex_d_pdf_carries_the_shared_fields_only(client_for, partner_a, shared_referral):
    # when
    response = client_for(partner_a).get(reverse("portal:referral_pdf", args=[shared_referral.pk]))
    # then
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "FORMULARIO DE DERIVACIÓN" in text
    assert shared_referral.case.person.rut_display in text
    assert shared_referral.institution.name.upper() in text
    assert "Firma" in text
    for value in UNSHARED.values():
        assert value not in text
    assert ReferralAccess.objects.filter(referral=shared_referral, what="pdf").count() == 1


def test_every_opening_is_logged_and_shown_to_the_team(
    client_for, partner_a, professional, referral_a
):
    # when
    client_for(partner_a).get(referral_a.get_portal_url())
    client_for(partner_a).get(referral_a.get_portal_url())
    # then
    accesses = ReferralAccess.objects.filter(referral=referral_a, user=partner_a)
    assert accesses.count() == 2
    html = client_for(professional).get(referral_a.get_absolute_url()).content.decode()
    assert "Accesos de la institución" in html
    assert partner_a.get_full_name() in html


def test_the_partner_answers_through_the_portal(client_for, partner_a, referral_a):
    # when
    response = client_for(partner_a).post(
        reverse("portal:referral_move", args=[referral_a.pk]),
        {"to_status": Status.ACCEPTED, "note": "Entrevista el lunes."},
    )
    # then
    assert response.status_code == 302
    referral_a.refresh_from_db()
    assert referral_a.status == Status.ACCEPTED


def test_a_rejection_without_reason_comes_back_with_the_error(client_for, partner_a, referral_a):
    # when
    response = client_for(partner_a).post(
        reverse("portal:referral_move", args=[referral_a.pk]),
        {"to_status": Status.REJECTED, "note": "Lo sentimos."},
    )
    # then
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indique el motivo del rechazo." in html
    assert "Lo sentimos." in html  # the form comes back filled
    referral_a.refresh_from_db()
    assert referral_a.status == Status.SENT


def test_the_outcome_form_updates_the_labour_status(client_for, partner_a, referral_a):
    # given
    for step in (Status.ACCEPTED, Status.IN_PROGRESS):
        referral = actions.move_referral(referral=referral_a, actor=partner_a, to_status=step)
    # when
    response = client_for(partner_a).post(
        reverse("portal:referral_outcome", args=[referral.pk]),
        {
            "outcome_kind": "hired",
            "outcome_on": "12-01-2026",
            "employer": "Fábricas Cool",
            "job_start_on": "15-01-2026",
        },
    )
    # then
    assert response.status_code == 302
    referral.case.refresh_from_db()
    assert referral.case.get_labour_outcome_display() == "Trabajo dependiente"


def test_the_outcome_form_shows_errors_in_spanish(client_for, partner_a, referral_a):
    for step in (Status.ACCEPTED, Status.IN_PROGRESS):
        actions.move_referral(referral=referral_a, actor=partner_a, to_status=step)
    response = client_for(partner_a).post(
        reverse("portal:referral_outcome", args=[referral_a.pk]),
        {"outcome_kind": "hired", "outcome_on": "12-01-2026"},
    )
    assert response.status_code == 200
    assert "Indique el empleador/a." in response.content.decode()


def _inbox_queries(client, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(reverse("portal:inbox"))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_inbox_query_count_does_not_grow_with_referrals(
    client_for,
    partner_a,
    case,
    professional,
    supervisor,
    institution_a,
    django_assert_max_num_queries,
):
    # given
    client = client_for(partner_a)
    for _ in range(2):
        sent_referral(case=case, actor=professional, approver=supervisor, institution=institution_a)
    few = _inbox_queries(client, django_assert_max_num_queries, 15)
    for _ in range(10):
        sent_referral(case=case, actor=professional, approver=supervisor, institution=institution_a)
    # when
    many = _inbox_queries(client, django_assert_max_num_queries, 15)
    # then
    assert many == few


def test_the_inbox_filters_and_searches(
    client_for, partner_a, case, professional, supervisor, institution_a
):
    # given: a second person's referral
    other = sent_referral(
        case=case, actor=professional, approver=supervisor, institution=institution_a
    )
    actions.move_referral(referral=other, actor=partner_a, to_status=Status.ACCEPTED)
    pending = sent_referral(
        case=case, actor=professional, approver=supervisor, institution=institution_a
    )
    client = client_for(partner_a)
    # when
    by_status = client.get(reverse("portal:inbox"), {"status": "accepted"}).content.decode()
    by_number = client.get(reverse("portal:inbox"), {"q": pending.number}).content.decode()
    by_name = client.get(
        reverse("portal:inbox"), {"q": case.person.last_names.split()[0]}
    ).content.decode()
    # then
    assert f">{other.number}<" in by_status and f">{pending.number}<" not in by_status
    assert f">{pending.number}<" in by_number and f">{other.number}<" not in by_number
    assert f">{pending.number}<" in by_name


def test_the_referral_page_with_its_forms_has_unique_ids_and_valid_descriptions(
    client_for, partner_a, referral_a
):
    # given: in progress, the page offers both the move form and the progress form
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when
    html = client_for(partner_a).get(referral.get_portal_url()).content.decode()
    # then
    assert 'id="id_note"' in html and 'id="id_progress_note"' in html
    assert accessibility_problems(html) == []


def test_a_progress_note_is_still_recorded_from_the_referral_page(
    client_for, partner_a, referral_a
):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when
    response = client_for(partner_a).post(
        reverse("portal:referral_progress", args=[referral.pk]), {"note": "Asiste bien."}
    )
    # then
    assert response.status_code == 302
    assert referral.events.filter(note="Asiste bien.").exists()


@pytest.mark.parametrize("query", ["hector carrasco", "CARRASCO Héctor"])
def test_referral_searches_find_a_name_however_it_is_typed(
    query, client_for, opv, coordinator, professional, supervisor, institution_a, partner_a
):
    # given referrals of Héctor Carrasco and of someone else
    hector = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        person=PersonFactory(first_names="Héctor", last_names="Carrasco Espinoza"),
    )
    rosa = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        person=PersonFactory(first_names="Rosa", last_names="Araya Tapia"),
    )
    wanted, unwanted = (
        sent_referral(case=c, actor=professional, approver=supervisor, institution=institution_a)
        for c in (hector, rosa)
    )
    # when the partner and the team search by name
    pages = [
        client_for(partner_a).get(reverse("portal:inbox"), {"q": query}),
        client_for(coordinator).get(
            reverse("red:institution_detail", args=[institution_a.pk]), {"q": query}
        ),
    ]
    # then only Héctor's referral is listed
    for page in pages:
        html = page.content.decode()
        assert f">{wanted.number}<" in html and f">{unwanted.number}<" not in html
