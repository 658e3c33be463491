"""Keeping the agenda's stored rows (``AgendaEntry``) in step with the case data.

The rules stay where they are (each component's agenda sources, registered in
``reinsercion.extensions``); this module runs them for the cases whose data changed, after the
transaction that changed them commits, and for every open case once a day
(``manage.py refresh_agenda``) for what depends on the date alone. The sources run a fixed
number of queries for any number of cases, so a refresh of a chunk of cases costs the same as
a refresh of one.
"""

import datetime
import threading
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from reinsercion.agenda.models import AgendaCount, AgendaEntry
from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources

# Rows are kept this far ahead of the refresh day: the daily refresh keeps the window moving.
STORED_HORIZON_DAYS = 120
CHUNK = 2000

_pending = threading.local()


def entries_for(cases, today: datetime.date) -> list[AgendaEntry]:
    """What every source says is due on the open cases of ``cases``, as unsaved rows."""
    open_cases = dict(cases.open().values_list("pk", "program_id"))
    if not open_cases:
        return []
    scope = Case.objects.filter(pk__in=list(open_cases))
    limit = today + datetime.timedelta(days=STORED_HORIZON_DAYS)
    rows = []
    for key, source in agenda_sources().items():
        for item in source(scope, today):
            if item.case_id in open_cases and item.due_on <= limit:
                rows.append(
                    AgendaEntry(
                        case_id=item.case_id,
                        program_id=open_cases[item.case_id],
                        source=key,
                        kind=item.kind[:60],
                        kind_label=item.kind_label[:120],
                        title=item.title[:300],
                        due_on=item.due_on,
                        url=item.url[:500],
                        starts_at=item.starts_at,
                        ends_at=item.ends_at,
                        uid=item.uid[:80],
                    )
                )
    return rows


def _tally(rows) -> Counter:
    return Counter((r.program_id, r.kind, r.kind_label, r.due_on) for r in rows)


def _stored_tally(entries) -> Counter:
    grouped = entries.order_by().values("program_id", "kind", "kind_label", "due_on")
    return Counter({(p, k, label, d): n for p, k, label, d, n in _annotated(grouped)})


def _annotated(values):
    return values.annotate(n=Count("pk")).values_list(
        "program_id", "kind", "kind_label", "due_on", "n"
    )


def _add_counts(delta: Counter) -> None:
    """Add ``delta`` to the per-program totals, then drop the totals that reached zero.

    Increases are an upsert that adds (PostgreSQL and SQLite alike); decreases update the
    existing total (a row to insert with a negative figure would break ``n >= 0``)."""
    changes = sorted((key, n) for key, n in delta.items() if n)
    if not changes:
        return
    table = connection.ops.quote_name(AgendaCount._meta.db_table)
    key = "program_id, kind, kind_label, due_on"
    upsert = (
        f"INSERT INTO {table} ({key}, n) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({key}) DO UPDATE SET n = {table}.n + excluded.n"
    )
    decrease = (
        f"UPDATE {table} SET n = n + %s "
        "WHERE program_id = %s AND kind = %s AND kind_label = %s AND due_on = %s"
    )
    with connection.cursor() as cursor:
        increases = [(*k, n) for k, n in changes if n > 0]
        decreases = [(n, *k) for k, n in changes if n < 0]
        if increases:
            cursor.executemany(upsert, increases)
        if decreases:
            cursor.executemany(decrease, decreases)
    AgendaCount.objects.filter(n__lte=0).delete()


@transaction.atomic
def refresh_cases(case_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Rebuild the stored agenda of these cases, and the totals; returns how many rows the
    cases now have."""
    today = today or timezone.localdate()
    ids = sorted(set(case_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = entries_for(Case.objects.filter(pk__in=chunk), today)
        stored = AgendaEntry.objects.filter(case_id__in=chunk)
        before = _stored_tally(stored)
        stored.delete()
        AgendaEntry.objects.bulk_create(rows, batch_size=1000)
        delta = _tally(rows)
        delta.subtract(before)
        _add_counts(delta)
        written += len(rows)
    return written


@transaction.atomic
def refresh_all(today: datetime.date | None = None) -> int:
    """Rebuild the whole stored agenda and its totals (daily, and after a bulk load)."""
    AgendaEntry.objects.exclude(case__in=Case.objects.open()).delete()
    written = refresh_cases(Case.objects.open().values_list("pk", flat=True), today)
    # Start the totals afresh from the rows: a refresh must also mend totals gone wrong.
    AgendaCount.objects.all().delete()
    AgendaCount.objects.bulk_create(
        [
            AgendaCount(program_id=p, kind=k, kind_label=label, due_on=d, n=n)
            for p, k, label, d, n in _annotated(
                AgendaEntry.objects.order_by().values("program_id", "kind", "kind_label", "due_on")
            )
        ],
        batch_size=1000,
    )
    if connection.vendor == "postgresql":
        # The whole table was rewritten: fresh statistics, or the planner reads today's rows
        # as one and joins thousands before sorting (autovacuum would get there, later).
        with connection.cursor() as cursor:
            for model in (AgendaEntry, AgendaCount):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return written


def _flush():
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if ids:
        refresh_cases(ids)


def _scheduled(connection) -> bool:
    return connection.in_atomic_block and any(
        entry[1] is _flush for entry in connection.run_on_commit
    )


def case_changed(case_id: int | None) -> None:
    """Refresh this case's agenda once the current transaction commits (once per case and
    transaction, whatever the number of rows that changed)."""
    if case_id is None:
        return
    connection = transaction.get_connection()
    scheduled = _scheduled(connection)
    if not scheduled:
        _pending.ids = set()
    _pending.ids.add(case_id)
    if not scheduled:
        transaction.on_commit(_flush)
