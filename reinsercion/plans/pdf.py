"""The plan as a PDF in the layout of annex A (LV) or B (LVI), with the common header of the
norms' forms (DOMAIN.md §11), or in OPV's layout: offence, sentence and expected release date,
no court fields. Rendered on demand; served only by a permission-checked view."""

import io

from xhtml2pdf import pisa

from django.template.loader import render_to_string
from django.utils import timezone

from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.plans.models import PlanLayout


def render_plan_pdf(plan) -> bytes:
    case = plan.case
    html = render_to_string(
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
    )
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError("No se pudo generar el PDF del plan.")
    return out.getvalue()
