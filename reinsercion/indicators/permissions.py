"""Who reads the indicators: coordination, supervision and direction of a program."""

from reinsercion.programs.choices import Role
from reinsercion.programs.models import Program
from reinsercion.programs.permissions import roles_by_program

INDICATOR_ROLES = frozenset({Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION})


def indicator_programs(user):
    """Programs whose indicators ``user`` may read (administrators: all)."""
    if not user.is_authenticated or not user.is_active:
        return Program.objects.none()
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(
        pk__in=[pk for pk, roles in roles_by_program(user).items() if roles & INDICATOR_ROLES]
    )


def can_read_indicators(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        roles & INDICATOR_ROLES for roles in roles_by_program(user).values()
    )
