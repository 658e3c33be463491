from auditlog.registry import auditlog

from reinsercion.people.models import Person


def register() -> None:
    auditlog.register(Person)
