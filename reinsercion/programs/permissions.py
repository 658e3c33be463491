"""Who may do what, written as rules over program roles.

Changing a case is for its program's coordination and its assigned professionals; reading
goes through ``Case.objects.visible_to(user)`` (reinsercion.cases).
"""

from django.core.exceptions import PermissionDenied

from reinsercion.programs.choices import Role
from reinsercion.programs.models import Program

# Roles that see every case of their program.
WHOLE_PROGRAM_ROLES = frozenset({Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION})


def roles_by_program(user) -> dict[int, set[str]]:
    """{program id: roles} of the user, read once per user object (one query a request)."""
    if not user.is_authenticated:
        return {}
    cache = getattr(user, "_program_roles_cache", None)
    if cache is None:
        cache = {}
        for m in user.memberships.all():
            cache.setdefault(m.program_id, set()).add(m.role)
        user._program_roles_cache = cache
    return cache


def reviewing_program_ids(user) -> list[int]:
    """Programs whose plans and referrals the user visa (supervision or coordination), from
    the roles already read this request (no query)."""
    return [
        pk
        for pk, roles in roles_by_program(user).items()
        if roles & {Role.SUPERVISION, Role.COORDINATION}
    ]


def program_roles(user, program) -> set[str]:
    return roles_by_program(user).get(getattr(program, "pk", program), set())


def is_team_member(user) -> bool:
    """Anyone who works in the case module (any program role) or an administrator."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or bool(roles_by_program(user)))
    )


def programs_of(user):
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(pk__in=list(roles_by_program(user)))


def programs_with_role(user, *roles):
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def can_manage_program(user, program) -> bool:
    """Open generations, create cases, assign professionals."""
    if user.is_superuser:
        return True
    return Role.COORDINATION in program_roles(user, program)


def can_register_cases(user, program) -> bool:
    if user.is_superuser:
        return True
    return bool(program_roles(user, program) & {Role.COORDINATION, Role.PROFESSIONAL})


def can_register_people(user) -> bool:
    """Register or correct a person: only who may open a case in some program (read-only
    roles would leave a person nobody can reach)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        roles & {Role.COORDINATION, Role.PROFESSIONAL} for roles in roles_by_program(user).values()
    )


def can_supervise(user, program) -> bool:
    if user.is_superuser:
        return True
    return bool(program_roles(user, program) & {Role.SUPERVISION, Role.COORDINATION})


def can_change_case(user, case) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if Role.COORDINATION in program_roles(user, case.program_id):
        return True
    return case.professionals.filter(pk=user.pk).exists()


def ensure_can_change(*, case, user) -> None:
    if not can_change_case(user, case):
        raise PermissionDenied("No tiene permiso para modificar este caso.")
