import datetime

import pytest

from contratos import actions
from tests.familias.factories import add_member

from .factories import create_template


@pytest.fixture
def template(opv, coordinator):
    return create_template(opv, coordinator)


@pytest.fixture
def mother(case, professional):
    return add_member(
        case,
        professional,
        first_names="Rosa",
        last_names="Araya Pérez",
        relationship="mother",
        sex="female",
        birth_date=datetime.date(1962, 8, 14),
        email="rosa@example.org",
    )


@pytest.fixture
def son(case, professional):
    return add_member(
        case,
        professional,
        first_names="Tomás",
        last_names="Soto Araya",
        relationship="child",
        sex="male",
        birth_date=datetime.date(2012, 1, 20),
    )


@pytest.fixture
def draft(case, professional, template, mother):
    return actions.prepare_contract(case=case, actor=professional, family_member_ids=[mother.pk])
