"""The partner portal (``/red/``): an institution's users answer the referrals sent to it.

Every page needs a partner membership (403 otherwise); a referral that was not sent to the
user's institution answers 404. Pages render the person's data only through
``red.sharing.shared_case_data``.
"""

from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView

from reinsercion.forms import apply_validation_error
from reinsercion.programs.permissions import is_team_member

from .. import actions, permissions
from ..filters import ReferralFilter
from ..forms import MessageForm, OutcomeForm, PartnerMoveForm, ProgressForm
from ..models import Referral
from ..pdf import pdf_filename, referral_pdf
from ..sharing import shared_case_data
from ..tables import PortalReferralTable
from ..workflow import FINAL


@login_required
def landing(request):
    """Where ``LOGIN_REDIRECT_URL`` points: partner users go to their inbox, everybody else to
    the case module, web editors (no team role) to the Wagtail admin."""
    if permissions.is_partner(request.user):
        return redirect("portal:inbox")
    if not is_team_member(request.user) and request.user.has_perm("wagtailadmin.access_admin"):
        return redirect("wagtailadmin_home")
    return redirect("team:home")


class PartnerRequiredMixin(LoginRequiredMixin):
    """The portal is for users of a partner institution: anyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not permissions.is_partner(request.user):
            raise PermissionDenied("Esta sección es solo para las instituciones de la red.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["institutions"] = permissions.partner_institutions(self.request.user)
        return context


class InboxView(PartnerRequiredMixin, SingleTableMixin, FilterView):
    template_name = "red/portal/inbox.html"
    table_class = PortalReferralTable
    filterset_class = ReferralFilter
    paginate_by = 25

    def get_queryset(self):
        return Referral.objects.for_partner(self.request.user).select_related(
            "case__person", "case__program", "institution"
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["partner"] = True
        return kwargs

    def get_table_kwargs(self):
        return {"show_institution": permissions.partner_institutions(self.request.user).count() > 1}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = Referral.objects.for_partner(self.request.user)
        context["pending_count"] = mine.awaiting_answer().count()
        context["overdue_count"] = mine.overdue().count()
        return context


class PortalReferralMixin(PartnerRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if permissions.is_partner(request.user):
            # 404 before anything else (even a method not allowed) for someone else's referral
            self.referral  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def referral(self):
        return permissions.get_partner_referral_or_404(self.request.user, self.kwargs["pk"])


class PortalReferralDetailView(PortalReferralMixin, TemplateView):
    template_name = "red/portal/referral_detail.html"
    forms = {}

    def get(self, request, *args, **kwargs):
        actions.log_access(referral=self.referral, actor=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.referral
        forms = {
            "move_form": PartnerMoveForm(referral=referral),
            "progress_form": ProgressForm(),
            "message_form": MessageForm(),
            **self.forms,
        }
        context.update(
            referral=referral,
            shared=shared_case_data(referral),
            shared_documents=referral.shared_documents.select_related("document_type"),
            events=referral.events.select_related("actor"),
            messages_list=referral.messages.select_related("author"),
            overdue=referral.is_overdue(),
            can_record_outcome=referral.status in actions.OUTCOME_STATES,
            can_record_progress=referral.status in ("accepted", "waiting_list", "in_progress"),
            is_final=referral.status in FINAL,
            **forms,
        )
        return context

    def render_with(self, **forms):
        self.forms = forms
        return self.render_to_response(self.get_context_data(), status=400)


class PortalMoveView(PortalReferralDetailView):
    def post(self, request, *args, **kwargs):
        form = PartnerMoveForm(request.POST, referral=self.referral)
        if form.is_valid():
            try:
                referral = actions.move_referral(
                    referral=self.referral, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, f"Derivación N° {referral.number}: {referral.get_status_display()}."
                )
                return redirect(referral.get_portal_url())
        return self.render_with(move_form=form)


class PortalProgressView(PortalReferralDetailView):
    def post(self, request, *args, **kwargs):
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                actions.record_progress(
                    referral=self.referral, actor=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Avance registrado y avisado al/la profesional.")
                return redirect(self.referral.get_portal_url())
        return self.render_with(progress_form=form)


class PortalMessageView(PortalReferralDetailView):
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
                messages.success(request, "Mensaje enviado al/la profesional.")
                return redirect(self.referral.get_portal_url() + "#mensajes")
        return self.render_with(message_form=form)


class PortalOutcomeView(PortalReferralMixin, FormView):
    template_name = "red/portal/outcome_form.html"
    form_class = OutcomeForm

    def get_initial(self):
        referral = self.referral
        if not referral.outcome_kind:
            return {"outcome_on": timezone.localdate()}
        return {
            "outcome_kind": referral.outcome_kind,
            "outcome_on": referral.outcome_on,
            "employer": referral.employer,
            "job_start_on": referral.job_start_on,
            "cost_reduction": referral.cost_reduction,
            "notes": referral.outcome_notes,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.referral
        context["shared"] = shared_case_data(self.referral)[:1]  # the name only
        return context

    def form_valid(self, form):
        try:
            actions.record_outcome(
                referral=self.referral, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Resultado registrado y avisado al/la profesional.")
        return redirect(self.referral.get_portal_url())


class PortalDocumentView(PortalReferralMixin, View):
    """A case document, only if this referral shares it; every download is logged."""

    def get(self, request, *args, **kwargs):
        document = self.referral.shared_documents.filter(pk=kwargs["document_pk"]).first()
        if document is None:
            raise Http404("Documento no compartido.")
        actions.log_access(referral=self.referral, actor=request.user, what="document")
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PortalPdfView(PortalReferralMixin, View):
    def get(self, request, *args, **kwargs):
        actions.log_access(referral=self.referral, actor=request.user, what="pdf")
        response = HttpResponse(referral_pdf(self.referral), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{pdf_filename(self.referral)}"'
        return response
