import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reinsercion.cases import actions as case_actions
from reinsercion.programs.actions import open_cohort
from reinsercion.programs.models import Cohort
from tests.factories import CohortFactory, PersonFactory, open_case

pytestmark = pytest.mark.django_db


def test_a_generation_refuses_more_members_than_the_program_allows(opv, coordinator):
    # given: OPV allows 20 per generation, and this one is full
    cohort = CohortFactory(program=opv, ordinal=7, year=2018)
    for _ in range(20):
        open_case(program=opv, actor=coordinator, cohort=cohort)
    # when / then
    with pytest.raises(ValidationError) as excinfo:
        open_case(program=opv, actor=coordinator, cohort=cohort)
    assert "ya tiene 20 integrantes, el máximo del programa OPV" in str(excinfo.value)
    assert cohort.cases.count() == 20


def test_the_case_form_shows_the_capacity_error_and_keeps_the_input(client_for, opv, coordinator):
    # given
    opv.max_cohort_size = 1
    opv.save()
    cohort = CohortFactory(program=opv, ordinal=1, year=2012)
    open_case(program=opv, actor=coordinator, cohort=cohort)
    person = PersonFactory()
    client = client_for(coordinator)
    # when
    response = client.post(
        reverse("team:case_create", args=[person.pk]),
        {"programa": "OPV", "cohort": cohort.pk, "opened_on": "2012-03-01"},
    )
    # then
    assert response.status_code == 200
    assert "ya tiene 1 integrantes" in response.context["form"].errors["cohort"][0]
    assert 'value="2012-03-01"' in response.content.decode()


def test_coordination_opens_the_next_generation(client_for, opv, coordinator):
    # given
    CohortFactory(program=opv, ordinal=6, year=2017)
    client = client_for(coordinator)
    # when
    response = client.post(
        reverse("team:cohort_create", args=["OPV"]),
        {"year": 2018, "starts_on": "2018-04-02", "ends_on": ""},
    )
    # then
    cohort = Cohort.objects.get(ordinal=7)
    assert response.url == cohort.get_absolute_url()
    assert str(cohort) == "7ª generación (2018)"


def test_a_professional_cannot_open_a_generation(client_for, opv, professional):
    response = client_for(professional).get(reverse("team:cohort_create", args=["OPV"]))
    assert response.status_code == 403


def test_the_roster_shows_every_member_with_their_phase_and_links_only_visible_cases(
    client_for, opv, coordinator, professional, other_professional
):
    # given: two members, one assigned to Ana
    cohort = CohortFactory(program=opv)
    mine = open_case(program=opv, actor=coordinator, cohort=cohort, professionals=[professional])
    theirs = open_case(
        program=opv, actor=coordinator, cohort=cohort, professionals=[other_professional]
    )
    # when
    html = client_for(professional).get(cohort.get_absolute_url()).content.decode()
    # then: the roster is shared, the case file link only for her own case
    assert mine.person.full_name in html and theirs.person.full_name in html
    assert "Intrapenitenciaria" in html
    assert mine.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html


def test_a_person_cannot_have_two_open_cases_in_the_same_program(opv, coordinator):
    case = open_case(program=opv, actor=coordinator)
    with pytest.raises(ValidationError) as excinfo:
        case_actions.open_case(
            person=case.person, program=opv, actor=coordinator, cohort=case.cohort
        )
    assert "ya tiene un caso abierto en OPV" in str(excinfo.value)


def test_registering_a_member_from_a_generation_keeps_the_generation(client_for, opv, coordinator):
    # given: a generation's page offers to register a member
    cohort = open_cohort(program=opv, year=2026, actor=coordinator)
    client = client_for(coordinator)
    page = client.get(reverse("team:cohort_detail", args=[cohort.pk])).content.decode()
    register_url = f"{reverse('team:person_create')}?generacion={cohort.pk}"
    assert register_url in page
    # when: the person is registered through that link
    response = client.post(
        register_url,
        {
            "rut": "12.345.678-5",
            "first_names": "Juan",
            "last_names": "Pérez",
            "birth_date": "1990-05-17",
            "sex": "male",
            "nationality": "Chilena",
            "comuna": "Quillota",
        },
    )
    case_form = client.get(response.url)
    # then: the case form comes with the generation chosen
    assert response.status_code == 302
    assert f"generacion={cohort.pk}" in response.url
    assert case_form.status_code == 200
    assert case_form.context["form"]["cohort"].value() == cohort.pk


def test_the_case_form_offers_open_generations_only(client_for, opv, coordinator):
    # given
    today = timezone.localdate()
    closed = open_cohort(
        program=opv, year=2020, actor=coordinator, ends_on=today - datetime.timedelta(days=1)
    )
    ending_today = open_cohort(program=opv, year=2026, actor=coordinator, ends_on=today)
    without_end = open_cohort(program=opv, year=2026, actor=coordinator)
    person = PersonFactory()
    client = client_for(coordinator)
    # when
    response = client.get(reverse("team:case_create", args=[person.pk]))
    # then
    offered = set(response.context["form"].fields["cohort"].queryset)
    assert offered == {ending_today, without_end}
    assert closed not in offered


def test_a_case_in_a_closed_generation_can_still_be_edited(client_for, opv, coordinator):
    # given
    cohort = open_cohort(
        program=opv, year=2020, actor=coordinator, ends_on=datetime.date(2021, 1, 1)
    )
    case = open_case(program=opv, actor=coordinator, cohort=cohort)
    client = client_for(coordinator)
    # when
    response = client.get(reverse("team:case_update", args=[case.pk]))
    # then
    assert cohort in response.context["form"].fields["cohort"].queryset


def test_a_closed_generation_does_not_offer_to_register_members(client_for, opv, coordinator):
    # given
    cohort = open_cohort(
        program=opv, year=2020, actor=coordinator, ends_on=datetime.date(2021, 1, 1)
    )
    client = client_for(coordinator)
    # when
    page = client.get(reverse("team:cohort_detail", args=[cohort.pk])).content.decode()
    # then
    assert "Registrar integrante" not in page
