"""Who may see and change a case.

Reading goes through ``Case.objects.visible_to(user)``; an unauthorised case answers 404 so
that its existence does not leak. Changing a case is for its coordination and its assigned
professionals.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from reinsercion.cases.models import Case

# Changing a case is a role rule, kept with the roles (people's actions need it too).
from reinsercion.programs.permissions import can_change_case, ensure_can_change

__all__ = ["can_change_case", "can_view_case", "ensure_can_change", "get_case_or_404"]


def can_view_case(user, case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def get_case_or_404(user, pk, *, for_change=False):
    """The case if ``user`` may see it (and change it, with ``for_change``); else 404."""
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related("person", "program", "cohort"), pk=pk
    )
    if for_change and not can_change_case(user, case):
        # The user may read it but not change it: saying so leaks nothing.
        raise PermissionDenied("No tiene permiso para modificar este caso.")
    return case
