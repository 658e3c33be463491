import datetime
import io

import pytest

from django.core.management import call_command

from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, Outcome
from reinsercion.cases.models import Case
from reinsercion.people.models import Person
from reinsercion.programs.choices import Phase
from reinsercion.results.queries import cohort_results
from tests.factories import CohortFactory, open_case

pytestmark = pytest.mark.django_db

PUBLISHED = {  # DOMAIN.md §12, OPV 2012–2016: year → (members counted, recidivism)
    2012: (10, 1),
    2013: (9, 1),
    2014: (9, 1),
    2015: (9, 0),
    2016: (12, 1),
}


@pytest.fixture
def demo_data(db):
    call_command("demo_casos", stdout=io.StringIO())


def test_demo_data_reproduces_the_published_opv_results(demo_data, django_assert_num_queries):
    # when
    with django_assert_num_queries(3):
        results = cohort_results("OPV", year_from=2012, year_to=2016)
    # then
    by_year = {c.year: (c.counted, c.recidivism) for c in results.cohorts}
    assert by_year == PUBLISHED
    assert (results.counted, results.effective, results.recidivism) == (49, 45, 4)
    assert (results.effective_pct, results.recidivism_pct) == (92, 8)


def test_the_counting_rule_visibly_matters_in_the_demo(demo_data):
    # some generations have members who left before four months: they are not counted
    results = cohort_results("OPV", year_from=2012, year_to=2016)
    assert results.not_counted >= 3
    members = Case.objects.filter(program__code="OPV", cohort__year__lte=2016).count()
    assert members == 49 + results.not_counted


def test_demo_generations_in_progress(demo_data):
    sixth = Case.objects.filter(program__code="OPV", cohort__ordinal=6)
    seventh = Case.objects.filter(program__code="OPV", cohort__ordinal=7)
    assert set(sixth.values_list("phase", flat=True)) == {Phase.FOLLOW_UP}
    assert seventh.count() == 14
    assert set(seventh.values_list("phase", flat=True)) == {Phase.INTRA_PENITENTIARY}
    for code in ("LAE", "LAS"):
        cases = Case.objects.filter(program__code=code)
        assert 18 <= cases.count() <= 22
        assert len(set(cases.values_list("phase", flat=True))) >= 4


def test_demo_opv_cases_have_their_offence_sentence_and_expected_release(demo_data):
    cases = Case.objects.filter(program__code="OPV")
    assert not cases.filter(offence="").exists()
    assert not cases.filter(sentence_years__isnull=True).exists()
    assert not cases.filter(expected_release_on__isnull=True).exists()
    assert all("0 años" not in case.sentence_display for case in cases)


def test_the_demo_is_idempotent(demo_data):
    before = (Person.objects.count(), Case.objects.count())
    call_command("demo_casos", stdout=io.StringIO())
    assert (Person.objects.count(), Case.objects.count()) == before


def close_with(case, actor, outcome, intra_months):
    start = case.opened_on
    case_actions.move_case_phase(
        case=case,
        actor=actor,
        to_phase=Phase.EXTRA_PENITENTIARY,
        on_date=start + datetime.timedelta(days=intra_months * 31),
    )
    case_actions.move_case_phase(
        case=case,
        actor=actor,
        to_phase=Phase.FOLLOW_UP,
        on_date=start + datetime.timedelta(days=intra_months * 31 + 60),
    )
    case_actions.move_case_phase(
        case=case,
        actor=actor,
        to_phase=Phase.CLOSED,
        exit_type=ExitType.COMPLETION,
        on_date=start + datetime.timedelta(days=intra_months * 31 + 430),
        summary="Fin.",
        outcome=outcome,
        recidivism_offence="Hurto" if outcome == Outcome.RECIDIVISM else "",
    )


def test_only_members_with_four_months_inside_count(opv, coordinator):
    # given: three graduates, one of whom had only three months of intra-penitentiary work
    cohort = CohortFactory(program=opv, ordinal=1, year=2012)
    opened = datetime.date(2012, 3, 1)
    a, b, c = (
        open_case(program=opv, actor=coordinator, cohort=cohort, opened_on=opened) for _ in range(3)
    )
    close_with(a, coordinator, Outcome.EFFECTIVE_REINTEGRATION, intra_months=5)
    close_with(b, coordinator, Outcome.RECIDIVISM, intra_months=4)
    close_with(c, coordinator, Outcome.RECIDIVISM, intra_months=3)
    # when
    (result,) = cohort_results("OPV").cohorts
    # then
    assert (result.counted, result.effective, result.recidivism, result.not_counted) == (2, 1, 1, 1)
    assert (result.effective_pct, result.recidivism_pct) == (50, 50)


def test_an_unknown_program_has_no_results(db):
    assert cohort_results("XYZ") is None
