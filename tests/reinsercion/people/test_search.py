"""Names are found whatever their accents, capitals and word order; RUTs with or without
dots, dash or check digit; on PostgreSQL through the trigram index."""

import pytest

from django.db import connection
from django.urls import reverse

from reinsercion.cases.models import Case
from reinsercion.people.search import name_condition, normalise
from tests.factories import PersonFactory, open_case

pytestmark = pytest.mark.django_db


def test_normalise_drops_accents_capitals_and_extra_spaces():
    assert normalise("  Héctor   CARRASCO Espinoza ") == "hector carrasco espinoza"
    assert normalise("Ñuñoa") == "nunoa"


@pytest.mark.parametrize(
    "query",
    [
        "hector",
        "HÉCTOR",
        "Héctor",
        "hector carrasco",
        "Hector Carrasco Espinoza",
        "CARRASCO Héctor",
        "Carrasco Espinoza",
        "espinoza hector",
    ],
)
def test_the_caseload_finds_a_name_however_it_is_typed(query, client_for, opv, coordinator):
    # given Héctor Carrasco Espinoza and someone else
    hector = open_case(
        program=opv,
        actor=coordinator,
        person=PersonFactory(first_names="Héctor", last_names="Carrasco Espinoza"),
    )
    other = open_case(
        program=opv,
        actor=coordinator,
        person=PersonFactory(first_names="Rosa", last_names="Araya Tapia"),
    )
    # when the coordinator types the query
    html = client_for(coordinator).get(reverse("team:case_list"), {"q": query}).content.decode()
    # then only Héctor is listed
    assert hector.person.full_name in html
    assert other.person.full_name not in html


@pytest.mark.parametrize("query", ["12.345.678-5", "12345678-5", "123456785", "12345678", "1234"])
def test_the_caseload_finds_a_rut_with_or_without_dots_dash_or_check_digit(
    query, client_for, opv, coordinator
):
    wanted = open_case(program=opv, actor=coordinator, person=PersonFactory(rut="12345678-5"))
    html = client_for(coordinator).get(reverse("team:case_list"), {"q": query}).content.decode()
    assert wanted.person.full_name in html


def test_renaming_a_person_updates_what_search_finds(opv, coordinator):
    case = open_case(
        program=opv, actor=coordinator, person=PersonFactory(first_names="Ana", last_names="Soto")
    )
    person = case.person
    person.last_names = "Muñoz Soto"
    person.save(update_fields=["last_names"])
    person.refresh_from_db()
    assert person.search_name == "ana munoz soto"
    assert Case.objects.filter(name_condition("MUNOZ", prefix="person__")).get() == case


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_on_postgresql_the_name_search_reads_the_trigram_index(opv, coordinator):
    open_case(program=opv, actor=coordinator, person=PersonFactory(last_names="Carrasco"))
    matches = Case.objects.filter(name_condition("carrasco", prefix="person__"))
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would be scanned anyway: ask how the index serves the search.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_search_trgm" in plan
