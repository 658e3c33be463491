import base64
from collections import OrderedDict

from formtools.wizard.views import SessionWizardView

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from familias.public import family_members
from reinsercion.cases.permissions import can_change_case
from reinsercion.cases.views import CaseMixin as BaseCaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.programs.permissions import can_manage_program, is_team_member, programs_of
from reinsercion.programs.views import TeamRequiredMixin

from . import actions
from .choices import ContractStatus
from .forms import (
    BreachForm,
    ConfirmForm,
    EmailForm,
    IdentityForm,
    PrepareContractForm,
    ReviewForm,
    SignatureForm,
    TemplateCreateForm,
    TemplateVersionForm,
)
from .models import ContractTemplate, SocialContract
from .rendering import contract_text, paragraphs


class CaseMixin(BaseCaseMixin):
    """The case mixin, answering 404 (not 403) to logged-in people outside every program
    team (web editors, partner institutions): a case's family and contract must not even
    be known to exist (docs/architecture.md, "Who sees what")."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_team_member(request.user):
            raise Http404("No encontrado.")
        return super().dispatch(request, *args, **kwargs)


def contracts_url(case):
    return reverse("contratos:list", args=[case.pk])


def signer_rows(signers):
    rows = []
    for signer in signers:
        data = signer.signature_bytes()
        image = f"data:image/png;base64,{base64.b64encode(data).decode()}" if data else ""
        rows.append({"signer": signer, "image": image})
    return rows


class ContractListView(CaseMixin, TemplateView):
    """The case's social contract: the one in force, drafts and earlier versions."""

    template_name = "contratos/contract_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contracts = list(
            SocialContract.objects.filter(case=self.case)
            .select_related("template_version__template", "amends", "created_by")
            .prefetch_related("signers", "breaches")
        )
        signed = [c for c in contracts if c.is_signed]
        context.update(
            contracts=contracts,
            in_force=signed[0] if signed else None,
            draft=next((c for c in contracts if not c.is_signed), None),
            can_change=can_change_case(self.request.user, self.case),
            template_version=actions.current_template_version(self.case.program),
        )
        return context


class ContractMixin(CaseMixin):
    def get_contract(self):
        if not hasattr(self, "contract"):
            self.contract = get_object_or_404(
                SocialContract.objects.select_related(
                    "template_version__template", "amends", "signing_staff", "case"
                ),
                case=self.case,
                pk=self.kwargs["pk"],
            )
        return self.contract


class ContractDetailView(ContractMixin, TemplateView):
    template_name = "contratos/contract_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.get_contract()
        signers = list(contract.signers.select_related("responsible_adult").order_by("order", "pk"))
        text = contract.signed_text if contract.is_signed else contract_text(contract, signers)
        can_change = can_change_case(self.request.user, self.case)
        with_email = next((s for s in signers if s.email), None)
        first_email = {"signer": with_email.pk, "email": with_email.email} if with_email else {}
        context.update(
            contract=contract,
            paragraphs=paragraphs(text),
            signers=signer_rows(signers)
            if contract.is_signed
            else [{"signer": s} for s in signers],
            can_change=can_change,
            breaches=contract.breaches.select_related("recorded_by"),
            deliveries=contract.deliveries.select_related("signer", "sent_by", "outgoing"),
            amendments=contract.amendments.order_by("number"),
            breach_form=kwargs.get("breach_form")
            or BreachForm(initial={"occurred_on": timezone.localdate()}),
            email_form=kwargs.get("email_form") or EmailForm(signers=signers, initial=first_email),
            is_latest=not contract.amendments.exists(),
        )
        return context


class ContractPrepareView(CaseMixin, FormView):
    template_name = "contratos/contract_prepare.html"
    case_for_change = True

    def get_members(self):
        if not hasattr(self, "members"):
            self.members = family_members(self.case)
        return self.members

    def latest_signed(self):
        return SocialContract.objects.filter(case=self.case, status=ContractStatus.SIGNED).first()

    def get_form(self, form_class=None):
        return PrepareContractForm(
            members=self.get_members(),
            amending=self.latest_signed() is not None,
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        previous = self.latest_signed()
        if previous is None:
            return {}
        initial = {
            "family_member_ids": [
                s.family_member_id for s in previous.signers.all() if s.family_member_id
            ],
            "particular_clauses": previous.particular_clauses,
        }
        for s in previous.signers.select_related("responsible_adult"):
            if s.is_minor and s.responsible_adult_id:
                initial[f"responsible_{s.family_member_id}"] = s.responsible_adult.family_member_id
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous"] = self.latest_signed()
        context["template_version"] = actions.current_template_version(self.case.program)
        context["draft"] = SocialContract.objects.filter(
            case=self.case, status=ContractStatus.DRAFT
        ).first()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            contract = actions.prepare_contract(
                case=self.case,
                actor=self.request.user,
                family_member_ids=data["family_member_ids"],
                responsible_adults=form.responsible_adults(),
                particular_clauses=data.get("particular_clauses", ""),
                amendment_reason=data.get("amendment_reason", ""),
                victim_reason=data.get("victim_reason", ""),
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Contrato preparado: revíselo y fírmelo con los firmantes.")
        return redirect(contract)


class ContractDiscardView(ContractMixin, FormView):
    template_name = "contratos/contract_discard.html"
    case_for_change = True
    form_class = forms.Form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contract"] = self.get_contract()
        return context

    def form_valid(self, form):
        try:
            actions.discard_draft(contract=self.get_contract(), actor=self.request.user)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(self.get_contract())
        messages.success(self.request, "Borrador descartado.")
        return redirect(contracts_url(self.case))


class ContractPdfView(ContractMixin, TemplateView):
    """The signed PDF from the private storage, for the case's team only."""

    def get(self, request, *args, **kwargs):
        contract = self.get_contract()
        if not contract.is_signed or not contract.pdf:
            raise Http404("El contrato no está firmado.")
        download = request.GET.get("descargar") == "1"
        return FileResponse(
            contract.pdf.open("rb"),
            as_attachment=download,
            filename=f"contrato-social-{self.case.pk}-v{contract.number}.pdf",
            content_type="application/pdf",
        )


class BreachCreateView(ContractDetailView):
    case_for_change = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contract = self.get_contract()
        form = BreachForm(request.POST)
        if form.is_valid():
            try:
                actions.record_breach(contract=contract, actor=request.user, **form.cleaned_data)
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, "Incumplimiento registrado.")
                return redirect(f"{contract.get_absolute_url()}#incumplimientos")
        return self.render_to_response(self.get_context_data(breach_form=form))


class ContractEmailView(ContractDetailView):
    case_for_change = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contract = self.get_contract()
        signers = list(contract.signers.order_by("order", "pk"))
        form = EmailForm(request.POST, signers=signers)
        if form.is_valid():
            signer = next(s for s in signers if s.pk == form.cleaned_data["signer"])
            try:
                actions.email_contract(
                    contract=contract,
                    actor=request.user,
                    signer=signer,
                    email=form.cleaned_data["email"],
                )
            except ValidationError as e:
                apply_validation_error(form, e)
            except OSError:
                form.add_error(None, "El servidor de correo no respondió; intente más tarde.")
            else:
                messages.success(
                    request,
                    f"Contrato enviado a {signer.full_name} ({form.cleaned_data['email']}).",
                )
                return redirect(contract)
        return self.render_to_response(self.get_context_data(email_form=form))


# Signing -------------------------------------------------------------------------------
STEP_TITLES = {
    "review": "Revisión del texto completo",
    "identity": "Identidad de los firmantes",
    "confirm": "Lugar, fecha y confirmación",
}


class SignContractWizard(ContractMixin, SessionWizardView):
    """Signing in person on the team's device: review → identity → one signature per
    signer → place and date."""

    template_name = "contratos/sign_wizard.html"
    case_for_change = True
    form_list = [("review", ReviewForm), ("identity", IdentityForm), ("confirm", ConfirmForm)]

    def dispatch(self, request, *args, **kwargs):
        self.signers_cache = None
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return f"sign_contract_{kwargs.get('pk')}"

    def get_signers(self):
        if self.signers_cache is None:
            self.signers_cache = list(
                self.get_contract()
                .signers.select_related("responsible_adult")
                .order_by("order", "pk")
            )
        return self.signers_cache

    def get_form_list(self):
        steps = [("review", ReviewForm), ("identity", IdentityForm)]
        steps += [(f"signature_{s.pk}", SignatureForm) for s in self.get_signers()]
        steps.append(("confirm", ConfirmForm))
        self.form_list = OrderedDict(steps)
        return super().get_form_list()

    def get(self, request, *args, **kwargs):
        if self.get_contract().is_signed:
            messages.info(request, "Este contrato ya está firmado.")
            return redirect(self.get_contract())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_contract().is_signed:
            messages.info(request, "Este contrato ya está firmado.")
            return redirect(self.get_contract())
        return super().post(request, *args, **kwargs)

    def signer_for_step(self, step):
        if step and step.startswith("signature_"):
            pk = int(step.removeprefix("signature_"))
            return next(s for s in self.get_signers() if s.pk == pk)
        return None

    def get_form_kwargs(self, step=None):
        if step == "identity":
            return {"signers": self.get_signers()}
        signer = self.signer_for_step(step)
        if signer is not None:
            return {"signer": signer}
        return {}

    def get_form_initial(self, step):
        if step == "identity":
            return {f"name_{s.pk}": s.full_name for s in self.get_signers()}
        if step == "confirm":
            return {"place": self.case.person.comuna or "Quillota"}
        return {}

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        contract = self.get_contract()
        step = self.steps.current
        signer = self.signer_for_step(step)
        context.update(
            contract=contract,
            signer=signer,
            step_title=(f"Firma de {signer.full_name}" if signer else STEP_TITLES.get(step, "")),
            signers=self.get_signers(),
            now=timezone.localtime(),
        )
        if step == "review":
            context["paragraphs"] = paragraphs(contract_text(contract, self.get_signers()))
        if step == "confirm":
            summary = []
            for s in self.get_signers():
                data = self.get_cleaned_data_for_step(f"signature_{s.pk}") or {}
                if data.get("use_typed"):
                    summary.append({"signer": s, "typed": data.get("typed_name"), "image": ""})
                elif data.get("png"):
                    image = "data:image/png;base64," + base64.b64encode(data["png"]).decode()
                    summary.append({"signer": s, "typed": "", "image": image})
                else:
                    summary.append({"signer": s, "typed": "", "image": ""})
            context["summary"] = summary
        return context

    def render_revalidation_failure(self, step, form, **kwargs):
        # A step never completed has no stored data: bind it to an empty dict so that its
        # errors ("Falta la firma de …") show, instead of a blank form.
        self.storage.current_step = step
        if not form.is_bound:
            form = self.get_form(step, data={}, files=None)
            form.is_valid()
        messages.error(self.request, "Falta completar este paso antes de cerrar el contrato.")
        return self.render(form, **kwargs)

    def done(self, form_list, form_dict, **kwargs):
        identity = form_dict["identity"]
        signatures = {
            s.pk: form_dict[f"signature_{s.pk}"].signature_data() for s in self.get_signers()
        }
        try:
            contract = actions.sign_contract(
                contract=self.get_contract(),
                actor=self.request.user,
                place=form_dict["confirm"].cleaned_data["place"],
                identities=identity.identities(),
                signatures=signatures,
            )
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(reverse("contratos:sign", args=[self.case.pk, self.get_contract().pk]))
        messages.success(
            self.request,
            f"Contrato firmado. Código de verificación SHA-256: {contract.content_sha256}",
        )
        return redirect(contract)


# Templates -----------------------------------------------------------------------------
class TemplateListView(TeamRequiredMixin, TemplateView):
    template_name = "contratos/template_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = programs_of(self.request.user)
        templates = (
            ContractTemplate.objects.filter(program__in=programs)
            .select_related("program")
            .prefetch_related("versions__created_by")
        )
        context["templates"] = [
            {"template": t, "can_edit": can_manage_program(self.request.user, t.program)}
            for t in templates
        ]
        context["creatable"] = [
            p for p in programs.filter(is_active=True) if can_manage_program(self.request.user, p)
        ]
        return context


class TemplateCreateView(TeamRequiredMixin, FormView):
    """A program's first contract template (coordination only)."""

    template_name = "contratos/template_form.html"
    form_class = TemplateCreateForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_team_member(request.user):
            self.program = get_object_or_404(programs_of(request.user), code=kwargs["program_code"])
            if not can_manage_program(request.user, self.program):
                raise PermissionDenied("Solo la coordinación del programa crea el contrato social.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"name": f"Contrato social {self.program.code}"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            template = actions.create_template(
                program=self.program,
                actor=self.request.user,
                name=data["name"],
                title=data["title"],
                preamble=data["preamble"],
                clauses=form.clauses(),
                closing=data["closing"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Plantilla «{template.name}» creada (versión 1).")
        return redirect("contratos:template_detail", template.pk)


class TemplateMixin(TeamRequiredMixin):
    def get_template_obj(self):
        if not hasattr(self, "template_obj"):
            self.template_obj = get_object_or_404(
                ContractTemplate.objects.select_related("program").filter(
                    program__in=programs_of(self.request.user)
                ),
                pk=self.kwargs["pk"],
            )
        return self.template_obj


class TemplateDetailView(TemplateMixin, TemplateView):
    template_name = "contratos/template_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        template = self.get_template_obj()
        versions = list(template.versions.select_related("created_by"))
        number = self.request.GET.get("version")
        shown = next(
            (v for v in versions if str(v.number) == number), versions[0] if versions else None
        )
        context.update(
            template=template,
            versions=versions,
            shown=shown,
            can_edit=can_manage_program(self.request.user, template.program),
        )
        return context


class TemplateEditView(TemplateMixin, FormView):
    template_name = "contratos/template_form.html"
    form_class = TemplateVersionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_team_member(request.user):
            template = self.get_template_obj()
            if not can_manage_program(request.user, template.program):
                raise PermissionDenied(
                    "Solo la coordinación del programa edita el contrato social."
                )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        version = self.get_template_obj().current_version
        return TemplateVersionForm.initial_from(version) if version else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template"] = self.get_template_obj()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            version = actions.edit_template(
                template=self.get_template_obj(),
                actor=self.request.user,
                title=data["title"],
                preamble=data["preamble"],
                clauses=form.clauses(),
                closing=data["closing"],
                change_note=data["change_note"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Se creó la versión {version.number}. Los contratos ya firmados conservan su versión.",
        )
        return redirect("contratos:template_detail", self.get_template_obj().pk)
