import datetime

import pytest

from .factories import add_member


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
        lives_with_beneficiary=True,
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
        birth_date=datetime.date(2015, 1, 20),
        lives_with_beneficiary=True,
    )
