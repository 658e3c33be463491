from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, FormView

from reinsercion.access import record_access
from reinsercion.forms import apply_validation_error
from reinsercion.people import actions
from reinsercion.people.forms import PersonForm
from reinsercion.people.models import Person
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.views import TeamRequiredMixin


class PersonRegistrationMixin(TeamRequiredMixin):
    """Registering or correcting people is for who may open cases: read-only roles get 403."""

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and program_permissions.is_team_member(request.user)
            and not program_permissions.can_register_people(request.user)
        ):
            raise PermissionDenied("Su rol no permite registrar ni modificar personas.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user  # a duplicate RUT names only a person she may see
        return kwargs


class PersonDetailView(TeamRequiredMixin, DetailView):
    template_name = "reinsercion/people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("home_comuna__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Cases depend on people, not the reverse: reach them through the relation.
        context["can_register"] = program_permissions.can_register_people(self.request.user)
        context["cases"] = self.object.cases.visible_to(self.request.user).select_related(
            "program", "cohort"
        )
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(request, what="Ficha de la persona", person=self.object)
        return response


class PersonCreateView(PersonRegistrationMixin, FormView):
    template_name = "reinsercion/people/person_form.html"
    form_class = PersonForm

    def form_valid(self, form):
        try:
            person = actions.create_person(actor=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"{person} quedó registrado/a. Ahora puede abrir su caso.")
        # A member registered from a generation's page keeps that generation on to the case.
        target = reverse("team:case_create", kwargs={"person_pk": person.pk})
        cohort = self.request.GET.get("generacion", "")
        if cohort.isdigit():
            target += "?" + urlencode({"generacion": cohort})
        return redirect(target)


class PersonUpdateView(PersonRegistrationMixin, FormView):
    template_name = "reinsercion/people/person_form.html"
    form_class = PersonForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.can_register_people(request.user):
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
