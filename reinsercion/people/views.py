from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView

from reinsercion.forms import apply_validation_error
from reinsercion.people import actions
from reinsercion.people.forms import PersonForm
from reinsercion.people.models import Person
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.views import TeamRequiredMixin


class PersonDetailView(TeamRequiredMixin, DetailView):
    template_name = "reinsercion/people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Cases depend on people, not the reverse: reach them through the relation.
        context["cases"] = self.object.cases.visible_to(self.request.user).select_related(
            "program", "cohort"
        )
        return context


class PersonCreateView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/people/person_form.html"
    form_class = PersonForm

    def form_valid(self, form):
        try:
            person = actions.create_person(actor=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"{person} quedó registrado/a. Ahora puede abrir su caso.")
        return redirect("team:case_create", person_pk=person.pk)


class PersonUpdateView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/people/person_form.html"
    form_class = PersonForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.person = get_object_or_404(
                Person.objects.visible_to(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.person
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        self.person.refresh_from_db()
        try:
            actions.update_person(person=self.person, actor=self.request.user, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        except PermissionDenied:
            raise
        messages.success(self.request, "Datos de la persona actualizados.")
        return redirect(self.person)
