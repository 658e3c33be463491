import datetime

import pytest

from familias import actions
from familias.models import FamilyIntervention
from reinsercion.extensions import timeline_sources
from tests.factories import PersonFactory, open_case

from .factories import add_member


def test_family_page_shows_diagram_and_text_alternative(
    case, professional, mother, son, client_for
):
    # given
    actions.designate_referent(case=case, member=mother, actor=professional, reason="Apoyo.")
    # when
    response = client_for(professional).get(f"/equipo/casos/{case.pk}/familia/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<title id=" in html and "<desc id=" in html
    assert "Rosa Araya Pérez: madre de" in html
    assert "menor de edad" in html
    assert ">R</text>" in html  # the referente is marked in the diagram


@pytest.mark.parametrize("persona", ["other_professional", "lae_professional", "editor"])
def test_outsiders_get_404_on_the_family(case, mother, client_for, request, persona):
    # given
    user = request.getfixturevalue(persona)
    # when
    pages = [
        f"/equipo/casos/{case.pk}/familia/",
        f"/equipo/casos/{case.pk}/familia/referente/",
        f"/equipo/casos/{case.pk}/familia/integrantes/{mother.pk}/editar/",
    ]
    codes = {client_for(user).get(url).status_code for url in pages}
    # then
    assert codes == {404}


def test_director_reads_but_may_not_change(case, director, mother, client_for):
    # given
    client = client_for(director)
    # when / then
    assert client.get(f"/equipo/casos/{case.pk}/familia/").status_code == 200
    assert client.get(f"/equipo/casos/{case.pk}/familia/integrantes/nuevo/").status_code == 403


def test_family_page_queries_are_bounded(
    case, professional, client_for, django_assert_max_num_queries
):
    # given
    members = [add_member(case, professional, relationship="sibling") for _ in range(6)]
    for day in range(1, 16):
        actions.record_intervention(
            case=case,
            actor=professional,
            kind="counselling",
            held_on=datetime.date(2026, 2, day),
            ambit="psychosocial",
            attendees=members[:3],
        )
    client = client_for(professional)
    # when / then
    with django_assert_max_num_queries(25):
        response = client.get(f"/equipo/casos/{case.pk}/familia/")
    assert response.status_code == 200


def test_group_talk_is_recorded_on_every_family(opv, case, coordinator, professional, mother):
    # given

    other = open_case(
        program=opv, actor=coordinator, professionals=[professional], cohort=case.cohort
    )
    # when
    record = actions.record_intervention(
        case=case,
        actor=professional,
        kind="talk",
        held_on=datetime.date(2026, 3, 3),
        ambit="family",
        attendees=[mother],
        other_cases=[other],
        topic="Consumo problemático y familia",
    )
    # then
    assert record.group_talk.interventions.count() == 2
    assert FamilyIntervention.objects.get(case=other).group_talk == record.group_talk


def test_family_interventions_reach_the_timeline(case, professional, mother):
    # given

    actions.record_intervention(
        case=case,
        actor=professional,
        kind="home_visit",
        held_on=datetime.date(2026, 2, 10),
        ambit="family",
        attendees=[mother],
    )
    # when
    entries = timeline_sources()["family_interventions"](case)
    # then
    assert [(e.title, e.kind, e.ambit) for e in entries] == [
        ("Visita domiciliaria", "family_intervention", "family")
    ]
    assert "Rosa Araya Pérez" in entries[0].detail


@pytest.mark.parametrize("query", ["hector carrasco", "CARRASCO Héctor", "carrasco"])
def test_the_talk_form_finds_another_family_by_name_however_it_is_typed(
    query, opv, case, coordinator, professional, client_for
):
    # given two other families of the same generation
    hector = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        cohort=case.cohort,
        person=PersonFactory(first_names="Héctor", last_names="Carrasco Espinoza"),
    )
    other = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        cohort=case.cohort,
        person=PersonFactory(first_names="Rosa", last_names="Araya Tapia"),
    )
    # when the professional searches the families that may share the talk
    response = client_for(professional).get(
        f"/equipo/casos/{case.pk}/familia/intervenciones/nueva/",
        {"tipo": "talk", "familias": query},
    )
    # then only Héctor's family is offered
    choices = list(response.context["form"].fields["other_cases"].queryset)
    assert choices == [hector]
    assert other not in choices


def test_a_talk_shared_with_a_searched_family_is_recorded_there(
    opv, case, coordinator, professional, client_for
):
    # given
    hector = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        cohort=case.cohort,
        person=PersonFactory(first_names="Héctor", last_names="Carrasco"),
    )
    url = f"/equipo/casos/{case.pk}/familia/intervenciones/nueva/?familias=carrasco+hector"
    # when
    response = client_for(professional).post(
        url,
        {
            "kind": "talk",
            "held_on": "03-03-2026",
            "ambit": "family",
            "topic": "Consumo problemático y familia",
            "other_cases": [hector.pk],
        },
    )
    # then
    assert response.status_code == 302, response.context["form"].errors
    assert FamilyIntervention.objects.filter(case=hector).exists()
