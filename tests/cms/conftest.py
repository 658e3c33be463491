"""Fixtures of the public site: the Spanish page tree and OPV generations built through actions."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from django.core.cache import cache

from cms.demo.site import build as build_site
from cms.models import HomePage, ProgramPage, ResultsPage
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.programs.choices import Phase

from ..factories import CohortFactory, PersonFactory

# DOMAIN.md §12: (year, members counted, recidivism)
OPV_PUBLISHED = [(2012, 10, 1), (2013, 9, 1), (2014, 9, 1), (2015, 9, 0), (2016, 12, 1)]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    return build_site()


@pytest.fixture
def results_page(site_tree):
    return ResultsPage.objects.get(slug="resultados-2012-2016")


@pytest.fixture
def opv_page(site_tree):
    return ProgramPage.objects.get(acronym="OPV")


@pytest.fixture
def home(site_tree):
    return HomePage.objects.get()


def graduate(
    *,
    program,
    cohort,
    actor,
    outcome=Outcome.EFFECTIVE_REINTEGRATION,
    intra_months=5,
    person=None,
    labour=LabourOutcome.DEPENDENT_JOB,
):
    """A member who goes through every phase and closes the follow-up with ``outcome``."""
    start = cohort.starts_on
    case = case_actions.open_case(
        person=person or PersonFactory(),
        program=program,
        cohort=cohort,
        actor=actor,
        opened_on=start,
    )
    released = start + relativedelta(months=intra_months)
    case_actions.move_case_phase(
        case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=actor, on_date=released
    )
    follow_up = released + relativedelta(months=3)
    case_actions.move_case_phase(
        case=case, to_phase=Phase.FOLLOW_UP, actor=actor, on_date=follow_up
    )
    recidivism = outcome == Outcome.RECIDIVISM
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.CLOSED,
        actor=actor,
        on_date=follow_up + relativedelta(months=12),
        summary="Completó la intervención y el año de seguimiento.",
        exit_type=ExitType.COMPLETION,
        outcome=outcome,
        recidivism_offence="Robo con intimidación" if recidivism else "",
        labour_outcome=LabourOutcome.NONE if recidivism else labour,
    )
    return case


def leaves_early(*, program, cohort, actor):
    case = case_actions.open_case(
        person=PersonFactory(),
        program=program,
        cohort=cohort,
        actor=actor,
        opened_on=cohort.starts_on,
    )
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.CLOSED,
        actor=actor,
        on_date=cohort.starts_on + relativedelta(months=2),
        summary="Dejó la intervención antes de cuatro meses.",
        exit_type=ExitType.DROPOUT,
    )
    return case


def opv_cohort(program, year, ordinal):
    return CohortFactory(
        program=program, year=year, ordinal=ordinal, starts_on=datetime.date(year, 3, 1)
    )


@pytest.fixture
def opv_history(opv, coordinator):
    """OPV generations 2012–2016 as the program published them, plus one early leaver."""
    cases = []
    for ordinal, (year, counted, recidivism) in enumerate(OPV_PUBLISHED, start=1):
        cohort = opv_cohort(opv, year, ordinal)
        for i in range(counted):
            outcome = Outcome.RECIDIVISM if i < recidivism else Outcome.EFFECTIVE_REINTEGRATION
            cases.append(graduate(program=opv, cohort=cohort, actor=coordinator, outcome=outcome))
        if year == 2013:
            leaves_early(program=opv, cohort=cohort, actor=coordinator)
    return cases
