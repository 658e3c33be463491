"""Changes to programs and their generations."""

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from reinsercion.programs import permissions
from reinsercion.programs.models import Cohort, Program, User


@transaction.atomic
def open_cohort(
    *,
    program: Program,
    year: int,
    actor: User,
    starts_on=None,
    ends_on=None,
    ordinal: int | None = None,
) -> Cohort:
    """Open the next generation of a program."""
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied("Solo la coordinación del programa puede abrir generaciones.")
    if not program.uses_cohorts:
        raise ValidationError(f"El programa {program.code} no trabaja en generaciones.")
    if ordinal is None:
        last = program.cohorts.order_by("-ordinal").values_list("ordinal", flat=True).first()
        ordinal = (last or 0) + 1
    cohort = Cohort(
        program=program, ordinal=ordinal, year=year, starts_on=starts_on, ends_on=ends_on
    )
    cohort.full_clean()
    with set_actor(actor):
        cohort.save()
    return cohort
