import pytest

from django.urls import reverse

from reinsercion.people import actions as person_actions
from reinsercion.people.models import Person
from tests.factories import PersonFactory, open_case

pytestmark = pytest.mark.django_db


def person_data(**overrides):
    data = {
        "rut": "12.345.678-5",
        "first_names": "Juan Andrés",
        "last_names": "Pérez Soto",
        "birth_date": "1990-05-17",
        "sex": "male",
        "nationality": "Chilena",
        "comuna": "Quillota",
        "address": "Pasaje Los Aromos 123",
        "phone": "+56 9 8123 4567",
    }
    data.update(overrides)
    return data


def test_registering_a_person_normalises_the_rut_and_goes_on_to_open_the_case(
    client_for, professional
):
    # given
    client = client_for(professional)
    # when
    response = client.post(reverse("team:person_create"), person_data())
    # then
    person = Person.objects.get()
    assert person.rut == "12345678-5"
    assert person.rut_display == "12.345.678-5"
    assert response.url == reverse("team:case_create", args=[person.pk])


def test_a_duplicate_rut_is_refused_with_a_link_to_the_existing_person(client_for, professional):
    # given
    existing = PersonFactory(rut="12345678-5", first_names="Rosa", last_names="Araya")
    client = client_for(professional)
    # when: typed differently, without dots
    response = client.post(reverse("team:person_create"), person_data(rut="123456785"))
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ya existe una persona con el RUT 12.345.678-5" in html
    assert f'href="{reverse("team:person_detail", args=[existing.pk])}"' in html
    assert Person.objects.count() == 1


def test_a_duplicate_rut_of_another_programs_person_names_no_one(
    client_for, professional, lae, lae_professional
):
    # given: a person followed only by LAE
    existing = PersonFactory(rut="12345678-5", first_names="Rosa", last_names="Araya")
    open_case(program=lae, actor=lae_professional, person=existing)
    # when: an OPV professional types her RUT
    response = client_for(professional).post(
        reverse("team:person_create"), person_data(rut="12.345.678-5")
    )
    # then: refused, without her name or a link to her
    html = response.content.decode()
    assert "Ya existe una persona con el RUT 12.345.678-5, con un caso en un programa" in html
    assert "Rosa" not in html and "Araya" not in html
    assert reverse("team:person_detail", args=[existing.pk]) not in html
    assert Person.objects.count() == 1


def test_a_form_with_an_error_comes_back_filled_with_the_error_next_to_the_field(
    client_for, professional
):
    # given
    client = client_for(professional)
    # when: wrong check digit
    response = client.post(reverse("team:person_create"), person_data(rut="12.345.678-6"))
    # then: nothing typed is lost and the error is in Spanish beside the RUT field
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Juan Andrés"' in html
    assert 'value="Pasaje Los Aromos 123"' in html
    assert 'value="12.345.678-6"' in html
    field = response.context["form"]["rut"]
    assert field.errors == ["El dígito verificador no corresponde a este RUT."]
    assert Person.objects.count() == 0


def test_editing_a_person_records_who_changed_what(client_for, case, professional):
    # given
    client = client_for(professional)
    person = case.person
    data = person_data(
        rut=person.rut,
        first_names=person.first_names,
        last_names=person.last_names,
        phone="+56 9 8765 4321",
    )
    # when
    client.post(reverse("team:person_update", args=[person.pk]), data)
    # then
    history = client.get(reverse("team:case_history", args=[case.pk])).content.decode()
    assert "+56987654321" in history
    assert professional.get_full_name() in history


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_read_only_roles_cannot_register_a_person(client_for, persona, request):
    # given
    client = client_for(request.getfixturevalue(persona))
    url = reverse("team:person_create")
    # when
    form = client.get(url)
    sent = client.post(url, person_data())
    # then: no orphan person nobody can open
    assert form.status_code == 403
    assert sent.status_code == 403
    assert Person.objects.count() == 0


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_read_only_roles_cannot_edit_a_person(client_for, case, persona, request):
    # given
    client = client_for(request.getfixturevalue(persona))
    url = reverse("team:person_update", args=[case.person.pk])
    # when
    form = client.get(url)
    sent = client.post(url, person_data(rut=case.person.rut, first_names="Otro"))
    # then
    assert form.status_code == 403
    assert sent.status_code == 403
    case.person.refresh_from_db()
    assert case.person.first_names != "Otro"


@pytest.mark.parametrize("persona", ["supervisor", "director"])
def test_read_only_roles_are_not_offered_to_register_or_edit_people(
    client_for, case, persona, request
):
    # given
    client = client_for(request.getfixturevalue(persona))
    # when
    pages = [
        client.get(reverse("team:home")),
        client.get(reverse("team:case_list")),
        client.get(reverse("team:person_detail", args=[case.person.pk])),
        client.get(reverse("team:cohort_detail", args=[case.cohort.pk])),
    ]
    # then
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert reverse("team:person_create") not in html
        assert reverse("team:person_update", args=[case.person.pk]) not in html


def test_a_professional_is_offered_to_register_and_edit_people(client_for, case, professional):
    # given
    client = client_for(professional)
    # when
    home = client.get(reverse("team:home")).content.decode()
    detail = client.get(reverse("team:person_detail", args=[case.person.pk])).content.decode()
    # then
    assert reverse("team:person_create") in home
    assert reverse("team:person_update", args=[case.person.pk]) in detail


def test_people_are_listed_in_spanish_alphabetical_order(professional):
    # given
    for last_names in ["Beta Rojas", "Oyarzún Díaz", "Ñancupil Soto", "área Muñoz", "Alfa Vera"]:
        person_actions.create_person(
            actor=professional, **person_data(rut=PersonFactory.build().rut, last_names=last_names)
        )
    # when
    listed = list(Person.objects.values_list("last_names", flat=True))
    # then
    assert listed == ["Alfa Vera", "área Muñoz", "Beta Rojas", "Ñancupil Soto", "Oyarzún Díaz"]


@pytest.mark.parametrize("sort", ["person", "-person"])
def test_the_caseload_sorts_by_name_in_spanish_alphabetical_order(
    sort, opv, coordinator, client_for
):
    # given cases of people whose surnames start with an accent, a capital Ñ or a small letter
    for last_names in ["Beta Rojas", "Ñancupil Soto", "área Muñoz", "Oyarzún Díaz", "Alfa Vera"]:
        person = PersonFactory(last_names=last_names)
        open_case(program=opv, actor=coordinator, person=person)
    # when the coordinator sorts the caseload by the name column
    page = client_for(coordinator).get(reverse("team:case_list"), {"sort": sort})
    # then «área» comes after «Alfa», and «Ñ» between «N» and «O»
    listed = [row.record.person.last_names for row in page.context["table"].page.object_list]
    expected = ["Alfa Vera", "área Muñoz", "Beta Rojas", "Ñancupil Soto", "Oyarzún Díaz"]
    assert listed == (expected if sort == "person" else expected[::-1])


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("9 8765 4321", "+56987654321", "+56 9 8765 4321"),
        ("+56 9 8765 4321", "+56987654321", "+56 9 8765 4321"),
        ("(32) 231 1234", "+56322311234", "+56 32 231 1234"),
    ],
)
def test_a_phone_is_stored_as_plus_56_and_shown_grouped(
    client_for, professional, typed, stored, shown
):
    client = client_for(professional)
    client.post(reverse("team:person_create"), person_data(phone=typed))
    person = Person.objects.get()
    assert str(person.phone) == stored
    page = client.get(reverse("team:person_detail", args=[person.pk])).content.decode()
    assert shown in page


def test_an_invalid_phone_is_refused_in_spanish_and_the_form_kept(client_for, professional):
    client = client_for(professional)
    response = client.post(reverse("team:person_create"), person_data(phone="123"))
    form = response.context["form"]
    assert form.errors["phone"] == ["Ingrese un número de teléfono válido (ej.: 9 8765 4321)."]
    assert form["first_names"].value() == "Juan Andrés"
    assert Person.objects.count() == 0
