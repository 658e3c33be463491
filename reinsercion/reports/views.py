from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.generic import FormView, TemplateView, View

from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.programs import permissions as program_permissions
from reinsercion.reports import actions, pena_mixta
from reinsercion.reports.forms import (
    CourtAnswerForm,
    EvaluationReportForm,
    MixedSentenceAnswerForm,
    OpenEvaluationForm,
    PapersCompleteForm,
    ReportForm,
    ReturnReportForm,
    SentenceRequestForm,
    StartReportForm,
)
from reinsercion.reports.models import (
    CourtAnswer,
    FollowUpReport,
    MixedSentenceEvaluation,
    ReportStatus,
    RequestKind,
    SentenceRequest,
)
from reinsercion.reports.pdf import render_evaluation_pdf, render_report_pdf, render_request_pdf
from reinsercion.reports.requests import conditions


class ReportListView(CaseMixin, FormView):
    """The case's follow-up reports, and the draft of the next one (from the agenda's link)."""

    template_name = "reinsercion/reports/report_list.html"
    form_class = StartReportForm

    def get_initial(self):
        return {"due_on": parse_date(self.request.GET.get("vence", "") or "")}

    def get_context_data(self, **kwargs):
        if not self.case.program.requires_court_data:
            raise Http404("Este programa no informa al tribunal.")
        context = super().get_context_data(**kwargs)
        context.update(
            reports=self.case.follow_up_reports.select_related("created_by", "reviewed_by"),
            can_change=case_permissions.can_change_case(self.request.user, self.case),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not case_permissions.can_change_case(request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            report = actions.start_report(
                case=self.case, actor=self.request.user, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Borrador preparado desde el plan y las sesiones.")
        return redirect(report)


class CaseRowMixin(CaseMixin):
    """A page about one row of a case (a court report, a pena mixta evaluation): the row is
    looked up among the case's own in ``row_queryset`` (as Django's ``queryset`` attribute:
    the model's rows with what the page shows), so another case's id answers 404."""

    row_name: str
    row_queryset: QuerySet

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            case = case_permissions.get_case_or_404(request.user, kwargs["case_pk"])
            row = get_object_or_404(self.row_queryset.filter(case=case), pk=kwargs["pk"])
            setattr(self, self.row_name, row)
        return super().dispatch(request, *args, **kwargs)


class ReportMixin(CaseRowMixin):
    row_name = "report"
    row_queryset = FollowUpReport.objects.select_related(
        "created_by", "reviewed_by"
    ).prefetch_related("documents__document_type")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context


class ReportDetailView(ReportMixin, FormView):
    template_name = "reinsercion/reports/report_detail.html"

    def get_form(self, form_class=None):
        return ReportForm(
            rows=self.report.objectives,
            initial={
                "attendance": self.report.attendance,
                "next_period": self.report.next_period,
                "requests_to_court": self.report.requests_to_court,
            },
            **({"data": self.request.POST} if self.request.method == "POST" else {}),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, report = self.request.user, self.report
        can_change = case_permissions.can_change_case(user, self.case)
        supervises = report.created_by_id != user.pk and program_permissions.can_supervise(
            user, self.case.program
        )
        context.update(
            can_edit=can_change and report.is_editable,
            can_submit=can_change and report.is_editable,
            can_review=supervises and report.status == ReportStatus.IN_REVIEW,
            return_form=ReturnReportForm(),
            hash_ok=report.hash_matches() if report.status == ReportStatus.FINAL else None,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            actions.update_report(
                report=self.report,
                actor=self.request.user,
                objectives=form.objectives(),
                attendance=data["attendance"],
                next_period=data["next_period"],
                requests_to_court=data["requests_to_court"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Borrador guardado.")
        return redirect(self.report)


class ReportTransitionView(ReportMixin, View):
    """Send to supervision, return with comments, or approve and freeze (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        to = kwargs["to"]
        try:
            if to == "revision":
                actions.submit_report(report=self.report, actor=request.user)
            elif to == "devolver":
                actions.return_report(
                    report=self.report, actor=request.user, comment=request.POST.get("comment", "")
                )
            elif to == "final":
                actions.finalize_report(report=self.report, actor=request.user)
            else:
                raise Http404("Cambio de estado desconocido.")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect(self.report)


class ReportPdfView(ReportMixin, TemplateView):
    """The final report's frozen PDF; a draft is printed on the fly, marked as a draft."""

    access_label = "Informe de seguimiento (PDF)"

    def get(self, request, *args, **kwargs):
        report = self.report
        if report.status == ReportStatus.FINAL and report.pdf:
            with report.pdf.open("rb") as stored:
                content = stored.read()
        else:
            content = render_report_pdf(report)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"informe-{self.case.pk}-{report.due_on:%Y%m%d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-SHA256"] = report.content_sha256
        return response


class SentenceRequestsView(CaseMixin, FormView):
    """Reduction and substitution requests: today's conditions, the requests and answers."""

    template_name = "reinsercion/reports/requests.html"
    form_class = SentenceRequestForm

    def get_initial(self):
        return {"requested_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        if not self.case.program.requires_court_data:
            raise Http404("Este programa no hace solicitudes al tribunal.")
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            checks=[
                (label, conditions(self.case, kind, today)) for kind, label in RequestKind.choices
            ],
            requests=self.case.sentence_requests.select_related("created_by"),
            can_change=case_permissions.can_change_case(self.request.user, self.case),
            answer_form=CourtAnswerForm(initial={"answered_on": today}),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not case_permissions.can_change_case(request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            actions.request_sentence_change(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Solicitud registrada: descargue el informe en PDF.")
        return redirect("team:sentence_requests", self.case.pk)


class SentenceRequestMixin(CaseMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            case = case_permissions.get_case_or_404(request.user, kwargs["case_pk"])
            self.sentence_request = get_object_or_404(
                SentenceRequest.objects.filter(case=case).select_related("created_by"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)


class SentenceRequestPdfView(SentenceRequestMixin, View):
    def get(self, request, *args, **kwargs):
        req = self.sentence_request
        response = HttpResponse(render_request_pdf(req), content_type="application/pdf")
        annex = "K" if req.kind == RequestKind.REDUCTION else "L"
        response["Content-Disposition"] = (
            f'inline; filename="anexo-{annex}-{self.case.pk}-{req.requested_on:%Y%m%d}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class SentenceRequestAnswerView(SentenceRequestMixin, View):
    """The court's answer (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CourtAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Indique la respuesta y su fecha.")
        else:
            try:
                actions.record_court_answer(
                    request=self.sentence_request, actor=request.user, **form.cleaned_data
                )
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(request, "Respuesta del tribunal registrada.")
        return redirect("team:sentence_requests", self.case.pk)


class PenaMixtaListView(CaseMixin, FormView):
    """The case's pena mixta evaluations (annexes O and P), and a new one."""

    template_name = "reinsercion/reports/pena_mixta_list.html"
    form_class = OpenEvaluationForm

    def get_context_data(self, **kwargs):
        if not self.case.program.requires_court_data:
            raise Http404("Este programa no informa al tribunal.")
        context = super().get_context_data(**kwargs)
        evaluations = list(self.case.mixed_sentence_evaluations.select_related("case"))
        context.update(
            evaluations=[(e, pena_mixta.report_due_on(e)) for e in evaluations],
            can_change=case_permissions.can_change_case(self.request.user, self.case),
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not case_permissions.can_change_case(request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            evaluation = pena_mixta.open_evaluation(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Evaluación de pena mixta registrada.")
        return redirect(evaluation)


class EvaluationMixin(CaseRowMixin):
    row_name = "evaluation"
    row_queryset = MixedSentenceEvaluation.objects.select_related(
        "case__person", "case__program", "created_by", "reviewed_by", "plan"
    )

    def ensure_can_change(self):
        if not case_permissions.can_change_case(self.request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")


class PenaMixtaDetailView(EvaluationMixin, FormView):
    """One evaluation: its deadline, the report's draft, supervision's review, the frozen
    report and the court's resolution."""

    template_name = "reinsercion/reports/pena_mixta_detail.html"

    def get_form(self, form_class=None):
        e = self.evaluation
        if e.outcome or e.synthesis or e.summary:
            initial = {
                "outcome": e.outcome,
                "synthesis": e.synthesis,
                "risk_level": e.risk_level,
                "plan": e.plan,
                "control_frequency": e.control_frequency,
                "risk_factors": e.risk_factors,
                "summary": e.summary,
            }
        else:
            initial = pena_mixta.draft_defaults(e)
        return EvaluationReportForm(
            case=self.case,
            initial=initial,
            **({"data": self.request.POST} if self.request.method == "POST" else {}),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, e = self.request.user, self.evaluation
        can_change = case_permissions.can_change_case(user, self.case)
        supervises = e.created_by_id != user.pk and program_permissions.can_supervise(
            user, self.case.program
        )
        today = timezone.localdate()
        due = pena_mixta.report_due_on(e)
        context.update(
            evaluation=e,
            due_on=due,
            days_left=(due - today).days if due else None,
            can_edit=can_change and e.is_editable and e.papers_complete_on is not None,
            can_record_papers=can_change and e.is_editable and e.papers_complete_on is None,
            can_review=supervises and e.status == ReportStatus.IN_REVIEW,
            can_answer=can_change and e.status == ReportStatus.FINAL and not e.answer,
            papers_form=PapersCompleteForm(initial={"on": today}),
            return_form=ReturnReportForm(),
            answer_form=MixedSentenceAnswerForm(initial={"answered_on": today}),
            hash_ok=e.hash_matches() if e.status == ReportStatus.FINAL else None,
            wait_until=(
                e.answered_on + pena_mixta.WAIT_AFTER_REFUSAL
                if e.answer == CourtAnswer.REFUSED
                else None
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.ensure_can_change()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            pena_mixta.update_report(
                evaluation=self.evaluation, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Borrador del informe guardado.")
        return redirect(self.evaluation)


class PenaMixtaActionView(EvaluationMixin, View):
    """Papers complete, send to supervision, return, approve and freeze, or the court's
    resolution (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        e, to = self.evaluation, kwargs["to"]
        try:
            if to == "antecedentes":
                form = PapersCompleteForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Indique la fecha de los antecedentes completos.")
                pena_mixta.record_papers_complete(
                    evaluation=e, actor=request.user, on=form.cleaned_data["on"]
                )
                messages.success(request, "Antecedentes completos: corre el plazo de 60 días.")
            elif to == "revision":
                pena_mixta.submit_report(evaluation=e, actor=request.user)
                messages.success(request, "Informe enviado a supervisión.")
            elif to == "devolver":
                pena_mixta.return_report(
                    evaluation=e, actor=request.user, comment=request.POST.get("comment", "")
                )
                messages.success(request, "Informe devuelto con observaciones.")
            elif to == "final":
                pena_mixta.finalize_report(evaluation=e, actor=request.user)
                messages.success(request, "Informe aprobado y congelado con su PDF y SHA-256.")
            elif to == "resolucion":
                form = MixedSentenceAnswerForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Indique la resolución y su fecha.")
                pena_mixta.record_answer(evaluation=e, actor=request.user, **form.cleaned_data)
                messages.success(request, "Resolución del tribunal registrada.")
            else:
                raise Http404("Acción desconocida.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(e)


class PenaMixtaPdfView(EvaluationMixin, View):
    """The frozen PDF of an approved report; a draft is printed on the fly as «BORRADOR»."""

    def get(self, request, *args, **kwargs):
        e = self.evaluation
        if not e.outcome:
            raise Http404("El informe aún no indica si es favorable o desfavorable.")
        if e.status == ReportStatus.FINAL and e.pdf:
            with e.pdf.open("rb") as stored:
                content = stored.read()
        else:
            content = render_evaluation_pdf(e)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"anexo-{e.annex_letter}-{self.case.pk}-{e.received_on:%Y%m%d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-SHA256"] = e.content_sha256
        return response
