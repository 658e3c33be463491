"""What a follow-up report says, drawn from the case: its annex, its period, the plan's
objectives with the period's sessions, attendance and contact compliance."""

import datetime

from dateutil.relativedelta import relativedelta

from django.utils import timezone

from reinsercion.activities import compliance
from reinsercion.activities.models import ActivityRecord, Attendance
from reinsercion.cases.models import Case
from reinsercion.cases.transfers import transfers_in
from reinsercion.plans.models import (
    InterventionPlan,
    NotAchievedReason,
    ObjectiveStatus,
    PlanLayout,
)
from reinsercion.programs.choices import SupervisionRegime
from reinsercion.reports.models import FollowUpReport, ObjectiveResult, ReportAnnex

NOT_YET_WORKED = "El objetivo no se ha intervenido aún."
TREATMENT_REQUEST = (
    "Se solicita al centro de tratamiento su informe de avance del periodo: adhesión al "
    "tratamiento, resultados alcanzados y proceso de ejecución."
)


def current_plan(case: Case) -> InterventionPlan | None:
    return case.plans.order_by("-number").first()


def annex_for(case: Case, plan: InterventionPlan | None) -> str:
    """LV norms 5.4.1: monthly (annex G) with a drug-treatment condition; otherwise annex I
    for Libertad Vigilada Intensiva and annex H for Libertad Vigilada, as the program's regime
    says (a program without one: as its plan's annex, B for LVI)."""
    if case.drug_treatment_condition:
        return ReportAnnex.G
    regime = case.program.supervision_regime
    if regime == SupervisionRegime.LVI:
        return ReportAnnex.I
    if regime == SupervisionRegime.LV:
        return ReportAnnex.H
    if plan is not None and plan.printed_layout == PlanLayout.ANNEX_B:
        return ReportAnnex.I
    return ReportAnnex.H


def period_for(case: Case, due_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the previous report's due date (or the start of the sentence) to this one's."""
    previous = (
        FollowUpReport.objects.filter(case=case, due_on__lt=due_on)
        .order_by("-due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    months = 1 if case.drug_treatment_condition else (case.program.report_interval_months or 6)
    start = previous or case.sentence_starts_on or (due_on - relativedelta(months=months))
    return start, due_on


def _day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def period_records(case: Case, start: datetime.date, end: datetime.date):
    return [
        r
        for r in ActivityRecord.objects.filter(case=case).exclude(attendance=Attendance.SCHEDULED)
        if start <= _day(r.occurred_at) <= end
    ]


def objective_rows(plan, records) -> list[dict]:
    """One row per objective of the plan: the period's attended sessions on it and its result,
    from the objective's status. A session counts for the objective it was recorded on; one
    recorded on an older version of the plan (or before sessions named an objective) counts
    for the objective with the same words."""
    if plan is None:
        return []
    objectives = list(plan.objectives.select_related("domain").order_by("sort_order", "pk"))
    in_plan = {o.pk for o in objectives}
    by_pk: dict[int, list] = {}
    by_words: dict[str, list] = {}
    for r in records:
        if r.attendance != Attendance.ATTENDED:
            continue
        if r.objective_id in in_plan:
            by_pk.setdefault(r.objective_id, []).append(r)
        elif r.plan_objective:
            by_words.setdefault(_key(r.plan_objective), []).append(r)
    reasons = dict(NotAchievedReason.choices)
    rows = []
    for o in objectives:
        done = by_pk.get(o.pk, []) + by_words.get(_key(o.objective), [])
        done.sort(key=lambda r: r.occurred_at)
        worked = ", ".join(f"{_day(r.occurred_at):%d-%m} {r.get_kind_display()}" for r in done)
        if o.status == ObjectiveStatus.ACHIEVED:
            result, reason = ObjectiveResult.ACHIEVED, ""
        elif o.status == ObjectiveStatus.IN_PROGRESS:
            result, reason = ObjectiveResult.IN_PROGRESS, ""
        elif o.status == ObjectiveStatus.NOT_ACHIEVED:
            result = ObjectiveResult.NOT_ACHIEVED
            reason = reasons.get(o.not_achieved_reason, "")
        else:
            result, reason = ObjectiveResult.NOT_ACHIEVED, NOT_YET_WORKED
        rows.append(
            {
                "objective": o.objective,
                "area": o.domain.name if o.domain_id else o.get_area_display(),
                "actions": (
                    f"{len(done)} sesión(es) en el periodo: {worked}" if done else o.actions
                ),
                "sessions": len(done),
                "result": result,
                "reason": reason,
                "description": o.status_note,
            }
        )
    return rows


def transfer_lines(case: Case, start: datetime.date, end: datetime.date) -> list[str]:
    lines = []
    for t in transfers_in(case, start, end):
        until = f" hasta el {t.ends_on:%d-%m-%Y}" if t.ends_on else ""
        told = (
            f"; informado al tribunal el {t.court_informed_on:%d-%m-%Y}"
            if t.court_informed_on
            else ""
        )
        lines.append(
            f"Traslado {t.get_kind_display().lower()} de {t.from_program.name} a "
            f"{t.to_program.name} desde el {t.starts_on:%d-%m-%Y}{until}{told}."
        )
    return lines


def attendance_text(case: Case, records, start: datetime.date, end: datetime.date) -> str:
    appointments = [r for r in records if r.kind in compliance.APPOINTMENT_KINDS]
    attended = sum(1 for r in appointments if r.attendance == Attendance.ATTENDED)
    justified = sum(1 for r in appointments if r.attendance == Attendance.ABSENT_JUSTIFIED)
    unjustified = sum(1 for r in appointments if r.attendance == Attendance.ABSENT_UNJUSTIFIED)
    lines = transfer_lines(case, start, end) + [
        f"Citas del periodo: {len(appointments)}; asistió a {attended}, "
        f"{justified} inasistencia(s) justificada(s) y {unjustified} injustificada(s)."
    ]
    status = compliance.contact_compliance(Case.objects.filter(pk=case.pk), end).get(case.pk)
    if status is None:
        lines.append("Sin frecuencia mínima de contacto definida.")
    else:
        verdict = "cumple" if status.complies else "no cumple"
        lines.append(
            f"Contacto presencial mínimo: {status.requirement.label.lower()} "
            f"({status.requirement.rule}); {verdict}: {status.contacts_in_window} de "
            f"{status.expected_in_window} contactos esperados en los últimos "
            f"{status.window_days} días."
        )
    return "\n".join(lines)


def draft_content(case: Case, due_on: datetime.date) -> dict:
    plan = current_plan(case)
    start, end = period_for(case, due_on)
    records = period_records(case, start, end)
    annex = annex_for(case, plan)
    return {
        "annex": annex,
        "period_start": start,
        "period_end": end,
        "risk_level": plan.risk_level if plan else "",
        "control_frequency": plan.control_frequency if plan else "",
        "objectives": objective_rows(plan, records),
        "attendance": attendance_text(case, records, start, end),
        "requests_to_court": TREATMENT_REQUEST if annex == ReportAnnex.G else "",
    }
