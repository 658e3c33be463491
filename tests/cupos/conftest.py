"""Personas for programs with slots: the LAE team (Lucas, professional; Lorena, coordination,
who answers for the team's own programs), the network's institution A (drug treatment) and
B (training) with one partner user each, and an instrument to plan with."""

import pytest

from reinsercion.programs.choices import Role

from ..factories import UserFactory, member
from ..red.factories import InstitutionFactory, partner
from ..reinsercion.assessment_factories import configured_version
from .factories import InterventionProgramFactory


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def lae_coordinator(lae):
    return member(UserFactory(username="coord_lae", first_name="Lorena"), lae, Role.COORDINATION)


@pytest.fixture
def own_program(lae):
    """A specialised program of the team's own centre, two slots."""
    return InterventionProgramFactory(name="Programa de control de impulsos", owner_program=lae)


@pytest.fixture
def institution_a(db):
    return InstitutionFactory(name="SENDA Previene Quillota", short_name="SENDA")


@pytest.fixture
def institution_b(db):
    return InstitutionFactory(name="OTEC municipal de Quillota", short_name="OTEC")


@pytest.fixture
def partner_a(institution_a):
    return partner("partner_a", institution_a)


@pytest.fixture
def partner_b(institution_b):
    return partner("partner_b", institution_b)


@pytest.fixture
def program_a(institution_a):
    return InterventionProgramFactory(
        name="Tratamiento ambulatorio", institution=institution_a, slots=1
    )


@pytest.fixture
def program_b(institution_b):
    return InterventionProgramFactory(name="Curso de soldadura", institution=institution_b)


@pytest.fixture(autouse=True)
def _no_collected_static(settings):
    settings.WHITENOISE_AUTOREFRESH = True
