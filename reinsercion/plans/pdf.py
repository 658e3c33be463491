"""The plan as a PDF in the layout of annex A (LV) or B (LVI), with the common header of the
norms' forms (DOMAIN.md §11), or in OPV's layout: offence, sentence and expected release date,
no court fields. Rendered on demand; served only by a permission-checked view."""

from django.utils import timezone

from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.paperwork import Document, render_pdf
from reinsercion.plans.models import PlanLayout, PlanStatus

# Before the supervisor's visa a plan is a draft: it prints with the «BORRADOR» watermark.
DRAFT_STATUSES = (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.RETURNED)


def render_plan_pdf(plan) -> bytes:
    case = plan.case
    return render_pdf(
        "reinsercion/plans/plan_pdf.html",
        {
            "plan": plan,
            "case": case,
            "person": case.person,
            "axes": plan.objectives_by_axis(),
            "risk_levels": list(reversed(RiskLevel.choices)),
            "frequencies": ControlFrequency.choices,
            "is_annex_b": plan.printed_layout == PlanLayout.ANNEX_B,
            "is_opv": plan.printed_layout == PlanLayout.OPV,
            "printed_on": timezone.localdate(),
        },
        document=Document(
            name="Plan de Intervención Individual",
            number=f"{case.pk}-{plan.number}",
            program=case.program.name,
            draft=plan.status in DRAFT_STATUSES,
        ),
    )
