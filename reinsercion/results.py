"""Public aggregates of case data: the only door through which ``cms`` reads cases.

Everything returned here is a count or a percentage; no name, RUT or offence leaves.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from django.utils import timezone

from .choices import Outcome


def _percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class CohortResult:
    ordinal: int
    year: int
    counted: int  # graduates who meet the program's counting rule and have an outcome
    effective: int  # reinserción efectiva
    recidivism: int  # reincidencia
    in_progress: (
        int  # meet the rule so far, outcome not yet known (intervention or follow-up ongoing)
    )
    not_counted: int  # left before the minimum time in the counting phase

    @property
    def effective_pct(self) -> int | None:
        return _percent(self.effective, self.counted)

    @property
    def recidivism_pct(self) -> int | None:
        return _percent(self.recidivism, self.counted)


@dataclass(frozen=True)
class ProgramResults:
    program_code: str
    program_name: str
    rule: str
    cohorts: list[CohortResult] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return sum(c.counted for c in self.cohorts)

    @property
    def effective(self) -> int:
        return sum(c.effective for c in self.cohorts)

    @property
    def recidivism(self) -> int:
        return sum(c.recidivism for c in self.cohorts)

    @property
    def in_progress(self) -> int:
        return sum(c.in_progress for c in self.cohorts)

    @property
    def not_counted(self) -> int:
        return sum(c.not_counted for c in self.cohorts)

    @property
    def effective_pct(self) -> int | None:
        return _percent(self.effective, self.counted)

    @property
    def recidivism_pct(self) -> int | None:
        return _percent(self.recidivism, self.counted)


def _counts(started_on, ended_on, min_months, today) -> bool:
    if not min_months:
        return True
    return started_on + relativedelta(months=min_months) <= (ended_on or today)


def cohort_results(
    program_code: str, *, year_from: int | None = None, year_to: int | None = None
) -> ProgramResults | None:
    """Per-generation results of a program that works in generations.

    Counting rule (data on the program): a member counts as a graduate when they spent at
    least ``impact_min_months`` in ``impact_phase`` (OPV: 4 months of intra-penitentiary
    intervention) and their follow-up outcome is recorded. Runs three queries whatever the
    number of cases.
    """
    from .models import Cohort, PhasePeriod, Program

    program = Program.objects.filter(code__iexact=program_code).first()
    if program is None:
        return None
    cohorts = Cohort.objects.filter(program=program)
    if year_from:
        cohorts = cohorts.filter(year__gte=year_from)
    if year_to:
        cohorts = cohorts.filter(year__lte=year_to)
    cohorts = list(cohorts.order_by("ordinal").values("pk", "ordinal", "year"))

    today = timezone.localdate()
    # case id -> [counts?, outcome, cohort id]
    per_case: dict[int, dict] = {}
    periods = PhasePeriod.objects.filter(
        case__cohort__in=[c["pk"] for c in cohorts], phase=program.impact_phase
    ).values_list("case_id", "case__cohort_id", "case__outcome", "started_on", "ended_on")
    # Several stays in the counting phase add up.
    months_by_case: dict[int, list] = defaultdict(list)
    for case_id, cohort_id, outcome, started_on, ended_on in periods:
        months_by_case[case_id].append((started_on, ended_on))
        per_case[case_id] = {"cohort": cohort_id, "outcome": outcome}
    for case_id, stays in months_by_case.items():
        if len(stays) == 1:
            per_case[case_id]["counts"] = _counts(*stays[0], program.impact_min_months, today)
        else:
            days = sum(((e or today) - s).days for s, e in stays)
            start = min(s for s, _ in stays)
            per_case[case_id]["counts"] = _counts(
                start, start + timezone.timedelta(days=days), program.impact_min_months, today
            )

    tallies = {c["pk"]: defaultdict(int) for c in cohorts}
    for data in per_case.values():
        t = tallies[data["cohort"]]
        if not data["counts"]:
            t["not_counted"] += 1
        elif data["outcome"] == Outcome.EFFECTIVE_REINTEGRATION:
            t["counted"] += 1
            t["effective"] += 1
        elif data["outcome"] == Outcome.RECIDIVISM:
            t["counted"] += 1
            t["recidivism"] += 1
        else:
            t["in_progress"] += 1

    rule = ""
    if program.impact_min_months and program.impact_phase:
        from .choices import Phase

        rule = (
            f"Cuentan quienes tuvieron al menos {program.impact_min_months} meses de "
            f"intervención en la fase {Phase(program.impact_phase).label.lower()} y "
            "completaron el seguimiento."
        )
    return ProgramResults(
        program_code=program.code,
        program_name=program.name,
        rule=rule,
        cohorts=[
            CohortResult(
                ordinal=c["ordinal"],
                year=c["year"],
                counted=tallies[c["pk"]]["counted"],
                effective=tallies[c["pk"]]["effective"],
                recidivism=tallies[c["pk"]]["recidivism"],
                in_progress=tallies[c["pk"]]["in_progress"],
                not_counted=tallies[c["pk"]]["not_counted"],
            )
            for c in cohorts
        ],
    )
