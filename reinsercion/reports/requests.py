"""The conditions of a reduction (annex K) or substitution (annex L) request, checked on the
day of the request; each condition not met is a reason the request is blocked.

- substitution: half of the sentence served, or a third for a second substitution (Ley 18.216
  art. 32; LV norms 5.4.5);
- both: the plan's objectives achieved; reassessments without new areas of need for two
  consecutive years; a reassessment "before the request" (``AssessmentReason.BEFORE_REQUEST``)
  on or before the day of the request and after any earlier request; six months since the
  court refused the previous request of the same kind (the norms say it of the substitution;
  we read it for the reduction too). See docs/decisions/0005-sentence-requests.md.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from reinsercion.assessment.models import RISK_KINDS, Assessment, AssessmentReason
from reinsercion.cases.models import Case
from reinsercion.plans.models import ObjectiveStatus
from reinsercion.reports.models import CourtAnswer, RequestKind, SentenceRequest

NO_NEW_AREAS_YEARS = 2
WAIT_AFTER_REFUSAL = relativedelta(months=6)


@dataclass(frozen=True)
class Condition:
    label: str
    met: bool
    detail: str


def _served_share(case: Case, kind: str, on: datetime.date) -> Condition | None:
    if kind != RequestKind.SUBSTITUTION:
        return None
    label = "Mitad de la pena cumplida (un tercio si es la segunda sustitución)"
    start, end = case.sentence_starts_on, case.sentence_ends_on
    if not start or not end:
        return Condition(label, False, "El caso no registra inicio y término de la condena.")
    second = SentenceRequest.objects.filter(
        case=case, kind=RequestKind.SUBSTITUTION, answer=CourtAnswer.GRANTED
    ).exists()
    divisor = 3 if second else 2
    total = (end - start).days
    served = (on - start).days
    # served / total >= 1 / divisor, in whole days
    met = served * divisor >= total
    needed = start + datetime.timedelta(days=-(-total // divisor))
    share = "un tercio" if second else "la mitad"
    return Condition(
        label,
        met,
        f"Cumplidos {served} de {total} días; {share} se cumple el {needed:%d-%m-%Y}.",
    )


def _objectives(case: Case) -> Condition:
    label = "Objetivos del PII cumplidos"
    plan = case.plans.order_by("-number").first()
    if plan is None:
        return Condition(label, False, "El caso no tiene plan de intervención.")
    pending = [o.objective for o in plan.objectives.all() if o.status != ObjectiveStatus.ACHIEVED]
    if pending:
        return Condition(label, False, f"Sin cumplir: {'; '.join(pending)}.")
    return Condition(label, True, f"Los objetivos del PII versión {plan.number} están cumplidos.")


def _risk_assessments(case):
    return (
        Assessment.objects.filter(case=case, version__instrument__kind__in=RISK_KINDS)
        .exclude(level="")
        .prefetch_related("scores__domain")
        .order_by("assessed_on", "pk")
    )


def _no_new_areas(case: Case, on: datetime.date, assessments) -> Condition:
    label = f"Sin nuevas áreas de intervención durante {NO_NEW_AREAS_YEARS} años consecutivos"
    since = on - relativedelta(years=NO_NEW_AREAS_YEARS)
    baseline = [a for a in assessments if a.assessed_on <= since]
    if not baseline:
        return Condition(
            label, False, f"No hay una evaluación anterior al {since:%d-%m-%Y} con que comparar."
        )
    known = {s.domain.code for s in baseline[-1].need_domains()}
    new = {}
    for a in assessments:
        if since < a.assessed_on <= on:
            for s in a.need_domains():
                if s.domain.code not in known:
                    new.setdefault(s.domain.code, (s.domain.name, a.assessed_on))
    if new:
        found = "; ".join(f"{name} ({day:%d-%m-%Y})" for name, day in new.values())
        return Condition(label, False, f"Nuevas áreas desde el {since:%d-%m-%Y}: {found}.")
    return Condition(label, True, f"Ninguna área nueva desde el {since:%d-%m-%Y}.")


def _reassessed(case: Case, on: datetime.date, assessments) -> Condition:
    label = "Reevaluación previa a la solicitud"
    previous = (
        SentenceRequest.objects.filter(case=case, requested_on__lte=on)
        .order_by("-requested_on")
        .values_list("requested_on", flat=True)
        .first()
    )
    found = [
        a
        for a in assessments
        if a.reason == AssessmentReason.BEFORE_REQUEST
        and a.assessed_on <= on
        and (previous is None or a.assessed_on > previous)
    ]
    if not found:
        after = f" posterior a la solicitud del {previous:%d-%m-%Y}" if previous else ""
        return Condition(label, False, f"Falta una reevaluación «antes de solicitar»{after}.")
    return Condition(label, True, f"Reevaluación del {found[-1].assessed_on:%d-%m-%Y}.")


def _wait_after_refusal(case: Case, kind: str, on: datetime.date) -> Condition:
    label = "Seis meses desde el último rechazo"
    refused = (
        SentenceRequest.objects.filter(case=case, kind=kind, answer=CourtAnswer.REFUSED)
        .exclude(answered_on=None)
        .order_by("-answered_on")
        .values_list("answered_on", flat=True)
        .first()
    )
    if refused is None:
        return Condition(label, True, "El tribunal no ha rechazado una solicitud anterior.")
    allowed = refused + WAIT_AFTER_REFUSAL
    return Condition(
        label,
        on >= allowed,
        f"Rechazada el {refused:%d-%m-%Y}: puede pedirse de nuevo desde el {allowed:%d-%m-%Y}.",
    )


def conditions(case: Case, kind: str, on: datetime.date) -> list[Condition]:
    assessments = list(_risk_assessments(case))
    found = [
        _served_share(case, kind, on),
        _objectives(case),
        _no_new_areas(case, on, assessments),
        _reassessed(case, on, assessments),
        _wait_after_refusal(case, kind, on),
    ]
    return [c for c in found if c is not None]
