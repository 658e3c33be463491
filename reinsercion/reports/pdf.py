"""The follow-up report in the layout of annexes G, H and I, built from its frozen content (or
from the draft, marked as such)."""

from django.utils import timezone

from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.paperwork import Document, render_pdf
from reinsercion.reports.models import ObjectiveResult, ReportAnnex, ReportStatus


def frozen_content(report) -> dict:
    """Everything the final report says, as it is printed: the SHA-256 is computed over this."""
    case, person = report.case, report.case.person
    return {
        "case": case.pk,
        "annex": report.annex,
        "due_on": report.due_on.isoformat(),
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "person": {
            "last_names": person.last_names,
            "first_names": person.first_names,
            "rut": person.rut_display,
            "age": person.age,
            "comuna": person.comuna,
        },
        "court": {
            "court": case.court,
            "rit": case.rit,
            "ruc": case.ruc,
            "offence": case.offence,
            "sentence": case.sentence_display,
            "starts_on": case.sentence_starts_on.isoformat() if case.sentence_starts_on else "",
            "ends_on": case.sentence_ends_on.isoformat() if case.sentence_ends_on else "",
        },
        "risk_level": report.risk_level,
        "control_frequency": report.control_frequency,
        "objectives": report.objectives,
        "attendance": report.attendance,
        "next_period": report.next_period,
        "requests_to_court": report.requests_to_court,
        "delegado": str(report.created_by),
        "supervisor": str(report.reviewed_by) if report.reviewed_by_id else "",
        "frozen_at": report.frozen_at.isoformat() if report.frozen_at else "",
    }


def render_request_pdf(request) -> bytes:
    """Annex K (reduction) or L (substitution), from the case and its plan."""
    case = request.case
    plan = case.plans.order_by("-number").first()
    is_reduction = request.kind == "reduction"
    return render_pdf(
        "reinsercion/reports/request_pdf.html",
        {
            "request": request,
            "case": case,
            "person": case.person,
            "plan": plan,
            "objectives": list(plan.objectives.select_related("domain")) if plan else [],
            "risk_levels": list(reversed(RiskLevel.choices)),
            "frequencies": ControlFrequency.choices,
            "is_reduction": is_reduction,
        },
        document=Document(
            name=(
                "Informe de reducción del tiempo de condena"
                if is_reduction
                else "Informe de sustitución de la pena"
            ),
            number=f"{case.pk}-{request.pk}",
            program=case.program.name,
        ),
    )


def render_report_pdf(report) -> bytes:
    content = report.content if report.status == ReportStatus.FINAL else frozen_content(report)
    is_draft = report.status != ReportStatus.FINAL
    return render_pdf(
        "reinsercion/reports/report_pdf.html",
        {
            "report": report,
            "c": content,
            "annex_label": ReportAnnex(report.annex).label,
            "risk_levels": list(reversed(RiskLevel.choices)),
            "frequencies": ControlFrequency.choices,
            "results": ObjectiveResult.choices,
            "is_monthly": report.annex == ReportAnnex.G,
            "is_draft": is_draft,
            "printed_on": timezone.localdate(),
        },
        document=Document(
            name=(
                "Informe de Seguimiento Mensual"
                if report.annex == ReportAnnex.G
                else "Informe de Seguimiento del Plan de Intervención"
            ),
            number=f"{report.case_id}-{report.pk}",
            program=report.case.program.name,
            draft=is_draft,
        ),
    )
