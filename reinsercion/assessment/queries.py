"""Reads over assessments: a case's current risk profile, contact requirements, deadlines
and the share of overridden levels. Every function over many cases runs a bounded number
of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from reinsercion.assessment.models import RISK_KINDS, Assessment, lowered_risk
from reinsercion.assessment.rules import deadlines
from reinsercion.assessment.rules.contact import Recommendation, recommend
from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel, highest_need
from reinsercion.cases.models import Case
from reinsercion.extensions import AgendaItem, ContactRequirement, TimelineEntry


@dataclass(frozen=True)
class RiskProfile:
    level: str
    level_label: str
    need: str
    need_label: str
    source: Assessment  # the assessment whose level applies
    general: Assessment | None
    specific: Assessment | None
    recommendation: Recommendation


def _latest(assessments):
    return max(assessments, key=lambda a: (a.assessed_on, a.pk), default=None)


def risk_profile(assessments, *, drug_treatment: bool = False) -> RiskProfile | None:
    """The current risk and need of a case from its assessments (any order).

    The latest assessment with a specific sexual/VIF instrument prevails over the general
    one (LV norms 2.2 f) and switches the rules to Cuadro N°5; the need is the highest of
    the two latest assessments' needs.
    """
    with_level = [a for a in assessments if a.level and a.version.instrument.kind in RISK_KINDS]
    if not with_level:
        return None
    specific = _latest([a for a in with_level if a.version.instrument.prevails])
    general = _latest([a for a in with_level if not a.version.instrument.prevails])
    source = specific or general
    need = highest_need([a.need_level for a in (specific, general) if a]) or NeedLevel.LOW

    return RiskProfile(
        level=source.level,
        level_label=RiskLevel(source.level).label,
        need=need,
        need_label=NeedLevel(need).label,
        source=source,
        general=general,
        specific=specific,
        recommendation=recommend(
            risk=source.level,
            need=need,
            sexual_or_vif=specific is not None,
            drug_treatment=drug_treatment,
        ),
    )


def case_assessments(case):
    return (
        case.assessments.select_related("version__instrument", "assessor")
        .prefetch_related("scores__domain")
        .order_by("-assessed_on", "-pk")
    )


def profile_for_case(case) -> RiskProfile | None:
    return risk_profile(
        list(case.assessments.select_related("version__instrument")),
        drug_treatment=case.drug_treatment_condition,
    )


def latest_per_instrument(assessments):
    latest = {}
    for a in assessments:
        key = a.version.instrument_id
        if key not in latest or (a.assessed_on, a.pk) > (latest[key].assessed_on, latest[key].pk):
            latest[key] = a
    return list(latest.values())


def contact_requirements(cases) -> dict[int, ContactRequirement]:
    """Provider for ``extensions.register_contact_provider``: two queries for any number."""
    drug = dict(
        Case.objects.filter(pk__in=cases.values("pk")).values_list("pk", "drug_treatment_condition")
    )
    by_case: dict[int, list] = {}
    for a in (
        Assessment.objects.filter(case__in=cases.values("pk"))
        .exclude(level="")
        .select_related("version__instrument")
    ):
        by_case.setdefault(a.case_id, []).append(a)
    result = {}
    for case_id, items in by_case.items():
        profile = risk_profile(items, drug_treatment=drug.get(case_id, False))
        if profile is None:
            continue
        rec = profile.recommendation
        result[case_id] = ContactRequirement(
            interval_days=rec.interval_days,
            label=rec.frequency,
            rule=rec.rule,
            intervention=rec.intervention,
            visit_interval_days=rec.visit_interval_days,
        )
    return result


def lowered_risk_for_case(case) -> bool | None:
    """Whether ``case`` lowered its risk between its first and last assessment."""

    return lowered_risk(
        case.assessments.filter(version__instrument__kind__in=RISK_KINDS).exclude(level="")
    )


def override_share(programs):
    """Per program: assessments with a risk level, how many were overridden, and the share."""
    rows = (
        Assessment.objects.filter(case__program__in=programs)
        .exclude(level="")
        .values("case__program__code", "case__program__name")
        .annotate(total=Count("pk"), overridden=Count("pk", filter=~Q(override_level="")))
        .order_by("case__program__code")
    )
    result = []
    for row in rows:
        share = round(100 * row["overridden"] / row["total"], 1) if row["total"] else 0
        result.append({**row, "share": share, "above_limit": share > 10})
    return result


# Extension sources --------------------------------------------------------------------------

AGENDA_HORIZON_DAYS = 60


def reassessment_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Yearly reassessment and the one in the month before the sentence ends."""

    open_cases = {
        c.pk: c
        for c in Case.objects.filter(pk__in=cases.values("pk")).open().select_related("person")
    }
    last = {}
    for a in (
        Assessment.objects.filter(
            case__in=list(open_cases), version__instrument__kind__in=RISK_KINDS
        )
        .exclude(level="")
        .only("case_id", "assessed_on")
    ):
        if a.case_id not in last or a.assessed_on > last[a.case_id]:
            last[a.case_id] = a.assessed_on
    horizon = today + datetime.timedelta(days=AGENDA_HORIZON_DAYS)
    items = []
    for case_id, case in open_cases.items():
        url = reverse("team:assessment_list", args=[case_id])
        if case_id in last:
            due = deadlines.reassessment_due_on(last[case_id])
            if due <= horizon:
                items.append(
                    AgendaItem(
                        due_on=due,
                        kind="reassessment",
                        kind_label="Reevaluación anual",
                        title=f"Reevaluar riesgo y necesidades: {case.person.full_name}",
                        case_id=case_id,
                        url=url,
                    )
                )
        before_end = deadlines.pre_end_reassessment_due_on(case.sentence_ends_on)
        opens_on = deadlines.pre_end_reassessment_opens_on(case.sentence_ends_on)
        # Shown from a month before the end; an assessment in that month is the reassessment.
        if before_end and opens_on <= today and last.get(case_id, datetime.date.min) < opens_on:
            items.append(
                AgendaItem(
                    due_on=before_end,
                    shown_from=opens_on,
                    kind="reassessment_before_end",
                    kind_label="Reevaluación previa al término",
                    title=f"Reevaluar antes del término de la condena: {case.person.full_name}",
                    case_id=case_id,
                    url=url,
                )
            )
    return items


def assessment_timeline(case) -> list[TimelineEntry]:
    entries = []
    for a in case.assessments.select_related("version__instrument", "assessor"):
        detail = []
        if a.level:
            detail.append(f"Riesgo {a.get_level_display()}")
        if a.need_level:
            detail.append(f"necesidad {a.get_need_level_display().lower()}")
        if a.is_overridden:
            detail.append("nivel modificado por el/la profesional")
        entries.append(
            TimelineEntry(
                when=a.assessed_on,
                kind="assessment",
                kind_label="Evaluación",
                title=f"{a.get_reason_display()}: {a.version.instrument.name}",
                detail=", ".join(detail),
                url=a.get_absolute_url(),
            )
        )
    return entries
