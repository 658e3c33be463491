from formtools.wizard.views import SessionWizardView

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from reinsercion.assessment import actions
from reinsercion.assessment.forms import DomainScoresForm, ProtectiveFactorsForm, ReviewForm
from reinsercion.assessment.models import RISK_KINDS, Assessment, Axis, lowered_risk
from reinsercion.assessment.queries import case_assessments, override_share, risk_profile
from reinsercion.assessment.rules.contact import recommend
from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel, highest_need
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.views import CaseMixin
from reinsercion.extensions import case_sections
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.views import TeamRequiredMixin


def domain_evolution(assessments):
    """For each instrument with two or more assessments: its domains, first vs last."""
    by_instrument = {}
    for a in sorted(assessments, key=lambda a: (a.assessed_on, a.pk)):
        by_instrument.setdefault(a.version.instrument, []).append(a)
    result = []
    for instrument, items in by_instrument.items():
        if len(items) < 2:
            continue
        first, last = items[0], items[-1]
        first_scores = {s.domain.code: s for s in first.scores.all()}
        rows = [
            {"name": s.domain.name, "before": first_scores.get(s.domain.code), "after": s}
            for s in last.scores.all()
        ]
        result.append({"instrument": instrument, "first": first, "last": last, "rows": rows})
    return result


def pending_triggers(assessments):
    """Instruments a positive domain asks for (e.g. ASSIST) not applied since."""
    pending = []
    for a in assessments:
        for score in a.scores.all():
            trigger = score.domain.triggers
            if not trigger or score.need_level not in (NeedLevel.MEDIUM, NeedLevel.HIGH):
                continue
            applied = any(
                b.version.instrument_id == trigger.pk and b.assessed_on >= a.assessed_on
                for b in assessments
            )
            if not applied and trigger not in [p[0] for p in pending]:
                pending.append((trigger, score.domain))
    return pending


class AssessmentListView(CaseMixin, TemplateView):
    """The case's assessments: current risk profile, contact rule, evolution over time."""

    template_name = "reinsercion/assessment/assessment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        assessments = list(case_assessments(case))
        can_change = case_permissions.can_change_case(self.request.user, case)
        risk_assessments = [
            a for a in assessments if a.version.instrument.kind in RISK_KINDS and a.level
        ]
        context.update(
            assessments=assessments,
            profile=risk_profile(assessments, drug_treatment=case.drug_treatment_condition),
            evolution=domain_evolution(assessments),
            lowered=lowered_risk(risk_assessments),
            first_risk=min(risk_assessments, key=lambda a: (a.assessed_on, a.pk), default=None),
            last_risk=max(risk_assessments, key=lambda a: (a.assessed_on, a.pk), default=None),
            pending_triggers=pending_triggers(assessments),
            can_change=can_change,
            can_supervise=program_permissions.can_supervise(self.request.user, case.program),
            versions=actions.available_versions(case) if can_change else [],
        )
        return context


class AssessmentDetailView(CaseMixin, TemplateView):
    template_name = "reinsercion/assessment/assessment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = get_object_or_404(case_assessments(self.case), pk=self.kwargs["pk"])
        context["assessment"] = assessment
        context["scores"] = assessment.scores.all()
        return context


STEPS = [
    ("dominios", DomainScoresForm),
    ("protectores", ProtectiveFactorsForm),
    ("revision", ReviewForm),
]
STEP_TITLES = {
    "dominios": "Puntajes por dominio",
    "protectores": "Factores protectores",
    "revision": "Revisión y guardado",
}
SCORE_STEP_FIELDS = ("assessed_on", "reason", "paper_level")


class AssessmentWizardView(TeamRequiredMixin, SessionWizardView):
    """New assessment in steps: domains → protective factors → review → save."""

    form_list = STEPS
    template_name = "reinsercion/assessment/assessment_wizard.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.case = case_permissions.get_case_or_404(
                request.user, kwargs["case_pk"], for_change=True
            )
            self.version = get_object_or_404(
                actions.available_versions(self.case), pk=kwargs["version_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return f"evaluacion_{kwargs['case_pk']}_{kwargs['version_pk']}"

    def get_form_kwargs(self, step=None):
        if step == "dominios":
            return {"version": self.version}
        if step == "revision":
            return {"allows_override": self.version.gives_risk_level}
        return {}

    def preview(self):
        """What the assessment will compute, from the first step's data."""
        form = self.get_form("dominios", data=self.storage.get_step_data("dominios"))
        if not form.is_valid():
            return None
        scores = form.scores()
        needs = form.paper_needs()
        rows = []
        for domain, _, _ in form.domain_rows:
            need = needs.get(domain.pk) or domain.need_for(scores[domain.pk])
            rows.append(
                {
                    "domain": domain,
                    "score": scores[domain.pk],
                    "need": NeedLevel(need).label if need else "",
                }
            )
        total = sum(scores.values()) if self.version.has_total else None
        level = ""
        if self.version.gives_risk_level:
            level = (
                self.version.risk_level_for(total)
                if self.version.risk_cutoffs_configured
                else form.cleaned_data.get("paper_level", "")
            )
        need = highest_need(
            [
                needs.get(d.pk) or d.need_for(scores[d.pk])
                for d, _, _ in form.domain_rows
                if not d.is_static and d.axis == Axis.CRIMINOGENIC
            ]
        )
        recommendation = None
        if level:
            recommendation = recommend(
                risk=level,
                need=need or NeedLevel.LOW,
                sexual_or_vif=self.version.instrument.prevails,
                drug_treatment=self.case.drug_treatment_condition,
            )

        return {
            "rows": rows,
            "total": total,
            "level": RiskLevel(level).label if level else "",
            "need": NeedLevel(need).label if need else "",
            "recommendation": recommendation,
        }

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            case=self.case,
            sections=case_sections(self.case),
            version=self.version,
            step_titles=[(name, STEP_TITLES[name]) for name, _ in STEPS],
            step_title=STEP_TITLES[self.steps.current],
        )
        if self.steps.current == "revision":
            context["preview"] = self.preview()
            context["protective"] = self.get_cleaned_data_for_step("protectores") or {}
        return context

    def done(self, form_list, form_dict, **kwargs):
        scores_form = form_dict["dominios"]
        protective = form_dict["protectores"].cleaned_data
        review = form_dict["revision"].cleaned_data
        try:
            assessment = actions.record_assessment(
                case=self.case,
                version=self.version,
                actor=self.request.user,
                assessed_on=scores_form.cleaned_data["assessed_on"],
                reason=scores_form.cleaned_data["reason"],
                scores=scores_form.scores(),
                paper_needs=scores_form.paper_needs(),
                paper_level=scores_form.cleaned_data.get("paper_level", ""),
                override_level=review.get("override_level", ""),
                override_reason=review.get("override_reason", ""),
                **protective,
            )
        except ValidationError as error:
            return self.show_errors(error)
        except PermissionDenied:
            raise
        messages.success(self.request, "Evaluación guardada.")
        return redirect(assessment)

    def show_errors(self, error: ValidationError):
        fields = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        to_scores = any(
            f and (f.startswith(("score_", "need_")) or f in SCORE_STEP_FIELDS) for f in fields
        )
        step = "dominios" if to_scores else "revision"
        self.storage.current_step = step
        form = self.get_form(step, data=self.storage.get_step_data(step))
        form.is_valid()
        for field, errors in fields.items():
            form.add_error(field if field in form.fields else None, errors)
        return self.render(form)


class OverrideShareView(TeamRequiredMixin, TemplateView):
    """Share of assessments whose level was overridden, for supervision and coordination."""

    template_name = "reinsercion/assessment/override_share.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.programs = [
                p
                for p in program_permissions.programs_of(request.user)
                if program_permissions.can_supervise(request.user, p)
            ]
            if not self.programs:
                raise PermissionDenied("Esta página es para supervisión y coordinación.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overridden = (
            Assessment.objects.filter(case__program__in=self.programs)
            .overridden()
            .select_related("case__person", "case__program", "version__instrument", "assessor")
            .order_by("-assessed_on", "-pk")
        )
        context["rows"] = override_share(self.programs)
        context["page_obj"] = Paginator(overridden, 25).get_page(self.request.GET.get("page"))
        return context
