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


def _person_and_court(case) -> tuple[dict, dict]:
    person = case.person
    return (
        {
            "last_names": person.last_names,
            "first_names": person.first_names,
            "rut": person.rut_display,
            "age": person.age,
            "comuna": person.comuna,
        },
        {
            "court": case.court,
            "rit": case.rit,
            "ruc": case.ruc,
            "offence": case.offence,
            "sentence": case.sentence_display,
            "starts_on": case.sentence_starts_on.isoformat() if case.sentence_starts_on else "",
            "ends_on": case.sentence_ends_on.isoformat() if case.sentence_ends_on else "",
        },
    )


def _factor_rows(text: str) -> list[list[str]]:
    """«factor — observaciones», one a line, as [factor, observaciones]."""
    rows = []
    for line in text.splitlines():
        if line.strip():
            factor, _, notes = line.partition("—")
            rows.append([factor.strip(), notes.strip()])
    return rows


def evaluation_content(evaluation) -> dict:
    """Everything the pena mixta report (annex O or P) says, as it is printed: the SHA-256 is
    computed over this."""
    person, court = _person_and_court(evaluation.case)
    plan = evaluation.plan if evaluation.is_favourable else None
    return {
        "case": evaluation.case_id,
        "annex": evaluation.annex_letter,
        "outcome": evaluation.outcome,
        "received_on": evaluation.received_on.isoformat(),
        "papers_complete_on": (
            evaluation.papers_complete_on.isoformat() if evaluation.papers_complete_on else ""
        ),
        "person": person,
        "court": court,
        "synthesis": evaluation.synthesis,
        "risk_level": evaluation.risk_level,
        "control_frequency": evaluation.control_frequency,
        "plan": (
            {
                "number": plan.number,
                "status": plan.get_status_display(),
                "objectives": [
                    {
                        "area": o.domain.name if o.domain_id else o.get_area_display(),
                        "objective": o.objective,
                        "actions": o.actions,
                        "sentence_year": o.sentence_year,
                    }
                    for o in plan.objectives.select_related("domain").order_by("sort_order", "pk")
                ],
                "development": plan.development,
            }
            if plan
            else None
        ),
        "risk_factors": _factor_rows(evaluation.risk_factors),
        "summary": evaluation.summary,
        "delegado": str(evaluation.created_by),
        "supervisor": str(evaluation.reviewed_by) if evaluation.reviewed_by_id else "",
        "reported_on": evaluation.reported_on.isoformat() if evaluation.reported_on else "",
        "frozen_at": evaluation.frozen_at.isoformat() if evaluation.frozen_at else "",
    }


def render_evaluation_pdf(evaluation) -> bytes:
    """Annex O (favourable, with its PII) or P (unfavourable), on the letterhead; a draft is
    printed from the current data and marked «BORRADOR»."""
    final = evaluation.status == ReportStatus.FINAL
    content = evaluation.content if final else evaluation_content(evaluation)
    favourable = content["outcome"] == "favourable"
    name = (
        "Informe favorable de postulación a pena mixta"
        if favourable
        else "Informe negativo de postulación a pena mixta"
    )
    return render_pdf(
        "reinsercion/reports/pena_mixta_pdf.html",
        {
            "evaluation": evaluation,
            "c": content,
            "favourable": favourable,
            "risk_levels": list(reversed(RiskLevel.choices)),
            "frequencies": ControlFrequency.choices,
            "is_draft": not final,
        },
        document=Document(
            name=f"Anexo {content['annex'] or '—'} · {name}",
            number=f"PM-{evaluation.case_id}-{evaluation.pk}",
            program=evaluation.case.program.name,
            draft=not final,
        ),
    )
