import datetime
import re

import pytest

from reinsercion.cases import actions as case_actions
from reinsercion.people.choices import Sex
from reinsercion.programs.choices import Phase
from reinsercion.results import queries as results

from ..factories import PersonFactory
from .conftest import graduate, leaves_early, opv_cohort

URL = "/oportunidades-para-la-vida/resultados-2012-2016/"


@pytest.mark.parametrize(
    "cells, expected",
    [
        # nothing small: everything shown
        ({"a": 10, "b": 7}, {"a": (10, ""), "b": (7, "")}),
        # one small cell would be total minus the others: the smallest other is withheld too
        (
            {"a": 10, "b": 7, "c": 2},
            {"a": (10, ""), "b": (None, "derivable"), "c": (None, "small")},
        ),
        # two small cells adding up to fewer than the threshold are still derivable together
        (
            {"a": 12, "b": 6, "c": 1, "d": 0},
            {"a": (12, ""), "b": (None, "derivable"), "c": (None, "small"), "d": (None, "small")},
        ),
        # two small cells that add up to the threshold protect each other
        ({"a": 9, "b": 3, "c": 2}, {"a": (9, ""), "b": (None, "small"), "c": (None, "small")}),
        # everything small
        ({"a": 1, "b": 2}, {"a": (None, "small"), "b": (None, "small")}),
    ],
)
def test_suppress_withholds_small_and_derivable_cells(cells, expected):
    assert results.suppress(cells, 5) == expected


def test_a_breakdown_cell_below_the_threshold_is_suppressed(client, opv, coordinator, results_page):
    # given 8 counted members in 2014: 6 men and 2 women
    cohort = opv_cohort(opv, 2014, 1)
    for sex, n in ((Sex.MALE, 6), (Sex.FEMALE, 2)):
        for _ in range(n):
            graduate(program=opv, cohort=cohort, actor=coordinator, person=PersonFactory(sex=sex))
    # and a results page showing the breakdown by sex
    results_page.breakdowns = [("breakdown", {"dimension": "sex"})]
    results_page.save_revision().publish()
    # when a visitor opens it
    html = client.get(URL).content.decode()
    # then the women's cell says "< 5", and the men's is withheld so it cannot be deduced
    section = html[html.index('id="desglose-sex"') :]
    section = section[: section.index("</section>")]
    assert '<th scope="row">Mujer</th><td class="num">&lt; 5</td>' in section
    assert ">6<" not in section and ">2<" not in section
    assert "reservado" in section
    assert '<td class="num">8</td>' in section  # the total is already public


@pytest.mark.parametrize("threshold, reason", [(5, "small"), (3, ""), (2, "")])
def test_threshold_comes_from_settings(settings, opv, coordinator, threshold, reason):
    settings.RESULTS_SUPPRESSION_THRESHOLD = threshold
    cohort = opv_cohort(opv, 2014, 1)
    for sex, n in ((Sex.MALE, 6), (Sex.FEMALE, 3), (Sex.OTHER, 3)):
        for _ in range(n):
            graduate(program=opv, cohort=cohort, actor=coordinator, person=PersonFactory(sex=sex))
    table = results.breakdown("OPV", "sex")
    women = next(r for r in table.rows if r.label == "Mujer")
    assert women.reason == reason
    assert table.threshold == threshold


def test_public_pages_never_show_names_ruts_or_offences(client, opv_history, site_tree):
    html = client.get(URL).content.decode() + client.get("/").content.decode()
    for case in opv_history:
        # Whole words: a random surname such as «Barra» is a prefix of the chart's «Barras».
        assert not re.search(rf"\b{re.escape(case.person.last_names)}\b", html)
        assert case.person.rut_display not in html
        assert case.person.rut not in html
    assert "Robo con intimidación" not in html  # the recidivism offence recorded on cases
    assert all(
        isinstance(row.count, int | type(None))
        for row in results.breakdown("OPV", "comuna", year_from=2012, year_to=2016).rows
    )


def test_counts_outside_the_published_table_follow_the_threshold(
    client, opv, coordinator, site_tree
):
    # given, in 2016, one member who left early and one still in follow-up
    cohort = opv_cohort(opv, 2016, 1)
    leaves_early(program=opv, cohort=cohort, actor=coordinator)
    case = case_actions.open_case(
        person=PersonFactory(),
        program=opv,
        cohort=cohort,
        actor=coordinator,
        opened_on=cohort.starts_on,
    )
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.EXTRA_PENITENTIARY,
        actor=coordinator,
        on_date=datetime.date(2016, 9, 1),
    )
    # when the results page is shown
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(URL).content.decode()).split())
    # then both are mentioned only as "fewer than 5"
    assert "Menos de 5 personas participaron menos tiempo" in text
    assert "Menos de 5 personas cumplen la regla pero aún están en intervención" in text
