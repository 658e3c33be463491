import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ResultsPage
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import Outcome
from reinsercion.cases.models import Case
from reinsercion.results import queries as results

from .conftest import graduate, opv_cohort

URL = "/oportunidades-para-la-vida/resultados-2012-2016/"


def row_of(html, label):
    """Cell texts of the table row whose header is ``label``."""
    match = re.search(
        rf"<tr>\s*<th scope=\"row\"[^>]*>{re.escape(label)}</th>(.*?)</tr>", html, re.S
    )
    assert match, label
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", match[1], re.S)
    ]


def test_results_page_reproduces_the_published_opv_figures(client, opv_history, site_tree):
    # given OPV generations 2012–2016 recorded in the case module
    # when a visitor opens the results page
    html = client.get(URL).content.decode()
    # then the totals are the ones the program published: 49 / 45 / 4, 92 % / 8 %
    assert row_of(html, "Total 2012–2016") == ["49", "45", "92 %", "4", "8 %"]
    assert "92 %" in html and "8 %" in html
    # and each generation as in the OPV document
    assert row_of(html, "1ª generación") == ["2012", "10", "9", "90 %", "1", "10 %"]
    assert row_of(html, "2ª generación") == ["2013", "9", "8", "89 %", "1", "11 %"]
    assert row_of(html, "4ª generación") == ["2015", "9", "9", "100 %", "0", "0 %"]
    assert row_of(html, "5ª generación") == ["2016", "12", "11", "92 %", "1", "8 %"]
    # the one member who left before four months does not count
    assert "participaron menos tiempo" in html


def test_results_page_draws_an_accessible_chart_without_javascript(client, opv_history, site_tree):
    html = client.get(URL).content.decode()
    assert '<svg viewBox="0 0 640 300" role="img"' in html
    assert '<title id="grafico-titulo">' in html
    assert "2016: 11 con reinserción efectiva y 1 con reincidencia." in html
    assert "<script" not in html
    assert "<caption>" in html and 'scope="col"' in html


def test_home_shows_the_featured_results(client, opv_history, site_tree):
    html = client.get("/").content.decode()
    assert "92 %" in html and "49" in html


def test_results_page_changes_when_a_case_outcome_changes(
    client, opv_history, site_tree, coordinator
):
    # given the page seen once (and cached)
    assert row_of(client.get(URL).content.decode(), "Total 2012–2016")[3] == "4"
    # when a recidivism learnt later is recorded on a case that had effective reinsertion
    case = Case.objects.filter(outcome=Outcome.EFFECTIVE_REINTEGRATION, cohort__year=2015).first()
    case_actions.record_follow_up_outcome(
        case=case,
        actor=coordinator,
        outcome=Outcome.RECIDIVISM,
        recidivism_offence="Hurto simple",
    )
    # then the next visitor sees it
    html = client.get(URL).content.decode()
    assert row_of(html, "Total 2012–2016") == ["49", "44", "90 %", "5", "10 %"]
    assert row_of(html, "4ª generación") == ["2015", "9", "8", "89 %", "1", "11 %"]


def test_results_are_served_from_the_cache_until_something_changes(
    client, opv_history, site_tree, django_assert_max_num_queries
):
    client.get(URL)
    with CaptureQueriesContext(connection) as cached:
        client.get(URL)
    assert not any("reinsercion_" in q["sql"] for q in cached.captured_queries)


def count_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_results_page_runs_a_fixed_number_of_queries(
    client, opv, coordinator, site_tree, django_assert_max_num_queries
):
    # given a few members in two generations
    first = opv_cohort(opv, 2012, 1)
    second = opv_cohort(opv, 2013, 2)
    for cohort in (first, second):
        graduate(program=opv, cohort=cohort, actor=coordinator)
    few = count_queries(client)
    # when there are many more cases and generations
    for year, ordinal in ((2014, 3), (2015, 4)):
        cohort = opv_cohort(opv, year, ordinal)
        for _ in range(6):
            graduate(program=opv, cohort=cohort, actor=coordinator)
    for _ in range(5):
        graduate(program=opv, cohort=first, actor=coordinator)
    # then the page runs exactly the same number of queries, breakdowns included
    assert count_queries(client) == few
    cache.clear()
    with django_assert_max_num_queries(30):
        client.get(URL)


def test_results_page_says_when_there_is_nothing_to_show(client, opv, site_tree):
    html = client.get(URL).content.decode()
    assert "Aún no hay generaciones con resultados" in html


def test_editors_choose_the_program_from_the_case_module_not_figures(opv, lae, results_page):
    # given the admin form of a results page
    form_class = ResultsPage.get_edit_handler().get_form_class()
    form = form_class(instance=results_page, for_user=None)
    # then the programs offered are those with generations, and there is no field for figures
    assert dict(form.fields["program_code"].choices).keys() == {"", "OPV"}
    assert not {"counted", "effective", "recidivism"} & set(form.fields)
    assert ("OPV", "OPV · Oportunidades para la Vida") in results.program_choices()


@pytest.mark.parametrize("year_from, year_to, ok", [(2012, 2016, True), (2016, 2012, False)])
def test_results_period_must_be_in_order(opv, results_page, year_from, year_to, ok):
    form_class = ResultsPage.get_edit_handler().get_form_class()
    data = {
        "title": "Resultados",
        "slug": "resultados",
        "program_code": "OPV",
        "year_from": year_from,
        "year_to": year_to,
        "breakdowns-count": 0,
    }
    form = form_class(
        data, instance=results_page, for_user=None, parent_page=results_page.get_parent()
    )
    assert ("year_to" not in form.errors) is ok
