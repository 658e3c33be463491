from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from reinsercion.assessment.models import Axis
from reinsercion.assessment.queries import profile_for_case
from reinsercion.assessment.rules.contact import (
    ControlFrequency,
    frequency_for_interval,
)
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.plans import actions
from reinsercion.plans.forms import (
    CompareForm,
    ExtensionForm,
    FeedbackForm,
    LimitsExceptionForm,
    NewVersionForm,
    ObjectiveForm,
    ObjectiveStatusForm,
    PlanForm,
    TransitionForm,
)
from reinsercion.plans.models import (
    InterventionPlan,
    PlanEventKind,
    PlanStatus,
    default_layout,
)
from reinsercion.plans.pdf import render_plan_pdf
from reinsercion.plans.queries import objectives_with_progress, plan_deadline
from reinsercion.plans.workflow import available_transitions, transitions_from
from reinsercion.programs import permissions as program_permissions


def plans_of(case):
    return (
        InterventionPlan.objects.filter(case=case)
        .select_related("author", "supervisor", "assessment__version__instrument")
        .annotate(started_on=Min("events__on_date", filter=Q(events__kind=PlanEventKind.CREATED)))
        .order_by("-number")
    )


class PlanMixin(CaseMixin):
    """Loads ``self.plan`` (a version of the case's plan) from the URL."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            case = case_permissions.get_case_or_404(request.user, kwargs["case_pk"])
            self.plan = get_object_or_404(plans_of(case), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        return context


class PlanListView(CaseMixin, TemplateView):
    """The plan tab: deadline, versions, comparison and the extension (prórroga)."""

    template_name = "reinsercion/plans/plan_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = list(plans_of(self.case))
        context.update(
            plans=plans,
            deadline=plan_deadline(self.case, timezone.localdate()),
            extension=getattr(self.case, "plan_extension", None)
            if hasattr(self.case, "plan_extension")
            else None,
            can_change=case_permissions.can_change_case(self.request.user, self.case),
            profile=profile_for_case(self.case),
            compare_form=CompareForm(
                plans=plans,
                initial={"a": plans[1].pk, "b": plans[0].pk} if len(plans) > 1 else None,
            )
            if len(plans) > 1
            else None,
        )
        return context


class PlanCreateView(CaseMixin, FormView):
    template_name = "reinsercion/plans/plan_form.html"
    form_class = PlanForm
    case_for_change = True

    def get_initial(self):
        profile = profile_for_case(self.case)
        if profile is None:
            return {"layout": default_layout(self.case.program)}
        frequency = frequency_for_interval(profile.recommendation.interval_days)
        return {
            "layout": default_layout(self.case.program),
            "control_frequency": frequency,
            "control_frequency_other": ""
            if frequency != ControlFrequency.OTHER
            else profile.recommendation.frequency,
            "control_justification": f"{profile.recommendation.rule}. Tipo de intervención: "
            f"{profile.recommendation.intervention}.",
        }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"program": self.case.program}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = profile_for_case(self.case)
        context["creating"] = True
        return context

    def form_valid(self, form):
        try:
            plan = actions.create_plan(case=self.case, actor=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Plan creado en borrador. Agregue sus objetivos.")
        return redirect(plan)


class PlanUpdateView(PlanMixin, FormView):
    template_name = "reinsercion/plans/plan_form.html"
    form_class = PlanForm
    case_for_change = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.plan
        kwargs["program"] = self.case.program
        return kwargs

    def form_valid(self, form):
        data = {f: form.cleaned_data[f] for f in actions.PLAN_FIELDS}
        # ModelForm validation already wrote the values on the instance: reload it.
        plan = InterventionPlan.objects.get(pk=self.plan.pk)
        try:
            actions.update_plan(plan=plan, actor=self.request.user, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Plan guardado.")
        return redirect(plan)


class PlanDetailView(PlanMixin, TemplateView):
    template_name = "reinsercion/plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan, user = self.plan, self.request.user
        allowed = available_transitions(user, plan)
        pending_for_others = [t for t in transitions_from(plan) if t not in allowed]
        can_change = case_permissions.can_change_case(user, self.case)
        profile = profile_for_case(self.case)
        context.update(
            profile=profile,
            below_minimum=actions.is_below_minimum(plan, profile),
            axes=plan.objectives_by_axis(objectives_with_progress(plan)),
            objectives_count=plan.objectives.count(),
            events=plan.events.select_related("actor"),
            feedback_sessions=plan.feedback_sessions.select_related("recorded_by"),
            transitions=allowed,
            waiting_for=pending_for_others,
            is_author=plan.author_id == user.pk,
            can_change=can_change,
            can_add_objective=can_change
            and plan.is_editable
            and plan.objectives.count() < plan.max_objectives,
            can_allow_exception=plan.is_editable
            and plan.author_id != user.pk
            and program_permissions.can_supervise(user, self.case.program),
            can_track=can_change and plan.status != PlanStatus.MODIFIED,
            can_new_version=can_change
            and plan.status in (PlanStatus.IN_EXECUTION, PlanStatus.APPROVED, PlanStatus.REJECTED)
            and not hasattr(plan, "next_version"),
        )
        return context


class ObjectiveCreateView(PlanMixin, FormView):
    template_name = "reinsercion/plans/objective_form.html"
    case_for_change = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.plan.is_editable:
            context["blocked"] = (
                f"El plan está «{self.plan.get_status_display()}»: los objetivos se agregan en "
                "borrador o cuando supervisión lo devuelve."
            )
        context["has_needs"] = any(
            d.axis == Axis.CRIMINOGENIC for d in actions.eligible_domains(self.case)
        )
        if self.plan.is_editable and self.plan.objectives.count() >= self.plan.max_objectives:
            context["blocked"] = (
                f"El plan ya tiene {self.plan.max_objectives} objetivos, el máximo. Las demás "
                "áreas se incorporan cuando se cumplan los objetivos actuales."
            )
        return context

    def get_form(self, form_class=None):
        return ObjectiveForm(
            domains=actions.offered_domains(self.case),
            layout=self.plan.printed_layout,
            **self.get_form_kwargs(),
        )

    def form_valid(self, form):
        data = form.cleaned_data
        choice = data["domain"]
        domain = next((d for d in actions.offered_domains(self.case) if str(d.pk) == choice), None)
        try:
            actions.add_objective(
                plan=self.plan,
                actor=self.request.user,
                domain=domain,
                area="" if domain else choice,
                objective=data["objective"],
                actions=data["actions"],
                sentence_year=data["sentence_year"],
                status=data["status"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Objetivo agregado.")
        return redirect(self.plan)


class ObjectiveMixin(PlanMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            case = case_permissions.get_case_or_404(request.user, kwargs["case_pk"])
            plan = get_object_or_404(plans_of(case), pk=kwargs["pk"])
            self.objective = get_object_or_404(
                plan.objectives.select_related("domain"), pk=kwargs["objective_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objective"] = self.objective
        return context


class ObjectiveUpdateView(ObjectiveMixin, FormView):
    template_name = "reinsercion/plans/objective_form.html"
    case_for_change = True

    def get_form(self, form_class=None):
        return ObjectiveForm(domains=[], editing=True, **self.get_form_kwargs())

    def get_initial(self):
        return {
            "objective": self.objective.objective,
            "actions": self.objective.actions,
            "sentence_year": self.objective.sentence_year,
        }

    def form_valid(self, form):
        try:
            actions.update_objective(
                objective=self.objective,
                actor=self.request.user,
                objective_text=form.cleaned_data["objective"],
                actions=form.cleaned_data["actions"],
                sentence_year=form.cleaned_data["sentence_year"],
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Objetivo guardado.")
        return redirect(self.plan)


class ObjectiveDeleteView(ObjectiveMixin, TemplateView):
    template_name = "reinsercion/plans/objective_confirm_delete.html"
    case_for_change = True

    def post(self, request, *args, **kwargs):
        try:
            actions.remove_objective(objective=self.objective, actor=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(self.plan)
        messages.success(request, "Objetivo eliminado.")
        return redirect(self.plan)


class ObjectiveStatusView(ObjectiveMixin, FormView):
    template_name = "reinsercion/plans/objective_status.html"
    case_for_change = True

    def get_form(self, form_class=None):
        return ObjectiveStatusForm(instance=self.objective, **self.get_form_kwargs())

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            actions.set_objective_status(
                objective=self.objective,
                actor=self.request.user,
                status=data["status"],
                reason=data.get("not_achieved_reason") or "",
                note=data.get("status_note") or "",
                on_date=data["status_changed_on"],
            )
        except ValidationError as e:
            if hasattr(e, "error_dict") and "reason" in e.error_dict:
                e = ValidationError(
                    {"not_achieved_reason": e.error_dict.pop("reason"), **e.error_dict}
                )
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Estado del objetivo registrado.")
        return redirect(self.plan)


class PlanTransitionView(PlanMixin, FormView):
    template_name = "reinsercion/plans/plan_transition.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            case = case_permissions.get_case_or_404(request.user, kwargs["case_pk"])
            plan = get_object_or_404(plans_of(case), pk=kwargs["pk"])
            self.transition = next(
                (t for t in transitions_from(plan) if t.target == kwargs["to_status"]), None
            )
            if self.transition is None:
                raise Http404("Transición no disponible.")
            if self.transition not in available_transitions(request.user, plan):
                if self.transition.who == "supervision" and plan.author_id == request.user.pk:
                    raise PermissionDenied("Quien elaboró el plan no puede visarlo ni devolverlo.")
                raise PermissionDenied("Su rol no permite este paso del plan.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        asks_justification = self.transition.target == PlanStatus.IN_REVIEW and (
            actions.is_below_minimum(self.plan, profile_for_case(self.case))
        )
        return TransitionForm(
            transition=self.transition,
            plan=self.plan,
            asks_justification=asks_justification,
            **self.get_form_kwargs(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transition"] = self.transition
        context["target_label"] = PlanStatus(self.transition.target).label
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            actions.transition_plan(
                plan=self.plan,
                actor=self.request.user,
                to_status=self.transition.target,
                comment=data.get("comment") or "",
                hearing_on=data.get("hearing_on"),
                on_date=data["on_date"],
                control_justification=data.get("control_justification"),
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Plan: {self.plan.get_status_display().lower()}.")
        return redirect(self.plan)


class PlanNewVersionView(PlanMixin, FormView):
    template_name = "reinsercion/plans/plan_new_version.html"
    form_class = NewVersionForm
    case_for_change = True

    def form_valid(self, form):
        try:
            new = actions.new_plan_version(
                plan=self.plan, actor=self.request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Versión {new.number} creada en borrador.")
        return redirect(new)


class FeedbackCreateView(PlanMixin, FormView):
    template_name = "reinsercion/plans/feedback_form.html"
    form_class = FeedbackForm
    case_for_change = True

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def form_valid(self, form):
        try:
            actions.record_feedback_session(
                plan=self.plan, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Sesión de retroalimentación registrada.")
        return redirect(self.plan)


class ExtensionCreateView(CaseMixin, FormView):
    template_name = "reinsercion/plans/extension_form.html"
    form_class = ExtensionForm
    case_for_change = True

    def get_initial(self):
        return {"requested_on": timezone.localdate(), "days": 15}

    def form_valid(self, form):
        try:
            actions.record_plan_extension(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Prórroga registrada: el plazo del plan se extendió.")
        return redirect("team:plan_list", self.case.pk)


class PlanCompareView(CaseMixin, TemplateView):
    """Two versions side by side."""

    template_name = "reinsercion/plans/plan_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plans = list(plans_of(self.case).prefetch_related("objectives__domain"))
        form = CompareForm(self.request.GET or None, plans=plans)
        left = right = None
        if form.is_valid():
            by_pk = {p.pk: p for p in plans}
            left, right = by_pk[form.cleaned_data["a"]], by_pk[form.cleaned_data["b"]]
        elif len(plans) >= 2:
            left, right = plans[1], plans[0]
        context.update(form=form, left=left, right=right, plans=plans)
        return context


class PlanPdfView(PlanMixin, TemplateView):
    """The plan as a PDF (annex A/B layout), only for who may see the case."""

    access_label = "Plan de intervención (PDF)"

    def get(self, request, *args, **kwargs):
        pdf = render_plan_pdf(self.plan)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"PII-{self.case.pk}-v{self.plan.number}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class PlanLimitsExceptionView(PlanMixin, FormView):
    """Supervision allows this version more objectives than the norms recommend, with a
    recorded reason; anybody else gets 403."""

    template_name = "reinsercion/plans/limits_exception_form.html"
    form_class = LimitsExceptionForm

    def get(self, request, *args, **kwargs):
        self._ensure_supervision()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._ensure_supervision()
        return super().post(request, *args, **kwargs)

    def _ensure_supervision(self):
        user = self.request.user
        if self.plan.author_id == user.pk or not program_permissions.can_supervise(
            user, self.case.program
        ):
            raise PermissionDenied("Solo la supervisión del programa autoriza esta excepción.")

    def get_initial(self):
        return {"max_objectives": 5, "max_in_progress": 2}

    def form_valid(self, form):
        try:
            actions.allow_limits_exception(
                plan=self.plan, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Excepción registrada con su fundamento.")
        return redirect(self.plan)
