"""Public aggregates of case data: the only door through which ``cms`` reads cases.

Everything returned here is a count or a percentage; no name, RUT or offence leaves.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from reinsercion.cases.choices import LabourOutcome, Outcome
from reinsercion.cases.models import PhasePeriod
from reinsercion.people.choices import Sex
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, Program
from reinsercion.versions import DataVersion


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
    # Public figures only: a generation still in intervention or follow-up whose cells the
    # suppression rule does not allow to publish yet (its counted members moved to in_progress).
    withheld: bool = False

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
    def has_withheld(self) -> bool:
        return any(c.withheld for c in self.cohorts)

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


def program_choices() -> list[tuple[str, str]]:
    """Programs whose results can be published per generation, as (code, label) choices."""

    return [
        (code, f"{code} · {name}")
        for code, name in Program.objects.filter(uses_cohorts=True)
        .order_by("code")
        .values_list("code", "name")
    ]


def _members(program, cohort_ids, today, extra=()) -> dict[int, dict]:
    """Members of the given generations with the counting rule applied (one query).

    Returns ``{case id: {"cohort", "outcome", "counts", *extra}}``; ``extra`` names further
    ``Case`` lookups to carry along (aggregated by the callers, never returned as rows).
    """

    per_case: dict[int, dict] = {}
    periods = PhasePeriod.objects.filter(
        case__cohort__in=cohort_ids, phase=program.impact_phase
    ).values_list(
        "case_id",
        "case__cohort_id",
        "case__outcome",
        "started_on",
        "ended_on",
        *(f"case__{name}" for name in extra),
    )
    # Several stays in the counting phase add up.
    months_by_case: dict[int, list] = defaultdict(list)
    for case_id, cohort_id, outcome, started_on, ended_on, *values in periods:
        months_by_case[case_id].append((started_on, ended_on))
        per_case[case_id] = {
            "cohort": cohort_id,
            "outcome": outcome,
            **dict(zip(extra, values, strict=True)),
        }
    for case_id, stays in months_by_case.items():
        if len(stays) == 1:
            per_case[case_id]["counts"] = _counts(*stays[0], program.impact_min_months, today)
        else:
            days = sum(((e or today) - s).days for s, e in stays)
            start = min(s for s, _ in stays)
            per_case[case_id]["counts"] = _counts(
                start, start + timezone.timedelta(days=days), program.impact_min_months, today
            )
    return per_case


def _program_and_cohorts(program_code, year_from, year_to):

    program = Program.objects.filter(code__iexact=program_code).first()
    if program is None:
        return None, []
    cohorts = Cohort.objects.filter(program=program)
    if year_from:
        cohorts = cohorts.filter(year__gte=year_from)
    if year_to:
        cohorts = cohorts.filter(year__lte=year_to)
    return program, list(cohorts.order_by("ordinal").values("pk", "ordinal", "year"))


def cohort_results(
    program_code: str,
    *,
    year_from: int | None = None,
    year_to: int | None = None,
    public: bool = False,
) -> ProgramResults | None:
    """Per-generation results of a program that works in generations.

    Counting rule (data on the program): a member counts as a graduate when they spent at
    least ``impact_min_months`` in ``impact_phase`` (OPV: 4 months of intra-penitentiary
    intervention) and their follow-up outcome is recorded. Runs three queries whatever the
    number of cases.

    ``public``: for the public site. A generation whose follow-up is closed is published as it
    is (the program's own reports do); one with members still in intervention or follow-up
    is published only when the suppression rule (``suppress``) shows both its effective
    reinsertion and its recidivism cells; otherwise it is ``withheld`` and left out of the
    totals (docs/privacy-results.md). The team's indicator pages use ``public=False``.
    """
    program, cohorts = _program_and_cohorts(program_code, year_from, year_to)
    if program is None:
        return None
    today = timezone.localdate()
    per_case = _members(program, [c["pk"] for c in cohorts], today)

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
        rule = (
            f"Cuentan quienes tuvieron al menos {program.impact_min_months} meses de "
            f"intervención en la fase {Phase(program.impact_phase).label.lower()} y "
            "completaron el seguimiento."
        )
    threshold = suppression_threshold()
    results = []
    for c in cohorts:
        t = tallies[c["pk"]]
        row = CohortResult(
            ordinal=c["ordinal"],
            year=c["year"],
            counted=t["counted"],
            effective=t["effective"],
            recidivism=t["recidivism"],
            in_progress=t["in_progress"],
            not_counted=t["not_counted"],
        )
        if public and row.in_progress and not publishable_while_open(row, threshold):
            row = CohortResult(
                ordinal=row.ordinal,
                year=row.year,
                counted=0,
                effective=0,
                recidivism=0,
                in_progress=row.in_progress + row.counted,
                not_counted=row.not_counted,
                withheld=True,
            )
        results.append(row)
    return ProgramResults(
        program_code=program.code, program_name=program.name, rule=rule, cohorts=results
    )


def _withheld_cohorts(per_case: dict[int, dict]) -> set[int]:
    """Generations ``cohort_results(public=True)`` withholds, from ``_members`` rows."""
    tallies: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for data in per_case.values():
        t = tallies[data["cohort"]]
        if not data["counts"]:
            continue
        if data["outcome"] == Outcome.EFFECTIVE_REINTEGRATION:
            t["effective"] += 1
        elif data["outcome"] == Outcome.RECIDIVISM:
            t["recidivism"] += 1
        else:
            t["in_progress"] += 1
    threshold = suppression_threshold()
    return {
        cohort_id
        for cohort_id, t in tallies.items()
        if t["in_progress"]
        and not publishable_while_open(
            CohortResult(
                ordinal=0,
                year=0,
                counted=t["effective"] + t["recidivism"],
                effective=t["effective"],
                recidivism=t["recidivism"],
                in_progress=t["in_progress"],
                not_counted=0,
            ),
            threshold,
        )
    }


def publishable_while_open(row: CohortResult, threshold: int) -> bool:
    """A generation still in intervention or follow-up: its figures may be published only if
    the suppression rule withholds neither of its outcome cells. "1 of 6 re-offended" while
    the others are still followed up points at one person; a closed generation's figures are
    final and already published by the program."""
    shown = suppress({"effective": row.effective, "recidivism": row.recidivism}, threshold)
    return all(value is not None for value, _ in shown.values())


# Breakdowns ---------------------------------------------------------------------------------
#
# The per-generation figures above are what the program already publishes. Any further
# breakdown goes through ``suppress`` before it leaves this module: see
# docs/privacy-results.md for the rule and its reasons.

AGE_BANDS = [(18, 24), (25, 34), (35, 44), (45, None)]


class Dimension(models.TextChoices):
    SEX = "sex", "Sexo"
    AGE_BAND = "age_band", "Tramo de edad al ingreso"
    COMUNA = "comuna", "Comuna de domicilio"
    LABOUR_OUTCOME = "labour_outcome", "Situación laboral al egreso"


NOT_REPORTED = "No informado"


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    count: int | None  # None when the cell is withheld
    reason: str = ""  # "" shown · "small" below the threshold · "derivable" complementary

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    title: str
    total: int  # members counted by the program's rule: already published
    threshold: int
    rows: list[BreakdownRow] = field(default_factory=list)

    @property
    def has_suppressed(self) -> bool:
        return any(r.suppressed for r in self.rows)


def suppression_threshold() -> int:
    return int(getattr(settings, "RESULTS_SUPPRESSION_THRESHOLD", 5))


def suppress(cells: dict[str, int], threshold: int) -> dict[str, tuple[int | None, str]]:
    """Withhold the cells of one column whose total is published.

    1. Every cell below ``threshold`` (zero included) is withheld ("small").
    2. A withheld cell must not be derivable as total minus the shown cells: while only one
       cell is withheld, or the withheld cells add up to fewer than ``threshold`` people, the
       smallest shown cell is withheld too ("derivable").
    """
    small = {label for label, value in cells.items() if value < threshold}
    derivable: set[str] = set()

    def hidden():
        return small | derivable

    while hidden() and (len(hidden()) == 1 or sum(cells[label] for label in hidden()) < threshold):
        shown = [label for label in cells if label not in hidden()]
        if not shown:
            break
        derivable.add(min(shown, key=lambda label: (cells[label], label)))
    result = {}
    for label, value in cells.items():
        if label in small:
            result[label] = (None, "small")
        elif label in derivable:
            result[label] = (None, "derivable")
        else:
            result[label] = (value, "")
    return result


def _age_band(birth_date, on_date) -> str:
    if not birth_date or not on_date:
        return NOT_REPORTED
    age = relativedelta(on_date, birth_date).years
    for low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return f"{low} a {high} años" if high else f"{low} años o más"
    return f"Menos de {AGE_BANDS[0][0]} años"


def _category_labels(dimension: str) -> list[str]:
    """Categories always listed, so that an absent category cannot be read as zero."""
    if dimension == Dimension.SEX:
        return [label for _, label in Sex.choices]
    if dimension == Dimension.AGE_BAND:
        return [f"Menos de {AGE_BANDS[0][0]} años"] + [
            f"{lo} a {hi} años" if hi else f"{lo} años o más" for lo, hi in AGE_BANDS
        ]
    if dimension == Dimension.LABOUR_OUTCOME:
        return [label for _, label in LabourOutcome.choices]
    return []


def breakdown(
    program_code: str,
    dimension: str,
    *,
    year_from: int | None = None,
    year_to: int | None = None,
) -> Breakdown | None:
    """Members counted by the program's rule, by ``dimension``, with small cells withheld.

    Only counts leave this function; cells are suppressed here, before they reach any page.
    Runs three queries whatever the number of cases.
    """
    dimension = Dimension(dimension)
    program, cohorts = _program_and_cohorts(program_code, year_from, year_to)
    if program is None:
        return None
    extra = {
        Dimension.SEX: ("person__sex",),
        Dimension.AGE_BAND: ("person__birth_date", "opened_on"),
        Dimension.COMUNA: ("person__comuna",),
        Dimension.LABOUR_OUTCOME: ("labour_outcome",),
    }[dimension]
    per_case = _members(program, [c["pk"] for c in cohorts], timezone.localdate(), extra=extra)
    withheld = _withheld_cohorts(per_case)
    sex_labels = dict(Sex.choices)
    labour_labels = dict(LabourOutcome.choices)
    cells: dict[str, int] = {label: 0 for label in _category_labels(dimension)}
    total = 0
    for data in per_case.values():
        if not data["counts"] or data["outcome"] not in Outcome.values:
            continue
        if data["cohort"] in withheld:
            continue  # a generation the results table does not publish yet
        total += 1
        if dimension == Dimension.SEX:
            label = sex_labels.get(data["person__sex"], NOT_REPORTED)
        elif dimension == Dimension.AGE_BAND:
            label = _age_band(data["person__birth_date"], data["opened_on"])
        elif dimension == Dimension.COMUNA:
            label = (data["person__comuna"] or "").strip() or NOT_REPORTED
        else:
            label = labour_labels.get(data["labour_outcome"], NOT_REPORTED)
        cells[label] = cells.get(label, 0) + 1
    if dimension == Dimension.COMUNA:
        cells = dict(sorted(cells.items(), key=lambda item: (item[0] == NOT_REPORTED, item[0])))
    threshold = suppression_threshold()
    shown = suppress(cells, threshold)
    return Breakdown(
        dimension=dimension.value,
        title=dimension.label,
        total=total,
        threshold=threshold,
        rows=[BreakdownRow(label, *shown[label]) for label in cells],
    )


# Cache version ------------------------------------------------------------------------------
#
# Pages cache the aggregates above under a key that includes this version; any change to a
# case, its phase history or a generation bumps it (reinsercion/signals.py), so the next
# visitor sees fresh figures.

RESULTS_VERSION_KEY = "reinsercion:results:version"
_results_version = DataVersion(RESULTS_VERSION_KEY)


def results_version() -> int:
    return _results_version.get()


def bump_results_version() -> None:
    _results_version.bump()
