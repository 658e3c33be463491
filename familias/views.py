from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from reinsercion.cases.models import Case
from reinsercion.cases.permissions import can_change_case
from reinsercion.cases.views import CaseMixin as BaseCaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.people.search import name_condition, rank_by_similarity
from reinsercion.programs.permissions import is_team_member

from . import actions
from .choices import DEFAULT_AMBIT, InterventionKind
from .diagram import family_svg
from .forms import (
    EndReferentForm,
    InterventionForm,
    MemberForm,
    ProblemForm,
    ReferentForm,
)
from .models import FamilyIntervention, FamilyMember, FamilyProblem, SignificantReferent


class CaseMixin(BaseCaseMixin):
    """The case mixin, answering 404 (not 403) to logged-in people outside every program
    team (web editors, partner institutions): a case's family and contract must not even
    be known to exist (docs/architecture.md, "Who sees what")."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_team_member(request.user):
            raise Http404("No encontrado.")
        return super().dispatch(request, *args, **kwargs)


def family_url(case):
    return reverse("familias:family", args=[case.pk])


class FamilyView(CaseMixin, TemplateView):
    """The family file: diagram, members, referente, problems and interventions."""

    template_name = "familias/family.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        members = list(case.family_members.all())
        referents = list(
            SignificantReferent.objects.filter(case=case).select_related("member", "chosen_by")
        )
        current = next((r for r in referents if r.ended_on is None), None)
        interventions = (
            FamilyIntervention.objects.filter(case=case)
            .select_related("recorded_by", "group_talk")
            .prefetch_related(
                Prefetch("attendees", queryset=FamilyMember.objects.order_by("first_names"))
            )
        )
        kind = self.request.GET.get("tipo", "")
        if kind in InterventionKind.values:
            interventions = interventions.filter(kind=kind)
        page = Paginator(interventions, 20).get_page(self.request.GET.get("page"))
        context.update(
            members=members,
            referents=referents,
            current_referent=current,
            problems=FamilyProblem.objects.filter(case=case).select_related("recorded_by"),
            page_obj=page,
            kind=kind,
            kinds=InterventionKind.choices,
            diagram=family_svg(case, members, current.member_id if current else None),
            can_change=can_change_case(self.request.user, case),
            minors=sum(1 for m in members if m.is_minor_today),
            household=sum(1 for m in members if m.lives_with_beneficiary),
            indirect=sum(1 for m in members if m.indirect_beneficiary),
        )
        return context


class CaseFormView(CaseMixin, FormView):
    """A form on the case's family: ``run(form)`` calls one action and returns the message
    to show; then back to the family file."""

    template_name = "familias/form.html"
    case_for_change = True
    title = ""
    submit_label = "Guardar"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, submit_label=self.submit_label)
        return context

    def form_valid(self, form):
        try:
            message = self.run(form)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return family_url(self.case)


class MemberCreateView(CaseFormView):
    form_class = MemberForm
    title = "Agregar integrante del grupo familiar"

    def run(self, form):
        member = actions.add_member(case=self.case, actor=self.request.user, **form.cleaned_data)
        return f"{member.full_name} agregado/a al grupo familiar."


class MemberUpdateView(CaseFormView):
    form_class = MemberForm

    def get_member(self):
        if not hasattr(self, "member"):
            self.member = get_object_or_404(FamilyMember, case=self.case, pk=self.kwargs["pk"])
        return self.member

    @property
    def title(self):
        return f"Editar a {self.get_member().full_name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_member()
        return kwargs

    def run(self, form):
        member, ended = actions.update_member(
            member=self.get_member(), actor=self.request.user, **form.cleaned_data
        )
        if ended is not None:
            messages.warning(
                self.request,
                f"{member.full_name} dejó de ser referente significativo/a: {ended.end_reason}",
            )
        return "Cambios guardados."


class MemberDeleteView(CaseFormView):
    template_name = "familias/member_confirm_delete.html"
    form_class = forms.Form

    def get_member(self):
        if not hasattr(self, "member"):
            self.member = get_object_or_404(FamilyMember, case=self.case, pk=self.kwargs["pk"])
        return self.member

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.get_member()
        return context

    def form_valid(self, form):
        member = self.get_member()
        try:
            actions.remove_member(member=member, actor=self.request.user)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(family_url(self.case))
        messages.success(self.request, f"{member.full_name} fue eliminado/a del grupo familiar.")
        return redirect(family_url(self.case))


class ReferentView(CaseFormView):
    template_name = "familias/referent.html"
    form_class = ReferentForm
    title = "Referente significativo"
    submit_label = "Designar referente"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["members"] = self.case.family_members.all()
        return kwargs

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        history = SignificantReferent.objects.filter(case=self.case).select_related(
            "member", "chosen_by"
        )
        context["history"] = history
        context["current"] = next((r for r in history if r.ended_on is None), None)
        context["end_form"] = kwargs.get("end_form") or EndReferentForm(
            initial={"ended_on": timezone.localdate()}
        )
        return context

    def run(self, form):
        data = form.cleaned_data
        referent = actions.designate_referent(
            case=self.case,
            member=data["member"],
            actor=self.request.user,
            started_on=data["started_on"],
            reason=data["reason"],
        )
        return f"{referent.member.full_name} es ahora el referente significativo."

    def get_success_url(self):
        return reverse("familias:referent", args=[self.case.pk])


class ReferentEndView(ReferentView):
    form_class = EndReferentForm

    def get(self, request, *args, **kwargs):
        return redirect("familias:referent", self.case.pk)

    def form_invalid(self, form):
        referent_form = ReferentForm(
            members=self.case.family_members.all(),
            initial={"started_on": timezone.localdate()},
        )
        return self.render_to_response(self.get_context_data(form=referent_form, end_form=form))

    def get_form_kwargs(self):
        return FormView.get_form_kwargs(self)

    def run(self, form):
        data = form.cleaned_data
        ended = actions.end_referent(
            case=self.case,
            actor=self.request.user,
            ended_on=data["ended_on"],
            reason=data["reason"],
        )
        return f"Terminó la designación de {ended.member.full_name} como referente."


class ProblemCreateView(CaseFormView):
    form_class = ProblemForm
    title = "Registrar problemática familiar"

    def get_initial(self):
        return {"identified_on": timezone.localdate()}

    def run(self, form):
        problem = actions.record_problem(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )
        return f"Problemática registrada: {problem.get_kind_display()}."


class ProblemResolveView(CaseFormView):
    http_method_names = ["post"]
    form_class = forms.Form

    def form_valid(self, form):
        problem = get_object_or_404(FamilyProblem, case=self.case, pk=self.kwargs["pk"])
        try:
            actions.resolve_problem(problem=problem, actor=self.request.user)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
        else:
            messages.success(self.request, f"«{problem.get_kind_display()}» marcada como superada.")
        return redirect(family_url(self.case))


def other_cases_for(case, user, query=""):
    """Cases of the same program the user may change: families that may share a talk.

    ``query`` narrows them by the person's name, typed with any accents, capitals and word order.
    """
    candidates = (
        Case.objects.visible_to(user)
        .filter(program_id=case.program_id)
        .exclude(pk=case.pk)
        .exclude(phase=case.program.terminal_phase)
        .select_related("person", "cohort")
        .order_by("cohort__ordinal", "person__last_names")
    )
    if case.cohort_id:
        candidates = candidates.filter(cohort_id=case.cohort_id)
    condition = name_condition(query)
    if condition is not None:
        candidates = candidates.filter(name_condition(query, prefix="person__"))
    allowed = [c.pk for c in candidates if can_change_case(user, c)]
    matches = candidates.filter(pk__in=allowed)
    return rank_by_similarity(matches, query, prefix="person__") if condition else matches


class InterventionCreateView(CaseFormView):
    form_class = InterventionForm
    template_name = "familias/intervention_form.html"
    title = "Registrar intervención familiar"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["members"] = self.case.family_members.all()
        kwargs["other_cases"] = other_cases_for(
            self.case, self.request.user, query=self.request.GET.get("familias", "")
        )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(family_query=self.request.GET.get("familias", ""), **kwargs)

    def get_initial(self):
        kind = self.request.GET.get("tipo") or InterventionKind.COUNSELLING
        if kind not in InterventionKind.values:
            kind = InterventionKind.COUNSELLING
        return {
            "held_on": timezone.localdate(),
            "kind": kind,
            "ambit": DEFAULT_AMBIT[InterventionKind(kind)],
        }

    def run(self, form):
        record = actions.record_intervention(
            case=self.case, actor=self.request.user, **form.cleaned_data
        )
        shared = record.group_talk.interventions.count() - 1 if record.group_talk else 0
        extra = f" (también en {shared} familia{'s' if shared != 1 else ''})" if shared else ""
        return f"{record.get_kind_display()} registrada{extra}."


class InterventionUpdateView(CaseFormView):
    form_class = InterventionForm
    template_name = "familias/intervention_form.html"

    def get_intervention(self):
        if not hasattr(self, "intervention"):
            self.intervention = get_object_or_404(
                FamilyIntervention, case=self.case, pk=self.kwargs["pk"]
            )
        return self.intervention

    @property
    def title(self):
        return f"Editar {self.get_intervention()}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["members"] = self.case.family_members.all()
        kwargs["editing"] = True
        return kwargs

    def get_initial(self):
        record = self.get_intervention()
        return {
            "held_on": record.held_on,
            "ambit": record.ambit,
            "attendees": list(record.attendees.all()),
            "beneficiary_attended": record.beneficiary_attended,
            "notes": record.notes,
        }

    def run(self, form):
        actions.update_intervention(
            intervention=self.get_intervention(), actor=self.request.user, **form.cleaned_data
        )
        return "Intervención actualizada."
