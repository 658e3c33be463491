from django.views.generic import TemplateView

from ..models import Case, Cohort
from ..permissions import programs_of
from .mixins import TeamRequiredMixin


class HomeView(TeamRequiredMixin, TemplateView):
    template_name = "reinsercion/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        my_cases = (
            Case.objects.visible_to(user)
            .filter(professionals=user)
            .open()
            .select_related("person", "program", "cohort")
            .order_by("person__last_names")
        )
        programs = programs_of(user)
        context.update(
            my_cases=my_cases[:50],
            my_cases_count=my_cases.count(),
            programs=programs,
            cohorts=Cohort.objects.filter(program__in=programs)
            .select_related("program")
            .order_by("program__code", "-ordinal"),
            visible_open_count=Case.objects.visible_to(user).open().count(),
        )
        return context
