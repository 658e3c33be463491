"""The team's pages (``/equipo/``) and the partner portal's (``/red/cupos/``) about programs
with slots. Views parse input, call one action and render.

Whoever answers for a program (its coordination, or the institution's partner users) sees
the person's name and the request's shared fields only (``red.sharing``), never the case.
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView

from red.sharing import shared_case_data
from red.views.portal import PartnerRequiredMixin
from reinsercion.cases.models import Case
from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.programs.views import TeamRequiredMixin

from . import actions, permissions, queries
from .choices import RequestStatus
from .forms import (
    AnswerForm,
    ConsentForm,
    EndForm,
    ReportForm,
    RequestForm,
    SessionForm,
    StartForm,
    WithdrawForm,
)
from .models import InterventionProgram, ProgramConsent, SlotRequest
from .workflow import AWAITING_ANSWER, HOLDS_SLOT

S = RequestStatus


# The case's team ------------------------------------------------------------------------
def plan_objectives(case):
    plan = case.plans.order_by("-number").first()
    if plan is None:
        return case.plans.none()
    return plan.objectives.select_related("domain").order_by("sort_order", "pk")


class CaseRequestListView(CaseMixin, TemplateView):
    template_name = "cupos/case_requests.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = self.case.slot_requests.select_related(
            "program__institution", "program__owner_program", "objective__domain"
        ).order_by("-created_at")
        context["can_request"] = permissions.can_request(self.request.user, self.case)
        context["has_plan"] = plan_objectives(self.case).exists()
        context["now"] = timezone.now()
        return context


class RequestCreateView(CaseMixin, FormView):
    template_name = "cupos/request_form.html"
    form_class = RequestForm
    case_for_change = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["objectives"] = plan_objectives(self.case)
        return kwargs

    def get_initial(self):
        return {"shared_fields": ["rut"], "objective": self.request.GET.get("objetivo")}

    def form_valid(self, form):
        try:
            request = actions.request_slot(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        if request.status == S.QUEUED:
            messages.success(
                self.request,
                "La persona ya está en un programa o esperando uno: la solicitud queda en cola "
                "y se enviará cuando ese termine (un programa a la vez).",
            )
        else:
            messages.success(
                self.request,
                f"Solicitud enviada. {request.program.owner_label} debe responder antes del "
                f"{timezone.localtime(request.answer_due_at):%d-%m-%Y %H:%M}.",
            )
        return redirect(request.get_absolute_url())


class RequestMixin(CaseMixin):
    @cached_property
    def slot_request(self):
        request = get_object_or_404(
            SlotRequest.objects.select_related(
                "program__institution", "program__owner_program", "objective__domain"
            ),
            case=self.case,
            pk=self.kwargs["pk"],
        )
        request.case = self.case
        return request

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.slot_request
        consent = ProgramConsent.objects.filter(request=request).first()
        context.update(
            slot_request=request,
            events=request.events.select_related("actor"),
            reports=request.reports.select_related("author"),
            consent=consent,
            position=queries.position_in_list(request)
            if request.status == S.WAITING_LIST
            else None,
            can_request=permissions.can_request(self.request.user, self.case),
            overdue=request.is_overdue(),
            shared=shared_case_data(request),
            withdraw_form=kwargs.get("withdraw_form") or WithdrawForm(),
            start_form=kwargs.get("start_form") or StartForm(),
            can_withdraw=request.status not in (S.COMPLETED, S.DROPPED_OUT, S.REFUSED, S.WITHDRAWN),
        )
        return context


class RequestDetailView(RequestMixin, TemplateView):
    template_name = "cupos/request_detail.html"


class RequestWithdrawView(RequestMixin, TemplateView):
    template_name = "cupos/request_detail.html"
    case_for_change = True

    def post(self, request, *args, **kwargs):
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                actions.withdraw_request(
                    request=self.slot_request,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Solicitud retirada.")
                return redirect(self.slot_request.get_absolute_url())
        return self.render_to_response(self.get_context_data(withdraw_form=form), status=400)


class RequestStartView(RequestMixin, TemplateView):
    template_name = "cupos/request_detail.html"
    case_for_change = True

    def post(self, request, *args, **kwargs):
        form = StartForm(request.POST)
        if form.is_valid():
            try:
                actions.start_participation(
                    request=self.slot_request,
                    actor=request.user,
                    on_date=form.cleaned_data["on_date"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Inicio del programa registrado.")
                return redirect(self.slot_request.get_absolute_url())
        return self.render_to_response(self.get_context_data(start_form=form), status=400)


class ConsentSignView(RequestMixin, FormView):
    template_name = "cupos/consent_sign.html"
    form_class = ConsentForm
    case_for_change = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["signer"] = self.case.person
        return kwargs

    def get(self, request, *args, **kwargs):
        # (a POST is refused by the action itself, with the same reason)
        if self.slot_request.status != S.ACCEPTED or hasattr(self.slot_request, "consent"):
            messages.info(
                request,
                "El consentimiento se firma una vez, con el cupo asignado y antes de iniciar.",
            )
            return redirect(self.slot_request.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"place": self.case.person.comuna or ""}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            actions.sign_consent(
                request=self.slot_request,
                actor=self.request.user,
                name=data["name"],
                rut=data["rut"],
                place=data["place"],
                conditions=data["conditions"],
                recording_allowed=data["recording_allowed"],
                contact={
                    "name": data["contact_name"],
                    "phone": data["contact_phone"],
                    "address": data["contact_address"],
                    "relationship": data["contact_relationship"],
                },
                signature=form.signature_data(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Consentimiento informado firmado (anexo C).")
        return redirect(self.slot_request.get_absolute_url())


class ConsentPdfView(RequestMixin, View):
    def get(self, request, *args, **kwargs):
        consent = get_object_or_404(ProgramConsent, request=self.slot_request)
        if not consent.pdf:
            raise Http404("Sin PDF.")
        return FileResponse(
            consent.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"consentimiento-{self.slot_request.pk}.pdf",
        )


# Coordination: the programs ----------------------------------------------------------------
class ProgramListView(TeamRequiredMixin, TemplateView):
    template_name = "cupos/program_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = (
            InterventionProgram.objects.filter(is_active=True)
            .select_related("institution", "owner_program")
            .annotate(
                used=Count("requests", filter=Q(requests__status__in=HOLDS_SLOT)),
                waiting=Count("requests", filter=Q(requests__status=S.WAITING_LIST)),
                pending=Count("requests", filter=Q(requests__status__in=AWAITING_ANSWER)),
            )
        )
        return context


EXPORT_COLUMNS = [
    "Posición",
    "Persona",
    "Caso",
    "Objetivo (prioridad)",
    "Solicitada",
    "Fecha esperada de ingreso",
]


class ProgramDetailView(TeamRequiredMixin, TemplateView):
    """Slots used and free, who holds them, the waiting list with positions and expected
    dates, average wait and completion and dropout rates; ``?exportar=csv`` downloads the
    waiting list. A person whose case the user may not open shows without a name."""

    template_name = "cupos/program_detail.html"

    @cached_property
    def program(self):
        return get_object_or_404(
            InterventionProgram.objects.select_related("institution", "owner_program"),
            pk=self.kwargs["pk"],
        )

    def rows(self):
        visible = set(
            Case.objects.visible_to(self.request.user)
            .filter(slot_requests__program=self.program)
            .values_list("pk", flat=True)
        )
        return visible, queries.waiting_list(self.program)

    def get(self, request, *args, **kwargs):
        if request.GET.get("exportar") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        visible, rows = self.rows()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="lista-de-espera-{self.program.pk}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            r = row.request
            shown = r.case_id in visible
            writer.writerow(
                [
                    row.position,
                    r.case.person.full_name if shown else "Persona de otro equipo",
                    r.case_id if shown else "",
                    r.objective.sort_order,
                    f"{timezone.localtime(r.requested_at):%d-%m-%Y}",
                    f"{row.expected_on:%d-%m-%Y}",
                ]
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible, rows = self.rows()
        program = self.program
        context.update(
            program=program,
            figures=queries.program_figures(program),
            waiting=rows,
            visible=visible,
            holders=program.requests.filter(status__in=HOLDS_SLOT).select_related("case__person"),
            pending=program.requests.awaiting_answer().select_related("case__person"),
            can_answer=permissions.can_answer(self.request.user, program),
        )
        return context


# Answering: the program's side (coordination in /equipo/, partners in /red/cupos/) ---------
class AnswerPanelMixin:
    """GET shows the request as the program sees it; POST runs the chosen action."""

    template_name = "cupos/answer.html"
    base_template = "team/base.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.slot_request
        context.update(
            slot_request=request,
            base_template=self.base_template,
            shared=shared_case_data(request),
            overdue=request.is_overdue(),
            events=request.events.select_related("actor"),
            reports=request.reports.select_related("author"),
            has_consent=ProgramConsent.objects.filter(request=request).exists(),
            answer_form=kwargs.get("answer_form") or AnswerForm(request=request),
            end_form=kwargs.get("end_form") or EndForm(),
            report_form=kwargs.get("report_form") or ReportForm(),
            start_form=kwargs.get("start_form") or StartForm(),
            can_answer=request.status in (*AWAITING_ANSWER, S.WAITING_LIST),
            position=queries.position_in_list(request)
            if request.status == S.WAITING_LIST
            else None,
            action_url=self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs):
        what = request.POST.get("action")
        handlers = {
            "answer": (
                AnswerForm,
                {"request": self.slot_request},
                actions.answer_request,
                "answer_form",
            ),
            "end": (EndForm, {}, actions.end_participation, "end_form"),
            "report": (ReportForm, {}, actions.write_report, "report_form"),
            "start": (StartForm, {}, actions.start_participation, "start_form"),
        }
        if what not in handlers:
            return HttpResponse("Acción desconocida.", status=400)
        form_class, form_kwargs, action, name = handlers[what]
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                action(request=self.slot_request, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Registrado.")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(**{name: form}), status=400)


class AnswerView(AnswerPanelMixin, TeamRequiredMixin, TemplateView):
    """A request to one of the team's own programs, for its coordination (404 otherwise)."""

    @cached_property
    def slot_request(self):
        request = get_object_or_404(
            SlotRequest.objects.exclude(status=S.QUEUED).select_related(
                "case__person", "case__program", "program__owner_program", "objective"
            ),
            pk=self.kwargs["pk"],
            program__owner_program__isnull=False,
        )
        if not permissions.can_answer(self.request.user, request.program):
            raise Http404("No encontrado.")
        return request

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.is_team_member(request.user):
            self.slot_request  # noqa: B018  (404 before anything else)
        return super().dispatch(request, *args, **kwargs)


# The partner portal --------------------------------------------------------------------------
class PortalInboxView(PartnerRequiredMixin, TemplateView):
    template_name = "cupos/portal/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = SlotRequest.objects.for_partner(self.request.user)
        context["requests"] = mine.select_related("case__person", "program").order_by(
            "status", "answer_due_at", "-pk"
        )
        context["pending_count"] = mine.awaiting_answer().count()
        context["now"] = timezone.now()
        return context


class PortalRequestView(AnswerPanelMixin, PartnerRequiredMixin, TemplateView):
    base_template = "red/portal/base.html"

    @cached_property
    def slot_request(self):
        return permissions.get_partner_request_or_404(self.request.user, self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if permissions.is_partner(request.user):
            self.slot_request  # noqa: B018  (404 before anything else)
        return super().dispatch(request, *args, **kwargs)


# Sessions of a program, with attendance (the program's side) --------------------------------
class SessionMixin:
    template_name = "cupos/session_form.html"
    base_template = "team/base.html"

    def participants(self):
        return self.program.requests.filter(status=S.IN_PROGRESS).select_related("case__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.program,
            base_template=self.base_template,
            sessions=self.program.sessions.annotate(
                present=Count("attendance", filter=Q(attendance__attended=True)),
                total=Count("attendance"),
            )[:10],
            form=kwargs.get("form") or SessionForm(participants=self.participants()),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SessionForm(request.POST, participants=self.participants())
        if form.is_valid():
            try:
                actions.record_session(
                    program=self.program,
                    actor=request.user,
                    held_on=form.cleaned_data["held_on"],
                    topic=form.cleaned_data["topic"],
                    attendance=form.attendance(),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Sesión y asistencia registradas.")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SessionView(SessionMixin, TeamRequiredMixin, TemplateView):
    """A session of one of the team's own programs, for its coordination (404 otherwise)."""

    @cached_property
    def program(self):
        program = get_object_or_404(
            InterventionProgram, pk=self.kwargs["pk"], owner_program__isnull=False
        )
        if not permissions.can_answer(self.request.user, program):
            raise Http404("No encontrado.")
        return program

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and permissions.is_team_member(request.user):
            self.program  # noqa: B018
        return super().dispatch(request, *args, **kwargs)


class PortalSessionView(SessionMixin, PartnerRequiredMixin, TemplateView):
    base_template = "red/portal/base.html"

    @cached_property
    def program(self):
        return get_object_or_404(
            InterventionProgram.objects.answered_by(self.request.user).filter(
                institution__isnull=False
            ),
            pk=self.kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if permissions.is_partner(request.user):
            self.program  # noqa: B018
        return super().dispatch(request, *args, **kwargs)
