import re

import pytest
from dateutil.relativedelta import relativedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ResultsPage
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import Outcome
from reinsercion.cases.models import Case
from reinsercion.programs.choices import Phase
from reinsercion.results import queries as results

from ..factories import PersonFactory
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


# The title and slug follow the years; a generation still open is published only when safe.


@pytest.mark.parametrize(
    ("year_from", "year_to", "title", "slug"),
    [
        (2012, 2018, "Resultados del programa OPV 2012–2018", "resultados-2012-2018"),
        (2016, 2016, "Resultados del programa OPV 2016", "resultados-2016"),
        (2013, None, "Resultados del programa OPV desde 2013", "resultados-desde-2013"),
        (None, None, "Resultados del programa OPV", "resultados"),
    ],
)
def test_the_title_and_slug_follow_the_year_range(results_page, year_from, year_to, title, slug):
    # when an editor changes the years of the 2012–2016 page
    results_page.year_from, results_page.year_to = year_from, year_to
    results_page.save_revision().publish()
    # then
    page = ResultsPage.objects.get(pk=results_page.pk)
    assert (page.title, page.slug) == (title, slug)
    assert page.url.endswith(f"/{slug}/")


def in_follow_up(*, program, cohort, actor):
    """A member who met the counting rule and is still in the follow-up year."""
    case = case_actions.open_case(
        person=PersonFactory(),
        program=program,
        cohort=cohort,
        actor=actor,
        opened_on=cohort.starts_on,
    )
    released = cohort.starts_on + relativedelta(months=5)
    case_actions.move_case_phase(
        case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=actor, on_date=released
    )
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.FOLLOW_UP,
        actor=actor,
        on_date=released + relativedelta(months=3),
    )
    return case


def open_generation(opv, coordinator, year, ordinal, *, effective, recidivism, following):
    cohort = opv_cohort(opv, year, ordinal)
    for outcome, n in (
        (Outcome.EFFECTIVE_REINTEGRATION, effective),
        (Outcome.RECIDIVISM, recidivism),
    ):
        for _ in range(n):
            graduate(program=opv, cohort=cohort, actor=coordinator, outcome=outcome)
    for _ in range(following):
        in_follow_up(program=opv, cohort=cohort, actor=coordinator)


def test_a_generation_in_follow_up_is_withheld_while_it_can_single_out_a_person(
    client, opv_history, opv, coordinator, results_page
):
    # given: the 2017 generation partly closed, "1 of 6" re-offended, 5 still followed up
    open_generation(opv, coordinator, 2017, 6, effective=5, recidivism=1, following=5)
    results_page.year_to = 2017
    results_page.save_revision().publish()
    # when
    html = client.get("/oportunidades-para-la-vida/resultados-2012-2017/").content.decode()
    # then: its row says it is still followed up, and the total is that of 2012–2016
    assert row_of(html, "6ª generación") == [
        "2017",
        "En intervención o seguimiento: sus cifras se publicarán al cerrar el seguimiento.",
    ]
    assert row_of(html, "Total 2012–2017") == ["49", "45", "92 %", "4", "8 %"]
    assert "2017: " not in html.split("<desc")[1].split("</desc>")[0]
    assert "no se suman al total" in html
    # and the team still sees it whole
    full = results.cohort_results("OPV", year_from=2017, year_to=2017).cohorts[0]
    assert (full.counted, full.recidivism, full.in_progress, full.withheld) == (6, 1, 5, False)


def test_a_generation_in_follow_up_is_published_when_the_rule_allows(
    client, opv_history, opv, coordinator, results_page
):
    # given: 2017 partly closed with 5 and 5: no cell below the threshold
    open_generation(opv, coordinator, 2017, 6, effective=5, recidivism=5, following=1)
    results_page.year_to = 2017
    results_page.save_revision().publish()
    html = client.get("/oportunidades-para-la-vida/resultados-2012-2017/").content.decode()
    assert row_of(html, "6ª generación") == ["2017", "10", "5", "50 %", "5", "50 %"]
    assert row_of(html, "Total 2012–2017") == ["59", "50", "85 %", "9", "15 %"]


def test_breakdowns_leave_out_a_withheld_generation(opv_history, opv, coordinator):
    open_generation(opv, coordinator, 2017, 6, effective=5, recidivism=1, following=5)
    by_sex = results.breakdown("OPV", "sex", year_from=2012, year_to=2017)
    assert by_sex.total == 49
