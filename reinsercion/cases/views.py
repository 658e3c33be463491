from auditlog.models import LogEntry
from django_filters.views import FilterView
from django_tables2 import RequestConfig
from django_tables2.views import SingleTableMixin

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from reinsercion.access import LogsReads, export_with_purpose, readers_of
from reinsercion.cases import actions, intake, permissions, transfers
from reinsercion.cases.exports import EXPORT_FORMATS, SpreadsheetExport
from reinsercion.cases.filters import CaseFilter
from reinsercion.cases.forms import (
    CaseForm,
    CourtNoticeForm,
    NewCaseProgramForm,
    PhaseMoveForm,
    TransferForm,
)
from reinsercion.cases.models import Case, Transfer, TransferStatus
from reinsercion.cases.pdf import render_non_presentation_pdf
from reinsercion.cases.permissions import get_case_or_404
from reinsercion.cases.queries import CachedCountPaginator, cached_count
from reinsercion.cases.tables import CaseTable
from reinsercion.cases.workflow import allowed_moves
from reinsercion.extensions import (
    WORK_QUEUES,
    cached_work_queues,
    case_sections,
    closing_fields,
)
from reinsercion.forms import apply_validation_error
from reinsercion.idempotency import IdempotentFormMixin
from reinsercion.people.models import Person
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.models import Cohort, User
from reinsercion.programs.permissions import is_team_member, programs_of
from reinsercion.programs.views import TeamRequiredMixin


class CaseMixin(LogsReads, TeamRequiredMixin):
    """Loads ``self.case`` from the URL's ``case_pk``; 404 if the user may not see it. A
    successful GET is recorded in the access trail (``reinsercion.access``)."""

    case_url_kwarg = "case_pk"
    case_for_change = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_team_member(request.user):
            self.case = get_case_or_404(
                request.user, kwargs[self.case_url_kwarg], for_change=self.case_for_change
            )
        return super().dispatch(request, *args, **kwargs)

    def access_what(self, request) -> str:
        """In the access trail: the case tab's label (of any app), else the URL's name."""
        match = request.resolver_match
        for section in case_sections():
            if match and section.url_name == match.view_name:
                return section.label
        return super().access_what(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        # The tabs of includes/case_header.html
        context["sections"] = case_sections(self.case)
        context["can_see_readers"] = can_see_readers(self.request.user, self.case)
        return context


CASELOAD_FIELDS = [
    "phase",
    "opened_on",
    "person__first_names",
    "person__last_names",
    "person__rut",
    "program__code",
    "cohort__ordinal",
    "cohort__year",
]


class CaseListView(TeamRequiredMixin, SingleTableMixin, FilterView):
    table_class = CaseTable
    filterset_class = CaseFilter
    template_name = "reinsercion/cases/case_list.html"
    table_pagination = {"per_page": 25, "paginator_class": CachedCountPaginator}
    export_name = "casos"

    def get_queryset(self):
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("person", "program", "cohort")
            # Only what the list shows: a case row also holds long texts (summary, offence).
            .only(*CASELOAD_FIELDS)
            .prefetch_related(
                Prefetch(
                    "professionals",
                    queryset=User.objects.order_by("first_name").only(
                        "first_name", "last_name", "username"
                    ),
                )
            )
        )

    @cached_property
    def programs(self):
        return list(program_permissions.programs_of(self.request.user))

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["programs"] = program_permissions.programs_of(self.request.user)
        return kwargs

    def render_to_response(self, context, **response_kwargs):
        export_format = self.request.GET.get("_export")
        if export_format in EXPORT_FORMATS:

            def build():
                table = self.get_table_class()(self.object_list)
                RequestConfig(self.request, paginate=False).configure(table)
                stamp = timezone.localdate().strftime("%Y-%m-%d")
                export = SpreadsheetExport(export_format, table)
                return export.response(f"casos-{stamp}.{export_format}")

            what = f"Exportación de casos ({EXPORT_FORMATS[export_format]})"
            return export_with_purpose(self.request, what=what, build=build)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        exports = []
        for export_format, label in EXPORT_FORMATS.items():
            query["_export"] = export_format
            exports.append({"label": label, "query": query.urlencode()})
        context["exports"] = exports
        context["can_create"] = any(
            program_permissions.can_register_cases(self.request.user, p) for p in self.programs
        )
        # The filter form's markup depends only on the user's programs and the typed filters:
        # case_list.html caches it under this key (rendering its widgets was a sixth of the
        # page's time at national scale).
        fields = context["filter"].form.fields
        context["filters_key"] = "|".join(
            [f"{p.pk}:{p.code}:{p.name}" for p in self.programs]
            + [f"{name}={self.request.GET.getlist(name)}" for name in fields]
        )
        return context


def case_history(case: Case):
    """Audit entries of the case, its phase periods and its person, newest first."""
    case_type = ContentType.objects.get_for_model(Case)
    person_type = ContentType.objects.get_for_model(Person)
    return (
        LogEntry.objects.filter(
            Q(content_type=case_type, object_id=case.pk)
            | Q(content_type=person_type, object_id=case.person_id)
            | Q(additional_data__case=case.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )


class CaseDetailView(CaseMixin, TemplateView):
    access_label = "Resumen del caso"
    template_name = "reinsercion/cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        user = self.request.user
        context.update(
            professionals=case.professionals.order_by("first_name"),
            periods=case.phase_periods.select_related("changed_by"),
            phases=[(p, Phase(p).label) for p in case.program.phases],
            can_change=permissions.can_change_case(user, case),
            moves=allowed_moves(case.program, case.phase),
            history=case_history(case)[:30],
        )
        if case.program.requires_court_data:
            today = timezone.localdate()
            context.update(
                intake_steps=intake.intake_steps(case, today),
                non_presentation_due=intake.non_presentation_due(case, today),
            )
        return context


class CaseHistoryView(CaseMixin, TemplateView):
    access_label = "Historial de cambios"
    template_name = "reinsercion/cases/case_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)

        paginator = Paginator(case_history(self.case), 50)
        context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context


def can_see_readers(user, case) -> bool:
    """«Quién ha visto esta ficha»: coordination and supervision of the case's program."""
    return program_permissions.can_supervise(user, case.program)


class CaseReadersView(CaseMixin, TemplateView):
    """«Quién ha visto esta ficha»: the case's access trail, newest first."""

    template_name = "reinsercion/cases/case_readers.html"
    access_label = "Quién ha visto esta ficha"

    def get(self, request, *args, **kwargs):
        if not can_see_readers(request.user, self.case):
            raise PermissionDenied(
                "Quién ha visto la ficha lo ven la coordinación y la supervisión del programa."
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(readers_of(self.case), 50)
        page = paginator.get_page(self.request.GET.get("page"))
        # Read now, with the count: this page's own read is recorded before it renders.
        page.object_list = list(page.object_list)
        context["page_obj"] = page
        context["can_register_request"] = program_permissions.can_manage_program(
            self.request.user, self.case.program
        )
        return context


class CaseCreateView(IdempotentFormMixin, TeamRequiredMixin, FormView):
    """Open a case: choose the program (if more than one), then fill the case form."""

    template_name = "reinsercion/cases/case_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.person = get_object_or_404(
                Person.objects.visible_to(request.user), pk=kwargs["person_pk"]
            )
            self.programs = [
                p
                for p in program_permissions.programs_of(request.user).filter(is_active=True)
                if program_permissions.can_register_cases(request.user, p)
            ]
            if not self.programs and program_permissions.is_team_member(request.user):
                raise PermissionDenied("Su rol no permite abrir casos.")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def cohort(self):
        """The open generation named by ``?generacion=`` (from a generation's page), if any."""
        pk = self.request.GET.get("generacion", "")
        if not pk.isdigit():
            return None
        return (
            Cohort.objects.filter(pk=pk, program__in=[p.pk for p in self.programs])
            .open()
            .select_related("program")
            .first()
        )

    def get_program(self):
        code = self.request.GET.get("programa") or self.request.POST.get("programa")
        if len(self.programs) == 1:
            return self.programs[0]
        if not code and self.cohort is not None:
            code = self.cohort.program.code
        return next((p for p in self.programs if p.code == code), None)

    def get(self, request, *args, **kwargs):
        self.program = self.get_program()
        if self.program is None:
            form = NewCaseProgramForm(
                programs=program_permissions.programs_of(request.user).filter(
                    pk__in=[p.pk for p in self.programs]
                )
            )
            return self.render_to_response(
                {"choose_program": form, "person": self.person, "view": self}
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.program = self.get_program()
        if self.program is None:
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return CaseForm(
            program=self.program,
            can_assign=program_permissions.can_manage_program(self.request.user, self.program),
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        initial = {"opened_on": timezone.localdate()}
        if self.cohort is not None and self.cohort.program_id == self.program.pk:
            initial["cohort"] = self.cohort.pk
        if not program_permissions.can_manage_program(self.request.user, self.program):
            initial["professionals"] = [self.request.user.pk]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(person=self.person, program=self.program, creating=True)
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        professionals = data.pop("professionals", [])
        if not program_permissions.can_manage_program(self.request.user, self.program):
            professionals = [self.request.user]
        try:
            case = actions.open_case(
                person=self.person,
                program=self.program,
                actor=self.request.user,
                professionals=professionals,
                **data,
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Caso abierto en {self.program.code}.")
        return redirect(case)


class CaseUpdateView(CaseMixin, FormView):
    access_label = "Formulario de edición del caso"
    template_name = "reinsercion/cases/case_form.html"
    case_for_change = True

    def get_form(self, form_class=None):
        kwargs = self.get_form_kwargs()
        kwargs["instance"] = self.case
        kwargs["initial"] = {"professionals": list(self.case.professionals.all())}
        return CaseForm(
            program=self.case.program,
            can_assign=program_permissions.can_manage_program(self.request.user, self.case.program),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(person=self.case.person, program=self.case.program)
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        professionals = data.pop("professionals", None)
        if form.fields["professionals"].disabled:
            professionals = None
        cohort = data.pop("cohort", ...)
        try:
            actions.update_case(
                case=self.case,
                actor=self.request.user,
                professionals=professionals,
                cohort=cohort,
                **data,
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Cambios guardados.")
        return redirect(self.case)


class PhaseMoveView(CaseMixin, FormView):
    template_name = "reinsercion/cases/phase_move.html"
    case_for_change = True

    def get_form(self, form_class=None):
        moves = [(p, Phase(p).label) for p in allowed_moves(self.case.program, self.case.phase)]
        return PhaseMoveForm(
            moves=moves,
            terminal_phase=self.case.program.terminal_phase,
            exit_types=actions.allowed_exit_types(self.case.program),
            closing_fields=closing_fields(self.case) if moves else {},
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        return {"on_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terminal_label"] = Phase(self.case.program.terminal_phase).label
        context["in_follow_up"] = self.case.phase == Phase.FOLLOW_UP
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            actions.move_case_phase(
                case=self.case,
                actor=self.request.user,
                to_phase=data["to_phase"],
                on_date=data["on_date"],
                note=data["note"],
                summary=data["summary"],
                exit_type=data["exit_type"],
                outcome=data["outcome"],
                recidivism_offence=data["recidivism_offence"],
                recidivism_on=data["recidivism_on"],
                labour_outcome=data["labour_outcome"],
                closing_answers=form.closing_answers(),
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"El caso pasó a la fase «{Phase(data['to_phase']).label}».")
        return redirect(self.case)


class HomeView(TeamRequiredMixin, TemplateView):
    template_name = "reinsercion/cases/home.html"

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
            my_cases_count=cached_count(my_cases),
            programs=programs,
            cohorts=Cohort.objects.filter(program__in=programs)
            .select_related("program")
            .order_by("program__code", "-ordinal"),
            visible_open_count=cached_count(Case.objects.visible_to(user).open()),
            can_register=program_permissions.can_register_people(user),
            queues=home_queues(self.request),
        )
        return context


class NonPresentationNoticeView(CaseMixin, TemplateView):
    """The notice to the court that the person did not present in time (Ley 18.216 art. 24),
    as a PDF built from the case; only while it is due."""

    access_label = "Aviso de no presentación (PDF)"

    def get(self, request, *args, **kwargs):
        if not self.case.program.requires_court_data:
            raise Http404("Este programa no informa al tribunal.")
        today = timezone.localdate()
        if intake.non_presentation_due(self.case, today) is None:
            raise Http404("La persona se presentó a tiempo o el plazo no ha vencido.")
        response = HttpResponse(
            render_non_presentation_pdf(self.case, today, request.user),
            content_type="application/pdf",
        )
        name = f"no-presentacion-{self.case.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class TransfersView(CaseMixin, FormView):
    """The case's transfers: the team asks, supervision of the sending team resolves."""

    template_name = "reinsercion/cases/transfers.html"

    def get_form(self, form_class=None):
        return TransferForm(case=self.case, **self.get_form_kwargs())

    def get_initial(self):
        return {"starts_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            transfers=self.case.transfers.select_related(
                "from_program", "to_program", "requested_by", "decided_by"
            ),
            can_change=permissions.can_change_case(user, self.case),
            supervises=program_permissions.can_supervise(user, self.case.program),
            notice_form=CourtNoticeForm(initial={"on": timezone.localdate()}),
            requested=TransferStatus.REQUESTED,
            approved=TransferStatus.APPROVED,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not permissions.can_change_case(request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            transfers.request_transfer(case=self.case, actor=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Traslado solicitado a supervisión.")
        return redirect("team:transfers", self.case.pk)


class TransferStepView(CaseMixin, View):
    """Approve, reject, record the court notice, or end a temporary transfer (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        transfer = get_object_or_404(Transfer.objects.filter(case=self.case), pk=kwargs["pk"])
        step, user = kwargs["step"], request.user
        try:
            if step in ("aprobar", "rechazar"):
                transfers.decide_transfer(transfer=transfer, actor=user, approve=step == "aprobar")
                if step == "aprobar":
                    messages.success(request, f"El caso pasó al equipo {transfer.to_program}.")
                    if not Case.objects.visible_to(user).filter(pk=self.case.pk).exists():
                        return redirect("team:case_list")
            elif step in ("tribunal", "regreso"):
                form = CourtNoticeForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Indique la fecha.")
                if step == "tribunal":
                    transfers.record_court_notice(
                        transfer=transfer, actor=user, on=form.cleaned_data["on"]
                    )
                else:
                    transfers.end_temporary_transfer(
                        transfer=transfer, actor=user, on=form.cleaned_data["on"]
                    )
            else:
                raise Http404("Paso desconocido.")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("team:transfers", self.case.pk)


HOME_QUEUE_ITEMS = 20


def home_queues(request) -> list:
    """The work queues the home page shows (``Queue``: count and the oldest items): «Por
    visar» for who reviews, the others for everyone. The navigation's count reuses them."""
    user = request.user
    queues = cached_work_queues(user, limit=HOME_QUEUE_ITEMS)
    request._work_queue_count = sum(q.count for q in queues.values())
    reviews = program_permissions.programs_with_role(
        user, Role.SUPERVISION, Role.COORDINATION
    ).exists()
    return [
        queue
        for key, queue in queues.items()
        if key in WORK_QUEUES and (key != "to_review" or reviews or queue.count)
    ]
