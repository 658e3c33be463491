"""The team's pages: referrals of a case, and the network per institution."""

from collections import defaultdict

from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView

from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.notifications import actions as notification_actions
from reinsercion.programs.views import TeamRequiredMixin

from .. import actions, notifications, permissions
from ..choices import SharedField, Status
from ..filters import ReferralFilter
from ..forms import AnswerElsewhereForm, ConsentForm, MessageForm, ReferralForm
from ..models import Institution, Referral
from ..pdf import pdf_filename, referral_pdf
from ..sharing import shared_case_data
from ..tables import StaffReferralTable
from ..workflow import AWAITING_ANSWER, FINAL


class CaseReferralListView(CaseMixin, TemplateView):
    template_name = "red/case_referrals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referrals = self.case.referrals.select_related("institution", "professional").order_by(
            "-created_at"
        )
        context.update(
            referrals=referrals,
            now=timezone.now(),
            can_create=permissions.can_send(self.request.user, Referral(case=self.case)),
        )
        return context


class ReferralMixin(CaseMixin):
    """``self.referral``: one of the case's referrals (404 otherwise)."""

    @cached_property
    def referral(self):
        referral = get_object_or_404(
            Referral.objects.select_related(
                "institution", "professional", "approved_by", "consent_recorded_by"
            ),
            case=self.case,
            pk=self.kwargs["pk"],
        )
        referral.case = self.case
        return referral

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.referral
        return context


class ReferralCreateView(CaseMixin, FormView):
    template_name = "red/referral_form.html"
    form_class = ReferralForm
    case_for_change = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_initial(self):
        user = self.request.user
        return {
            "contact_email": user.email,
            "contact_phone": user.phone,
            "shared_fields": [SharedField.RUT],
        }

    def form_valid(self, form):
        try:
            referral = actions.create_referral(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Borrador guardado. Para enviarlo faltan la firma de la persona y el visado de "
            "supervisión.",
        )
        return redirect(referral.get_absolute_url())


class ReferralUpdateView(ReferralMixin, FormView):
    template_name = "red/referral_form.html"
    form_class = ReferralForm
    case_for_change = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Referral.objects.get(pk=self.referral.pk)
        return kwargs

    def get(self, request, *args, **kwargs):
        if self.referral.status != Status.DRAFT:
            messages.error(request, "Solo se puede modificar una derivación en borrador.")
            return redirect(self.referral.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            actions.update_referral(
                referral=self.referral, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Derivación actualizada.")
        return redirect(self.referral.get_absolute_url())


class ReferralDetailView(ReferralMixin, TemplateView):
    template_name = "red/referral_detail.html"
    consent_form = None
    message_form = None
    answer_form = None

    def get(self, request, *args, **kwargs):
        # Opening the referral is seeing what the network answered («Respuestas de la red»).
        notification_actions.mark_seen(
            user=request.user, target=notifications.target(self.referral)
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        referral = self.referral
        context.update(
            shared=shared_case_data(referral),
            events=referral.events.select_related("actor"),
            messages_list=referral.messages.select_related("author"),
            accesses=referral.accesses.select_related("user")[:50],
            can_send=permissions.can_send(user, referral),
            can_approve=permissions.can_approve(user, referral),
            consent_form=self.consent_form or ConsentForm(),
            message_form=self.message_form or MessageForm(),
            answer_form=self.answer_form or AnswerElsewhereForm(referral=referral),
            overdue=referral.is_overdue(),
        )
        return context


class ReferralActionView(ReferralMixin, View):
    """A POST that calls one action (``perform``, defined by each subclass) and goes back to
    the referral, showing the action's errors as messages."""

    case_for_change = True
    success_message = ""

    def post(self, request, *args, **kwargs):
        try:
            self.perform(request)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, self.success_message)
        return redirect(self.referral.get_absolute_url())


class ReferralApproveView(ReferralActionView):
    case_for_change = False  # supervisors approve without being assigned to the case
    success_message = "Derivación aprobada (visada)."

    def perform(self, request):
        actions.approve_referral(referral=self.referral, actor=request.user)


class ReferralSendView(ReferralActionView):
    success_message = "Derivación enviada. La institución fue avisada por correo."

    def perform(self, request):
        actions.send_referral(referral=self.referral, actor=request.user)


class ReferralConsentView(ReferralDetailView):
    case_for_change = True

    def post(self, request, *args, **kwargs):
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                actions.record_consent(
                    referral=self.referral, actor=request.user, on_date=form.cleaned_data["on_date"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Consentimiento registrado.")
                return redirect(self.referral.get_absolute_url())
        self.consent_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class ReferralMessageView(ReferralDetailView):
    case_for_change = True

    def post(self, request, *args, **kwargs):
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                actions.post_message(
                    referral=self.referral, actor=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Mensaje enviado a la institución.")
                return redirect(self.referral.get_absolute_url() + "#mensajes")
        self.message_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class ReferralAnswerElsewhereView(ReferralDetailView):
    case_for_change = True

    def post(self, request, *args, **kwargs):
        form = AnswerElsewhereForm(request.POST, referral=self.referral)
        if form.is_valid():
            try:
                referral = actions.record_answer_received_elsewhere(
                    referral=self.referral, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, f"Respuesta registrada: {referral.get_status_display().lower()}."
                )
                return redirect(referral.get_absolute_url())
        self.answer_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class ReferralDiscardView(ReferralMixin, TemplateView):
    template_name = "red/referral_confirm_discard.html"
    case_for_change = True

    def post(self, request, *args, **kwargs):
        try:
            actions.discard_draft(referral=self.referral, actor=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect(self.referral.get_absolute_url())
        messages.success(request, "Borrador eliminado.")
        return redirect("red:case_referrals", self.case.pk)


class ReferralPdfView(ReferralMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(referral_pdf(self.referral), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{pdf_filename(self.referral)}"'
        return response


# The network ------------------------------------------------------------------------------


def answer_stats(referrals) -> dict[int, dict]:
    """Per institution id: referrals sent, answered, mean answer time (hours), share answered
    within the institution's response time, and how many are overdue now. One query."""
    now = timezone.now()
    rows = referrals.exclude(status=Status.DRAFT).values_list(
        "institution_id", "status", "sent_at", "answered_at", "answer_due_at"
    )
    stats = defaultdict(lambda: {"sent": 0, "answered": 0, "on_time": 0, "overdue": 0, "hours": []})
    for institution_id, status, sent_at, answered_at, due_at in rows:
        s = stats[institution_id]
        s["sent"] += 1
        if answered_at:
            s["answered"] += 1
            s["hours"].append((answered_at - sent_at).total_seconds() / 3600)
            if due_at and answered_at <= due_at:
                s["on_time"] += 1
        elif status in AWAITING_ANSWER and due_at and due_at < now:
            s["overdue"] += 1
    result = {}
    for institution_id, s in stats.items():
        hours = s.pop("hours")
        s["mean_hours"] = round(sum(hours) / len(hours), 1) if hours else None
        s["on_time_pct"] = round(100 * s["on_time"] / s["answered"]) if s["answered"] else None
        result[institution_id] = s
    return result


class InstitutionListView(TeamRequiredMixin, TemplateView):
    """The network, with the referrals of the cases the user may see and answer times."""

    template_name = "red/institution_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        institutions = Institution.objects.all()
        if query:
            institutions = institutions.filter(
                Q(name__icontains=query)
                | Q(short_name__icontains=query)
                | Q(ambit__icontains=query)
            )
        visible = Referral.objects.visible_to(self.request.user)
        stats = answer_stats(visible)
        open_counts = dict(
            visible.exclude(status__in=[Status.DRAFT, *FINAL])
            .values_list("institution_id")
            .annotate(n=Count("pk"))
            .values_list("institution_id", "n")
        )
        rows = [
            {"institution": i, "stats": stats.get(i.pk), "open": open_counts.get(i.pk, 0)}
            for i in institutions
        ]
        context.update(rows=rows, query=query)
        return context


class InstitutionDetailView(TeamRequiredMixin, SingleTableMixin, FilterView):
    template_name = "red/institution_detail.html"
    table_class = StaffReferralTable
    filterset_class = ReferralFilter
    paginate_by = 25

    def dispatch(self, request, *args, **kwargs):
        self.institution = get_object_or_404(Institution, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .filter(institution=self.institution)
            .select_related("case__person", "case__program", "institution", "professional")
        )

    def get_table_kwargs(self):
        return {"show_institution": False}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Referral.objects.visible_to(self.request.user).filter(
            institution=self.institution
        )
        context.update(
            institution=self.institution,
            stats=answer_stats(visible).get(self.institution.pk),
            partner_users=self.institution.memberships.filter(is_active=True).select_related(
                "user"
            ),
        )
        return context
