"""Who may do what with case data, written as rules.

Reading goes through ``Case.objects.visible_to(user)``; an unauthorised case answers 404 so
that its existence does not leak. Changing a case is for its coordination and its assigned
professionals.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .choices import Role


def program_roles(user, program) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_program_roles_cache", None)
    if cache is None:
        cache = {}
        for m in user.memberships.all():
            cache.setdefault(m.program_id, set()).add(m.role)
        user._program_roles_cache = cache
    return cache.get(getattr(program, "pk", program), set())


def is_team_member(user) -> bool:
    """Anyone who works in the case module (any program role) or an administrator."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.memberships.exists())
    )


def programs_of(user):
    from .models import Program

    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(memberships__user=user).distinct()


def programs_with_role(user, *roles):
    from .models import Program

    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def can_view_case(user, case) -> bool:
    from .models import Case

    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def can_change_case(user, case) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if Role.COORDINATION in program_roles(user, case.program_id):
        return True
    return case.professionals.filter(pk=user.pk).exists()


def can_manage_program(user, program) -> bool:
    """Open generations, create cases, assign professionals."""
    if user.is_superuser:
        return True
    return Role.COORDINATION in program_roles(user, program)


def can_register_cases(user, program) -> bool:
    if user.is_superuser:
        return True
    return bool(program_roles(user, program) & {Role.COORDINATION, Role.PROFESSIONAL})


def can_supervise(user, program) -> bool:
    if user.is_superuser:
        return True
    return bool(program_roles(user, program) & {Role.SUPERVISION, Role.COORDINATION})


def ensure_can_change(*, case, user) -> None:
    if not can_change_case(user, case):
        raise PermissionDenied("No tiene permiso para modificar este caso.")


def get_case_or_404(user, pk, *, for_change=False):
    """The case if ``user`` may see it (and change it, with ``for_change``); else 404."""
    from .models import Case

    case = get_object_or_404(
        Case.objects.visible_to(user).select_related("person", "program", "cohort"), pk=pk
    )
    if for_change and not can_change_case(user, case):
        # The user may read it but not change it: saying so leaks nothing.
        raise PermissionDenied("No tiene permiso para modificar este caso.")
    return case
