import pytest

from reinsercion.programs.choices import Role

from ...factories import UserFactory, member


@pytest.fixture
def lae_director(lae):
    return member(UserFactory(username="direccion_lae", first_name="Dora"), lae, Role.DIRECTION)
