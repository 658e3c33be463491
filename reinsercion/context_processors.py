from django.conf import settings

from reinsercion.indicators.permissions import can_read_indicators
from reinsercion.programs.permissions import is_team_member


def team(request):
    user = getattr(request, "user", None)
    # A callable: templates evaluate it (one query) only where the navigation needs it.
    return {
        "is_team_member": lambda: bool(user and is_team_member(user)),
        "can_read_indicators": lambda: bool(user and can_read_indicators(user)),
        "mfa_required": settings.MFA_REQUIRED,
    }
