from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from ..extensions import case_sections
from ..permissions import get_case_or_404, is_team_member


class TeamRequiredMixin(LoginRequiredMixin):
    """The case module is for program teams: anyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_team_member(request.user):
            raise PermissionDenied("Esta sección es solo para los equipos de los programas.")
        return super().dispatch(request, *args, **kwargs)


class CaseMixin(TeamRequiredMixin):
    """Loads ``self.case`` from the URL's ``case_pk``; 404 if the user may not see it."""

    case_url_kwarg = "case_pk"
    case_for_change = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_team_member(request.user):
            self.case = get_case_or_404(
                request.user, kwargs[self.case_url_kwarg], for_change=self.case_for_change
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        # The tabs of includes/case_header.html
        context["sections"] = case_sections()
        return context
