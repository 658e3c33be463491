"""Rules that watch the cases: events per month, the "≥ N accompaniment events every month"
indicator, contact compliance against the minimum frequency, and non-compliance by absences.

Every function takes a queryset of cases and runs a fixed number of queries whatever its size.
"""

import datetime
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce

from dateutil.relativedelta import relativedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from reinsercion.activities.models import (
    FACE_TO_FACE_KINDS,
    ActivityKind,
    ActivityRecord,
    Attendance,
    ContactException,
    NonComplianceReport,
)
from reinsercion.cases.models import Case
from reinsercion.extensions import ContactRequirement, contact_requirements
from reinsercion.programs.models import Program

# Appointments the person is expected at: their absence counts (DOMAIN.md §3 non-compliance).
APPOINTMENT_KINDS = [*FACE_TO_FACE_KINDS, ActivityKind.CONTROL_PHONE]
# Contact compliance looks at this many days back (or the case's life, if shorter).
CONTACT_WINDOW_DAYS = 90


def _plain(cases):
    """The same cases without the joins of ``visible_to`` (they would multiply counts)."""
    return Case.objects.filter(pk__in=cases.values("pk"))


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _aware_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# Events per month ----------------------------------------------------------------------------


def _accompaniment(cases) -> Q:
    """Activities of the kinds each case's program counts as accompaniment
    (``Program.accompaniment_kinds``): administrative actions never count."""
    kinds = Program.objects.filter(pk__in=cases.values("program_id")).values_list(
        "pk", "accompaniment_kinds"
    )
    return reduce(
        operator.or_,
        (Q(case__program_id=pk, kind__in=list(k or [])) for pk, k in kinds),
        Q(pk__in=[]),
    )


def events_per_month(cases, start: datetime.date, end: datetime.date) -> dict[int, Counter]:
    """Accompaniment events per case and calendar month: activities of a kind the program counts
    as accompaniment, which the person attended (the rule of the indicators component).

    Months are those of America/Santiago: a session at 23:30 on the 31st belongs to that
    month, whatever the UTC date. Returns {case_id: Counter({date(y, m, 1): count})}.
    """
    cases = _plain(cases)
    rows = ActivityRecord.objects.filter(
        _accompaniment(cases),
        case__in=cases,
        attendance=Attendance.ATTENDED,
        occurred_at__gte=_aware_midnight(start),
        occurred_at__lt=_aware_midnight(end + datetime.timedelta(days=1)),
    ).values_list("case_id", "occurred_at")
    result: dict[int, Counter] = defaultdict(Counter)
    for case_id, occurred_at in rows:
        result[case_id][_month_start(_local_date(occurred_at))] += 1
    return result


def complete_months(opened_on: datetime.date, today: datetime.date, closed_on=None):
    """Calendar months the case was open for from the first to the last day."""
    first = _month_start(opened_on)
    if opened_on.day != 1:
        first += relativedelta(months=1)
    end = today if closed_on is None else min(today, closed_on + datetime.timedelta(days=1))
    last = _month_start(end) - relativedelta(months=1)  # the month before ``end``'s month
    months = []
    month = first
    while month <= last:
        months.append(month)
        month += relativedelta(months=1)
    return months


@dataclass
class MonthlyEvents:
    case_id: int
    minimum: int | None
    months: list[tuple[datetime.date, int]] = field(default_factory=list)

    @property
    def evaluated(self) -> bool:
        return bool(self.minimum) and bool(self.months)

    @property
    def months_met(self) -> int:
        return sum(1 for _, count in self.months if count >= (self.minimum or 0))

    @property
    def meets(self) -> bool | None:
        """True if every complete month had at least N events; None if nothing to judge."""
        if not self.evaluated:
            return None
        return self.months_met == len(self.months)


def monthly_events_indicator(
    cases, today: datetime.date | None = None, *, counts: dict[int, Counter] | None = None
) -> dict[int, MonthlyEvents]:
    """The indicator "≥ N accompaniment events every month", N = ``Program.min_monthly_events``,
    per case, over the complete calendar months each case has been open. ``counts`` are the
    cases' ``events_per_month`` from their opening on, when the caller has them already."""
    today = today or timezone.localdate()
    cases = _plain(cases)
    rows = list(
        cases.order_by().values_list("pk", "opened_on", "closed_on", "program__min_monthly_events")
    )
    if not rows:
        return {}
    if counts is None:
        start = min(opened_on for _, opened_on, _, _ in rows)
        counts = events_per_month(cases, start, today)
    result = {}
    for pk, opened_on, closed_on, minimum in rows:
        months = complete_months(opened_on, today, closed_on)
        result[pk] = MonthlyEvents(
            case_id=pk, minimum=minimum, months=[(m, counts[pk][m]) for m in months]
        )
    return result


@dataclass
class ProgramIndicator:
    minimum: int | None
    evaluated: int
    meeting: int

    @property
    def share(self) -> float | None:
        if not self.evaluated:
            return None
        return round(100 * self.meeting / self.evaluated, 1)


def program_indicator(cases, today=None) -> ProgramIndicator:
    """Share of the program's cases with ≥ N events in every complete month."""
    per_case = monthly_events_indicator(cases, today)
    judged = [m for m in per_case.values() if m.evaluated]
    minimum = next((m.minimum for m in per_case.values() if m.minimum), None)
    return ProgramIndicator(
        minimum=minimum, evaluated=len(judged), meeting=sum(1 for m in judged if m.meets)
    )


# Contact compliance --------------------------------------------------------------------------


@dataclass
class ContactStatus:
    requirement: ContactRequirement
    last_contact: datetime.date | None
    days_without_contact: int
    contacts_in_window: int
    expected_in_window: int
    window_days: int
    # The approved exception in force, whose frequency replaced the minimum.
    exception: ContactException | None = None

    @property
    def is_quiet(self) -> bool:
        """No face-to-face contact for longer than the minimum frequency allows."""
        return self.days_without_contact > self.requirement.interval_days

    @property
    def complies(self) -> bool:
        return not self.is_quiet and self.contacts_in_window >= self.expected_in_window


def _with_exceptions(cases, requirements, today) -> dict[int, ContactException]:
    """Replace the requirement of the cases with an approved exception in force (one query);
    returns the exceptions by case."""
    exceptions = {}
    for exception in (
        ContactException.objects.in_force(today)
        .filter(case__in=cases.values("pk"))
        .order_by("case_id", "-starts_on", "-pk")
    ):
        if exception.case_id in exceptions or exception.case_id not in requirements:
            continue
        exceptions[exception.case_id] = exception
        usual = requirements[exception.case_id]
        requirements[exception.case_id] = ContactRequirement(
            interval_days=exception.interval_days,
            label=f"Cada {exception.interval_days} días (excepción)",
            rule=(
                f"Excepción aprobada por supervisión: {exception.get_kind_display()} "
                f"(mínimo sin excepción: {usual.label.lower()}, {usual.rule})"
            ),
            intervention=usual.intervention,
            visit_interval_days=usual.visit_interval_days,
        )
    return exceptions


def contact_compliance(cases, today: datetime.date | None = None) -> dict[int, ContactStatus]:
    """Face-to-face contacts each case actually had against the minimum frequency set by its
    plan or latest assessment (``extensions.contact_requirements``), or against the frequency
    of an exception supervision approved. Cases without a requirement are left out: there is
    nothing to compare them with."""
    today = today or timezone.localdate()
    requirements = dict(contact_requirements(cases))
    if not requirements:
        return {}
    exceptions = _with_exceptions(cases, requirements, today)
    window_start = today - datetime.timedelta(days=CONTACT_WINDOW_DAYS)
    face_to_face = Q(
        activity_records__attendance=Attendance.ATTENDED,
        activity_records__kind__in=FACE_TO_FACE_KINDS,
        activity_records__occurred_at__lt=_aware_midnight(today + datetime.timedelta(days=1)),
    )
    rows = (
        _plain(cases)
        .order_by()
        .values("pk", "opened_on")
        .annotate(
            last=Max("activity_records__occurred_at", filter=face_to_face),
            in_window=Count(
                "activity_records",
                filter=face_to_face
                & Q(activity_records__occurred_at__gte=_aware_midnight(window_start)),
            ),
        )
    )
    result = {}
    for row in rows:
        requirement = requirements.get(row["pk"])
        if requirement is None:
            continue
        last = _local_date(row["last"]) if row["last"] else None
        since = last or row["opened_on"]
        window = max(0, min(CONTACT_WINDOW_DAYS, (today - row["opened_on"]).days))
        result[row["pk"]] = ContactStatus(
            requirement=requirement,
            last_contact=last,
            days_without_contact=max(0, (today - since).days),
            contacts_in_window=row["in_window"],
            expected_in_window=window // requirement.interval_days,
            window_days=window,
            exception=exceptions.get(row["pk"]),
        )
    return result


def quiet_cases(cases, today=None) -> dict[int, ContactStatus]:
    """Cases that have gone quiet: no face-to-face contact for longer than their minimum."""
    return {pk: s for pk, s in contact_compliance(cases, today).items() if s.is_quiet}


# Non-compliance ------------------------------------------------------------------------------


@dataclass
class NonComplianceAlert:
    """Two or more consecutive unjustified absences not yet reported to the court."""

    case_id: int
    absences: list[ActivityRecord]

    @property
    def last_absence_on(self) -> datetime.date:
        return _local_date(self.absences[-1].occurred_at)


def _absence_runs(records: list[ActivityRecord]) -> list[list[ActivityRecord]]:
    """Runs of ≥ 2 consecutive unjustified absences, in chronological order. An attended or
    a justified absence between two unjustified absences breaks the run."""
    runs, current = [], []
    for record in records:
        if record.attendance == Attendance.ABSENT_UNJUSTIFIED:
            current.append(record)
        else:
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def noncompliance_alerts(cases, today=None) -> dict[int, NonComplianceAlert]:
    """The latest unreported run of ≥ 2 consecutive unjustified absences, per case.

    LV norms §5.4.2: "Dos o más inasistencias seguidas injustificadas" are non-compliance; a
    missed phone control is one only where ``Program.phone_control_counts_as_absence``; a
    run counts as reported once an annex J report dated on or after its last absence exists.
    """
    today = today or timezone.localdate()
    records = (
        ActivityRecord.objects.filter(
            case__in=cases,
            kind__in=APPOINTMENT_KINDS,
            occurred_at__lt=_aware_midnight(today + datetime.timedelta(days=1)),
        )
        .exclude(attendance=Attendance.SCHEDULED)
        # Phone controls count only where the program says so (LV norms: they do not).
        .exclude(
            kind=ActivityKind.CONTROL_PHONE,
            case__program__phone_control_counts_as_absence=False,
        )
    )
    by_case: dict[int, list] = defaultdict(list)
    for record in records.order_by("case_id", "occurred_at", "pk"):
        by_case[record.case_id].append(record)
    reported = dict(
        NonComplianceReport.objects.filter(case__in=cases)
        .order_by()
        .values("case_id")
        .annotate(last=Max("report_date"))
        .values_list("case_id", "last")
    )
    alerts = {}
    for case_id, case_records in by_case.items():
        runs = _absence_runs(case_records)
        if not runs:
            continue
        alert = NonComplianceAlert(case_id=case_id, absences=runs[-1])
        last_report = reported.get(case_id)
        if last_report is None or last_report < alert.last_absence_on:
            alerts[case_id] = alert
    return alerts


# Timeliness of the records ---------------------------------------------------------------------


def late_records_by_program(cases, since: datetime.date) -> dict[int, tuple[int, int]]:
    """{program_id: (late, total)} of the records entered since ``since`` (48-hour rule)."""
    rows = (
        ActivityRecord.objects.filter(case__in=cases, recorded_at__gte=_aware_midnight(since))
        .exclude(attendance=Attendance.SCHEDULED)
        .order_by()
        .values("case__program_id")
        .annotate(total=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
    )
    return {row["case__program_id"]: (row["late"], row["total"]) for row in rows}
