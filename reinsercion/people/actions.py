"""Registering and correcting the people the programs work with."""

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied
from django.db import transaction

from reinsercion.people.models import Person
from reinsercion.programs import permissions
from reinsercion.programs.models import User

PERSON_FIELDS = (
    "rut",
    "first_names",
    "last_names",
    "birth_date",
    "sex",
    "nationality",
    "home_comuna",
    "address",
    "phone",
)


def _ensure_can_register(actor):
    if not permissions.can_register_people(actor):
        raise PermissionDenied("Su rol no permite registrar personas.")


@transaction.atomic
def create_person(*, actor: User, **data) -> Person:
    """Register a beneficiary. The RUT is validated and normalised by the model."""
    _ensure_can_register(actor)
    person = Person(**data)
    person.full_clean()
    with set_actor(actor):
        person.save()
    return person


@transaction.atomic
def update_person(*, person: Person, actor: User, **data) -> Person:
    _ensure_can_register(actor)
    if not person.is_visible_to(actor):
        raise PermissionDenied("No tiene acceso a esta persona.")
    for case in person.cases.all():
        if not permissions.can_change_case(actor, case):
            raise PermissionDenied("No tiene permiso para modificar los datos de esta persona.")
    for field, value in data.items():
        setattr(person, field, value)
    person.full_clean()
    with set_actor(actor):
        person.save()
    return person
