from auditlog.registry import auditlog

from reinsercion.people.models import Person


def register() -> None:
    # The comuna is audited by its name (``comuna``, kept in step with ``home_comuna``): the
    # history then reads as typed, with no lookup of the official list per entry.
    auditlog.register(Person, exclude_fields=["home_comuna"])
