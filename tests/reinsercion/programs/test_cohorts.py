import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from reinsercion.cases import actions as case_actions
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
