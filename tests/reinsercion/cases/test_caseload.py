import csv
import io

import pytest
from openpyxl import load_workbook

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reinsercion.cases import actions as case_actions
from reinsercion.cases.exports import neutralise
from reinsercion.programs.choices import Phase
from tests.factories import CohortFactory, PersonFactory, open_case

pytestmark = pytest.mark.django_db


def test_search_by_name_or_rut_with_or_without_dots(client_for, opv, coordinator):
    # given
    wanted = open_case(
        program=opv,
        actor=coordinator,
        person=PersonFactory(rut="12345678-5", first_names="Rosa Elena", last_names="Araya Tapia"),
    )
    other = open_case(program=opv, actor=coordinator)
    client = client_for(coordinator)
    for query in ["rosa araya", "12.345.678-5", "123456785", "12345"]:
        # when
        html = client.get(reverse("team:case_list"), {"q": query}).content.decode()
        # then
        assert wanted.person.full_name in html, query
        assert other.person.full_name not in html, query


def test_filter_by_generation_phase_and_professional(
    client_for, opv, coordinator, professional, other_professional
):
    # given
    gen6, gen7 = CohortFactory(program=opv, ordinal=6), CohortFactory(program=opv, ordinal=7)
    a = open_case(program=opv, actor=coordinator, cohort=gen6, professionals=[professional])
    b = open_case(program=opv, actor=coordinator, cohort=gen7, professionals=[other_professional])
    case_actions.move_case_phase(case=b, actor=coordinator, to_phase=Phase.EXTRA_PENITENTIARY)
    client = client_for(coordinator)

    def listed(**params):
        html = client.get(reverse("team:case_list"), params).content.decode()
        return {c for c in (a, b) if c.person.full_name in html}

    # then
    assert listed(cohort=gen6.pk) == {a}
    assert listed(phase=Phase.EXTRA_PENITENTIARY) == {b}
    assert listed(professional=professional.pk) == {a}
    assert listed(program=opv.pk) == {a, b}


def test_the_filter_form_lists_each_users_own_programs_and_keeps_what_was_typed(
    client, client_for, opv, lae, coordinator, lae_professional
):
    # given: the caseload's filter form is cached between views (case_list.html)
    client_for(coordinator).get(reverse("team:case_list"))

    def program_options(user, **params):
        html = client_for(user).get(reverse("team:case_list"), params).content.decode()
        start = html.index('role="search"')
        form = html[start : html.index("</form>", start)]
        return {code for code in ("OPV", "LAE") if f">{code} · " in form}, form

    # then: another program's worker sees only her program, the cached form notwithstanding
    assert program_options(lae_professional)[0] == {"LAE"}
    assert program_options(coordinator)[0] == {"OPV"}
    # and a typed filter is shown back in the form, first and second time alike
    for _ in range(2):
        form = program_options(coordinator, q="Araya", phase=Phase.EXTRA_PENITENTIARY)[1]
        assert 'value="Araya"' in form
        assert f'<option value="{Phase.EXTRA_PENITENTIARY}" selected>' in form
    assert 'value="Araya"' not in program_options(coordinator)[1]
    # the empty choices read «Todos» and «Todas», not dashes
    form = program_options(coordinator)[1]
    assert '<option value="" selected>Todos</option>' in form
    assert '<option value="" selected>Todas</option>' in form
    assert "-----" not in form


def test_csv_export_contains_exactly_what_is_filtered(client_for, opv, coordinator, professional):
    # given
    mine = open_case(program=opv, actor=coordinator, professionals=[professional])
    open_case(program=opv, actor=coordinator)
    # when
    response = client_for(coordinator).get(
        reverse("team:case_list"),
        {"professional": professional.pk, "_export": "csv", "finalidad": "informe mensual"},
    )
    # then
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Persona", "RUT", "Programa"]
    assert [r[0] for r in rows[1:]] == [mine.person.full_name]
    assert rows[1][1] == mine.person.rut_display


def test_csv_export_opens_in_a_chilean_excel_with_accents_and_no_formulas(
    client_for, opv, coordinator
):
    # given
    person = PersonFactory(first_names="=cmd|' /C calc'!A0", last_names="Muñoz Sáez")
    open_case(program=opv, actor=coordinator, person=person)
    # when
    response = client_for(coordinator).get(
        reverse("team:case_list"), {"_export": "csv", "finalidad": "informe mensual"}
    )
    # then
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Persona", "RUT", "Programa", "Generación"]
    assert rows[1][0] == "'=cmd|' /C calc'!A0 Muñoz Sáez"


def test_xlsx_export_has_the_filtered_cases_with_accents_and_no_formulas(
    client_for, opv, coordinator
):
    # given
    person = PersonFactory(first_names="=cmd|' /C calc'!A0", last_names="Muñoz Sáez")
    case = open_case(program=opv, actor=coordinator, person=person)
    # when
    response = client_for(coordinator).get(
        reverse("team:case_list"), {"_export": "xlsx", "finalidad": "informe mensual"}
    )
    # then
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Persona", "RUT", "Programa", "Generación"]
    assert rows[1][0] == "'=cmd|' /C calc'!A0 Muñoz Sáez"
    assert rows[1][1] == case.person.rut_display
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_caseload_offers_csv_and_xlsx_exports(client_for, opv, coordinator):
    # when
    html = client_for(coordinator).get(reverse("team:case_list")).content.decode()
    # then
    assert "_export=csv" in html
    assert "_export=xlsx" in html


def test_the_caseload_is_paginated(client_for, opv, coordinator):
    opv.max_cohort_size = 40
    opv.save()
    cohort = CohortFactory(program=opv)
    for _ in range(27):
        open_case(program=opv, actor=coordinator, cohort=cohort)
    client = client_for(coordinator)
    first = client.get(reverse("team:case_list"))
    assert len(first.context["table"].page.object_list) == 25
    second = client.get(reverse("team:case_list"), {"page": 2})
    assert len(second.context["table"].page.object_list) == 2


def test_the_caseload_query_count_does_not_grow_with_the_number_of_cases(
    client_for, opv, coordinator, professional, django_assert_max_num_queries
):
    # given
    cohort = CohortFactory(program=opv)
    opv.max_cohort_size = 60
    opv.save()
    client = client_for(coordinator)

    def count_queries():
        cache.clear()  # both counts with nothing cached (counts, filter form, navigation)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("team:case_list")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        open_case(program=opv, actor=coordinator, cohort=cohort, professionals=[professional])
    few = count_queries()
    for _ in range(22):
        open_case(program=opv, actor=coordinator, cohort=cohort, professionals=[professional])
    # then
    assert count_queries() == few
    with django_assert_max_num_queries(16):
        client.get(reverse("team:case_list"))


def test_empty_caseload_says_so(client_for, professional):
    html = client_for(professional).get(reverse("team:case_list")).content.decode()
    assert "No hay casos que coincidan con la búsqueda." in html


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_every_formula_start_is_neutralised_in_the_csv_export(client_for, opv, coordinator, start):
    person = PersonFactory(first_names=f"{start}1+1", last_names="Rojas")
    open_case(program=opv, actor=coordinator, person=person)
    response = client_for(coordinator).get(
        reverse("team:case_list"), {"_export": "csv", "finalidad": "informe mensual"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == f"'{start}1+1 Rojas"


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_a_cell_starting_with_tab_or_carriage_return_is_neutralised(start):
    # names are stripped before they reach a cell; other text columns are not
    assert neutralise(f"{start}=1+1") == f"'{start}=1+1"
