from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from reinsercion.forms import apply_validation_error
from reinsercion.programs import actions, permissions, queries
from reinsercion.programs.forms import CohortForm
from reinsercion.programs.models import Cohort
from reinsercion.programs.permissions import is_team_member


class TeamRequiredMixin(LoginRequiredMixin):
    """The case module is for program teams: anyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_team_member(request.user):
            raise PermissionDenied("Esta sección es solo para los equipos de los programas.")
        return super().dispatch(request, *args, **kwargs)


class CohortListView(TeamRequiredMixin, ListView):
    template_name = "reinsercion/programs/cohort_list.html"
    context_object_name = "cohorts"

    def get_queryset(self):
        return (
            Cohort.objects.filter(program__in=permissions.programs_of(self.request.user))
            .select_related("program")
            .annotate(members=Count("cases"))
            .order_by("program__code", "-ordinal")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["manageable"] = [
            p
            for p in permissions.programs_of(self.request.user).filter(uses_cohorts=True)
            if permissions.can_manage_program(self.request.user, p)
        ]
        return context


class CohortDetailView(TeamRequiredMixin, DetailView):
    """The roster of a generation: every member of the user's programs sees it."""

    template_name = "reinsercion/programs/cohort_detail.html"
    context_object_name = "cohort"

    def get_queryset(self):
        return Cohort.objects.filter(
            program__in=permissions.programs_of(self.request.user)
        ).select_related("program")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        members = (
            self.object.cases.select_related("person")
            .prefetch_related("professionals")
            .order_by("person__last_names")
        )
        # Cases depend on programs, not the reverse: reach them through the relation.
        visible_ids = set(self.object.cases.visible_to(user).values_list("pk", flat=True))
        context.update(
            members=members,
            visible_ids=visible_ids,
            capacity=self.object.program.max_cohort_size,
            can_manage=permissions.can_manage_program(user, self.object.program),
            can_register=self.object.is_open
            and permissions.can_register_cases(user, self.object.program),
        )
        return context


class CohortCreateView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/programs/cohort_form.html"
    form_class = CohortForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.is_team_member(request.user):
            self.program = get_object_or_404(
                permissions.programs_of(request.user), code=kwargs["program_code"]
            )
            if not permissions.can_manage_program(request.user, self.program):
                raise PermissionDenied("Solo la coordinación del programa abre generaciones.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        last = self.program.cohorts.order_by("-ordinal").first()
        context["next_ordinal"] = (last.ordinal + 1) if last else 1
        return context

    def form_valid(self, form):
        try:
            cohort = actions.open_cohort(
                program=self.program, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Se abrió la {cohort} de {self.program.code}.")
        return redirect(cohort)


class SuggestionsView(TeamRequiredMixin, View):
    """Suggestions for a filter that grows with the data, within the user's programs."""

    suggest = None  # queries.suggest_professionals or queries.suggest_cohorts

    def get(self, request):
        programs = permissions.programs_of(request.user)
        results = type(self).suggest(request.GET.get("q", "")[:100], programs)
        response = JsonResponse({"results": results})
        response["Cache-Control"] = "private, no-store"
        return response


class ProfessionalSuggestionsView(SuggestionsView):
    suggest = queries.suggest_professionals


class CohortSuggestionsView(SuggestionsView):
    suggest = queries.suggest_cohorts
