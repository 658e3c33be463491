"""Data-subject requests (Ley 21.719): the coordination registers, answers, exports and
anonymises; everyone else gets 403 (another program's request: 404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView, View

from reinsercion.access import record_access
from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.privacy import actions
from reinsercion.privacy.forms import AnswerForm, RequestForm
from reinsercion.privacy.models import RequestKind
from reinsercion.privacy.queries import requests_for, retained_until
from reinsercion.programs.choices import Role
from reinsercion.programs.permissions import programs_with_role
from reinsercion.programs.views import TeamRequiredMixin


def ensure_coordination(user) -> None:
    if (
        user.is_authenticated
        and not user.is_superuser
        and not programs_with_role(user, Role.COORDINATION).exists()
    ):
        raise PermissionDenied(
            "Las solicitudes sobre datos personales son de la coordinación del programa."
        )


class CoordinationRequiredMixin(TeamRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        ensure_coordination(request.user)
        return super().dispatch(request, *args, **kwargs)


class RequestListView(CoordinationRequiredMixin, TemplateView):
    template_name = "reinsercion/privacy/request_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(requests_for(self.request.user), 50)
        context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context


class RequestCreateView(CaseMixin, FormView):
    template_name = "reinsercion/privacy/request_form.html"
    form_class = RequestForm
    access_label = "Registro de solicitud sobre datos personales"

    def get_form(self, form_class=None):
        actions.ensure_answers(self.request.user, self.case)
        return super().get_form(form_class)

    def form_valid(self, form):
        data_request = actions.register_request(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request,
            f"Solicitud registrada: responder a más tardar el {data_request.due_on:%d-%m-%Y}.",
        )
        return redirect("team:data_request", data_request.pk)


class RequestMixin(CoordinationRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            ensure_coordination(request.user)
            self.data_request = get_object_or_404(requests_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class RequestDetailView(RequestMixin, FormView):
    template_name = "reinsercion/privacy/request_detail.html"
    form_class = AnswerForm

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(request, what="Solicitud sobre datos personales", case=self.data_request.case)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data_request = self.data_request
        until, open_case = retained_until(data_request.case.person)
        context.update(
            data_request=data_request,
            person=data_request.case.person,
            is_erasure=data_request.kind == RequestKind.ERASURE,
            retained_until=until,
            open_case=open_case,
        )
        return context

    def form_valid(self, form):
        try:
            actions.answer_request(
                request=self.data_request, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Respuesta registrada.")
        return redirect("team:data_request", self.data_request.pk)


class RequestExportView(RequestMixin, View):
    """Everything about the person: a ZIP with datos.json and datos.pdf."""

    def get(self, request, *args, **kwargs):
        content = actions.build_access_export(request=self.data_request, actor=request.user)
        record_access(
            request,
            what="Exportación de todos los datos de la persona",
            case=self.data_request.case,
            purpose=f"{self.data_request} (Ley 21.719)",
        )
        response = HttpResponse(content, content_type="application/zip")
        name = f"datos-personales-{self.data_request.case.person_id}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AnonymiseView(RequestMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            actions.anonymise(request=self.data_request, actor=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, "Datos anonimizados.")
        return redirect("team:data_request", self.data_request.pk)
