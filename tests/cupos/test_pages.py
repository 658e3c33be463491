import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from cupos import actions
from cupos.choices import RequestStatus
from cupos.models import SlotRequest
from red.choices import SharedField

from ..factories import web_editor
from .factories import objective, planned_case, request_slot

S = RequestStatus


@pytest.fixture
def planned(lae, lae_professional, version):
    case = planned_case(program=lae, actor=lae_professional, version=version)
    person = case.person
    person.address = "Pasaje Los Aromos 123"
    person.save()
    return case


def test_a_professional_requests_a_slot_from_a_plan_objective(
    planned, lae_professional, program_a, client_for
):
    client = client_for(lae_professional)
    page = client.get(reverse("cupos:request_create", args=[planned.pk]))
    assert page.status_code == 200
    assert "Tratamiento ambulatorio" in page.text
    response = client.post(
        reverse("cupos:request_create", args=[planned.pk]),
        {
            "program": program_a.pk,
            "objective": objective(planned).pk,
            "reason": "Consumo problemático de alcohol.",
            "shared_fields": [SharedField.RUT],
        },
    )
    request = SlotRequest.objects.get()
    assert response.status_code == 302 and response.url == request.get_absolute_url()
    assert request.status == S.REQUESTED
    detail = client.get(request.get_absolute_url())
    assert "Plazo de respuesta" in detail.text and "Solicitada" in detail.text


def test_the_partner_answers_waiting_list_in_the_portal_seeing_only_the_shared_fields(
    planned, lae_professional, program_a, partner_a, client_for
):
    request = request_slot(planned, lae_professional, program_a, shared=(SharedField.RUT,))
    client = client_for(partner_a)
    inbox = client.get(reverse("cupos_portal:inbox"))
    assert planned.person.full_name in inbox.text
    page = client.get(reverse("cupos_portal:request_detail", args=[request.pk]))
    assert page.status_code == 200
    assert planned.person.rut_display in page.text
    # the address was not shared, nor the offence of the case
    assert "Pasaje Los Aromos" not in page.text
    assert planned.offence not in page.text
    response = client.post(
        reverse("cupos_portal:request_detail", args=[request.pk]),
        {"action": "answer", "answer": "waiting_list"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.WAITING_LIST


def test_a_partner_of_institution_a_cannot_see_the_requests_or_reports_of_b(
    planned, lae, lae_professional, version, program_a, program_b, partner_a, partner_b, client_for
):
    other = planned_case(program=lae, actor=lae_professional, version=version)
    mine = request_slot(planned, lae_professional, program_a)
    theirs = request_slot(other, lae_professional, program_b)
    client = client_for(partner_a)
    inbox = client.get(reverse("cupos_portal:inbox"))
    assert planned.person.full_name in inbox.text
    assert other.person.full_name not in inbox.text
    assert client.get(reverse("cupos_portal:request_detail", args=[mine.pk])).status_code == 200
    url = reverse("cupos_portal:request_detail", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "answer", "answer": "waiting_list"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.REQUESTED


def test_a_queued_request_never_reaches_the_institution(
    planned, lae_professional, program_a, program_b, partner_b, client_for
):
    request_slot(planned, lae_professional, program_a, number=1)
    queued = request_slot(planned, lae_professional, program_b, number=2)
    client = client_for(partner_b)
    assert planned.person.full_name not in client.get(reverse("cupos_portal:inbox")).text
    assert client.get(reverse("cupos_portal:request_detail", args=[queued.pk])).status_code == 404


def test_people_outside_the_case_or_the_program_are_kept_out(
    planned, lae_professional, professional, program_a, own_program, partner_a, client_for
):
    request = request_slot(planned, lae_professional, own_program)
    case_pages = [
        reverse("cupos:case_requests", args=[planned.pk]),
        reverse("cupos:request_create", args=[planned.pk]),
        request.get_absolute_url(),
    ]
    # a professional of another program: the case does not exist for them, nor the answer
    client = client_for(professional)
    for url in case_pages:
        assert client.get(url).status_code == 404
    assert client.get(reverse("cupos:answer", args=[request.pk])).status_code == 404
    # the team's professional does not answer for the program
    assert (
        client_for(lae_professional).get(reverse("cupos:answer", args=[request.pk])).status_code
        == 404
    )
    # a partner and a web editor have no business in /equipo/; web editors none in /red/
    for user in (partner_a, web_editor()):
        c = client_for(user)
        for url in [*case_pages, reverse("cupos:program_list")]:
            assert c.get(url).status_code == 403
    assert (
        client_for(web_editor("otra_editora")).get(reverse("cupos_portal:inbox")).status_code == 403
    )


def test_the_coordination_answers_its_own_program(
    planned, lae_professional, lae_coordinator, own_program, client_for
):
    request = request_slot(planned, lae_professional, own_program)
    client = client_for(lae_coordinator)
    page = client.get(reverse("cupos:answer", args=[request.pk]))
    assert page.status_code == 200 and "Responder (48 horas)" in page.text
    start = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        reverse("cupos:answer", args=[request.pk]),
        {"action": "answer", "answer": "accepted", "start_on": start.isoformat()},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.ACCEPTED and request.start_on == start


def test_the_program_page_shows_slots_waiting_list_and_exports_it(
    lae,
    planned,
    version,
    lae_professional,
    lae_coordinator,
    program_a,
    partner_a,
    client_for,
    django_assert_max_num_queries,
):
    holder = request_slot(planned, lae_professional, program_a)
    actions.answer_request(
        request=holder, actor=partner_a, answer="accepted", start_on=timezone.localdate()
    )
    waiting = []
    for _ in range(3):
        case = planned_case(program=lae, actor=lae_professional, version=version)
        r = request_slot(case, lae_professional, program_a)
        actions.answer_request(request=r, actor=partner_a, answer="waiting_list")
        waiting.append(r)
    client = client_for(lae_coordinator)
    url = reverse("cupos:program_detail", args=[program_a.pk])
    client.get(url)  # the navigation's cached counts (work queues) are counted once
    # 16: the navigation's bell (unread notifications) is one query on every team page.
    with django_assert_max_num_queries(16):
        page = client.get(url)
    assert page.status_code == 200
    html = page.text
    assert "1 de 1" in html  # slots used
    positions = [html.index(r.case.person.full_name) for r in waiting]
    assert positions == sorted(positions)
    expected = timezone.localdate() + datetime.timedelta(weeks=12)
    assert f"ingreso esperado el <strong>{expected:%d-%m-%Y}</strong>" in html
    csv = client.get(url + "?exportar=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert lines[0].startswith("Posición,Persona")
    assert lines[1].startswith(f"1,{waiting[0].case.person.full_name}")
    # the list of programs (9 with the navigation's bell)
    with django_assert_max_num_queries(9):
        listing = client.get(reverse("cupos:program_list"))
    assert "completo" in listing.text


def test_the_program_page_hides_the_names_of_cases_the_user_may_not_open(
    planned, lae_professional, program_a, partner_a, coordinator, client_for
):
    r = request_slot(planned, lae_professional, program_a)
    actions.answer_request(request=r, actor=partner_a, answer="waiting_list")
    page = client_for(coordinator).get(reverse("cupos:program_detail", args=[program_a.pk]))
    assert planned.person.full_name not in page.text
    assert "Persona de otro equipo" in page.text


def test_the_case_and_portal_pages_run_a_bounded_number_of_queries(
    lae,
    planned,
    version,
    lae_professional,
    program_a,
    partner_a,
    client_for,
    django_assert_max_num_queries,
):
    # given several requests on the program, one of them this person's
    requests = [request_slot(planned, lae_professional, program_a)]
    for _ in range(3):
        case = planned_case(program=lae, actor=lae_professional, version=version)
        requests.append(request_slot(case, lae_professional, program_a))
    for r in requests:
        actions.answer_request(request=r, actor=partner_a, answer="waiting_list")
    team = client_for(lae_professional)
    for url in (
        reverse("cupos:case_requests", args=[planned.pk]),
        requests[0].get_absolute_url(),
    ):
        with django_assert_max_num_queries(25):
            assert team.get(url).status_code == 200
    portal = client_for(partner_a)
    for url in (
        reverse("cupos_portal:inbox"),
        reverse("cupos_portal:request_detail", args=[requests[0].pk]),
    ):
        with django_assert_max_num_queries(15):
            assert portal.get(url).status_code == 200
