"""Comuna and región from Chile's official list, kept as data by a migration."""

import importlib

import pytest

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import QuerySet
from django.urls import reverse

from reinsercion.people.models import Comuna, Person, Region
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("reinsercion.migrations.0035_comunas")


def test_the_official_list_has_16_regiones_and_346_comunas():
    assert Region.objects.count() == 16
    assert Comuna.objects.count() == 346
    assert list(Region.objects.values_list("code", flat=True))[:3] == ["XV", "I", "II"]
    counts = {r.code: r.comunas.count() for r in Region.objects.all()}
    assert counts == {
        "XV": 4, "I": 7, "II": 9, "III": 9, "IV": 15, "V": 38, "RM": 52, "VI": 33,
        "VII": 30, "XVI": 21, "VIII": 33, "IX": 32, "XIV": 12, "X": 30, "XI": 10, "XII": 11,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("comuna", "region"),
    [
        ("Quillota", "Región de Valparaíso"),
        ("Puente Alto", "Región Metropolitana de Santiago"),
        ("Chillán", "Región de Ñuble"),
        ("Alto Hospicio", "Región de Tarapacá"),
        ("Cabo de Hornos", "Región de Magallanes y de la Antártica Chilena"),
    ],
)
def test_a_comuna_belongs_to_its_region(comuna, region):
    assert Comuna.objects.get(name=comuna).region.name == region


def test_typed_comunas_are_matched_without_accents_or_case_and_the_others_kept_visible(
    client_for, case, professional
):
    # given: people registered when comuna was free text
    matching = PersonFactory()
    unknown = PersonFactory()
    QuerySet(Person).filter(pk=matching.pk).update(comuna="  ÑUÑOA ", home_comuna=None)
    QuerySet(Person).filter(pk=unknown.pk).update(comuna="Villa Los Héroes", home_comuna=None)
    QuerySet(Person).filter(pk=case.person.pk).update(comuna="valparaiso", home_comuna=None)
    # when: the data migration runs
    state = MigrationLoader(connection).project_state(("reinsercion", "0035_comunas"))
    migration.match_typed_comunas(state.apps, None)
    # then
    matching.refresh_from_db()
    assert matching.home_comuna.name == "Ñuñoa"
    assert matching.comuna == "Ñuñoa"
    unknown.refresh_from_db()
    assert unknown.home_comuna is None
    assert unknown.comuna == "Villa Los Héroes"
    # the person's page shows the comuna and its región, or the typed text when it matched none
    client = client_for(professional)
    page = client.get(reverse("team:person_detail", args=[case.person.pk])).content.decode()
    assert "Valparaíso" in page
    assert "Región de Valparaíso" in page


def test_the_form_offers_the_official_list_and_shows_an_old_typed_value(
    client_for, case, professional
):
    client = client_for(professional)
    person = case.person
    QuerySet(Person).filter(pk=person.pk).update(comuna="Villa Los Héroes", home_comuna=None)
    form = client.get(reverse("team:person_update", args=[person.pk])).content.decode()
    assert "Quillota (Valparaíso)" in form
    assert "Registrada antes como «Villa Los Héroes»" in form
    # when: the professional chooses the comuna
    ñuñoa = Comuna.objects.get(name="Ñuñoa")
    data = {
        "rut": person.rut,
        "first_names": person.first_names,
        "last_names": person.last_names,
        "nationality": "Chilena",
        "home_comuna": ñuñoa.pk,
    }
    client.post(reverse("team:person_update", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.home_comuna == ñuñoa
    assert person.comuna == "Ñuñoa"
