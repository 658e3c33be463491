"""Computed indicators, stored per program, period and day.

At national scale (60,000 cases of one program, millions of sessions) assembling a program's
report takes tens of seconds, far beyond a page's budget. So a report is computed once and
stored (``IndicatorSnapshot``); pages, exports and the PDF read it while it is younger than
``INDICATORS_MAX_AGE_MINUTES``, and say when it was computed.

- A small program (up to ``INDICATORS_INLINE_MAX_CASES`` cases) is computed inside the request
  when no fresh snapshot exists: a municipal team sees its figures at most a few minutes old.
- A large one is computed by the task worker (``compute_snapshot``); until it is done the page
  says so and reloads. ``manage.py refresh_indicators`` (nightly, after ``refresh_agenda``)
  computes the usual periods of every active program beforehand, so a director rarely waits.
"""

import datetime
import pickle
from dataclasses import dataclass

from django_tasks import task

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from reinsercion.cases.models import Case
from reinsercion.indicators import report
from reinsercion.indicators.models import IndicatorSnapshot
from reinsercion.indicators.periods import Period, PeriodKind
from reinsercion.programs.models import Program


@dataclass
class Reading:
    """What a page gets: the report, or None while the worker computes it."""

    report: report.ProgramReport | None
    computed_at: datetime.datetime | None

    @property
    def pending(self) -> bool:
        return self.report is None

    @property
    def key(self) -> str:
        """Names this computation of the report (for caching what is rendered from it)."""
        if self.report is None:
            return ""
        r, at = self.report, self.computed_at.timestamp()
        return f"{r.program.pk}:{r.period.kind}:{r.period.slug}:{r.today}:{at}"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.INDICATORS_MAX_AGE_MINUTES)


def _key(program, period: Period, today: datetime.date) -> dict:
    return dict(
        program=program,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        as_of=today,
    )


def stored(program, period: Period, today: datetime.date) -> bool:
    return IndicatorSnapshot.objects.filter(
        **_key(program, period, today), computed_at__isnull=False
    ).exists()


def computes_inline(program) -> bool:
    return Case.objects.filter(program=program).count() <= settings.INDICATORS_INLINE_MAX_CASES


def compute(program, period: Period, today: datetime.date) -> IndicatorSnapshot:
    """Assemble the report now and store it (replacing an older one of the same day)."""
    built = report.build(program, period, today)
    # The lists of cases below a threshold can run to tens of thousands at national scale:
    # the page and its downloads keep the first ones, and say how many there are.
    limit = settings.INDICATORS_LIST_LIMIT
    built.events.below = built.events.below[:limit]
    built.contact.below = built.contact.below[:limit]
    payload = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    snapshot, _ = IndicatorSnapshot.objects.update_or_create(
        **_key(program, period, today),
        defaults={"payload": payload, "computed_at": timezone.now()},
    )
    snapshot.report = built
    return snapshot


def read(program, period: Period, today: datetime.date) -> Reading:
    """The program's report for ``period`` as of ``today``: stored if fresh, else computed
    here (small programs) or queued for the worker (large ones). One query when stored."""
    snapshot = IndicatorSnapshot.objects.filter(**_key(program, period, today)).first()
    fresh = (
        snapshot is not None
        and snapshot.computed_at is not None
        and timezone.now() - snapshot.computed_at <= max_age()
    )
    if fresh:
        return Reading(pickle.loads(snapshot.payload), snapshot.computed_at)  # noqa: S301
    if computes_inline(program):
        computed = compute(program, period, today)
        return Reading(computed.report, computed.computed_at)
    _queue(program, period, today, snapshot)
    if snapshot is not None and snapshot.payload:
        # A stale report is better than none while the new one is computed; the page says
        # when it was computed.
        return Reading(pickle.loads(snapshot.payload), snapshot.computed_at)  # noqa: S301
    return Reading(None, None)


def _queue(program, period: Period, today: datetime.date, snapshot) -> None:
    """Ask the worker for the report once: a request marks the snapshot row as requested."""
    stale_request = timezone.now() - max_age()
    if snapshot is not None and snapshot.requested_at > stale_request:
        return  # already queued recently
    try:
        with transaction.atomic():
            if snapshot is None:
                IndicatorSnapshot.objects.create(**_key(program, period, today))
            else:
                IndicatorSnapshot.objects.filter(pk=snapshot.pk).update(requested_at=timezone.now())
    except IntegrityError:
        return  # another request queued it at the same moment
    transaction.on_commit(
        lambda: compute_snapshot.enqueue(
            program.pk,
            period.kind,
            period.start.isoformat(),
            period.end.isoformat(),
            today.isoformat(),
        )
    )


def usual_periods(today: datetime.date) -> list[Period]:
    """What a director opens: this year (the default), this quarter and this month, and the
    three before (each page compares with its previous period, computed inside it)."""
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    quarter = (today.month - 1) // 3 + 1
    previous_quarter = Period.quarter(today.year, quarter).previous()
    return [
        Period.year(today.year),
        Period.year(today.year - 1),
        Period.quarter(today.year, quarter),
        previous_quarter,
        Period.month(today.year, today.month),
        Period.month(last_month.year, last_month.month),
    ]


def period_from(kind: str, start: str, end: str) -> Period:
    if kind not in PeriodKind.values:
        raise ValueError(kind)
    return Period(kind, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))


@task()
def compute_snapshot(program_id: int, kind: str, start: str, end: str, today: str) -> str:
    """The worker's side: compute and store one report (queued by ``read``)."""
    program = Program.objects.get(pk=program_id)
    snapshot = compute(program, period_from(kind, start, end), datetime.date.fromisoformat(today))
    return f"{snapshot} · {snapshot.computed_at:%Y-%m-%d %H:%M:%S}"
