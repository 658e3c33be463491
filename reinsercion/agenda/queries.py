"""The agenda: everything due and overdue on a set of cases.

Items come from every source registered with ``extensions.register_agenda_source`` — this
module registers its own rules (court reports, follow-up contacts, field visits, session
records, exit) and other apps register theirs (plan deadlines, referral answers…). Each source
runs a fixed number of queries whatever the number of cases, so the agenda does too.
"""

import datetime
import hashlib
from dataclasses import dataclass

from icalendar import Calendar, Event

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from reinsercion.agenda.models import AgendaCount, AgendaEntry
from reinsercion.cases.models import Case
from reinsercion.extensions import SOURCE_HORIZON_DAYS, AgendaItem, agenda_sources
from reinsercion.programs.choices import Role
from reinsercion.programs.permissions import programs_with_role, roles_by_program

# Items appear on the agenda this many days before they are due.
AGENDA_HORIZON_DAYS = 14

OVERDUE = "overdue"
DUE = "due"

# The agenda's views (``?vista=``): it opens on today.
VIEW_TODAY = "hoy"
VIEW_WEEK = "semana"
VIEW_OVERDUE = "vencidos"
VIEW_MONTH = "30-dias"
VIEWS = {
    VIEW_TODAY: "Hoy",
    VIEW_WEEK: "Esta semana",
    VIEW_OVERDUE: "Vencidos",
    VIEW_MONTH: "Próximos 30 días",
}
# The agenda pages read stored rows this far ahead (the longest view).
VIEW_HORIZON_DAYS = 30
# Overdue items older than this are collapsed into one line per case and kind, so that years
# of missed controls never bury today's work.
COLLAPSE_AFTER_DAYS = 90


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    status: str  # OVERDUE or DUE
    case: "Case | CaseLine"  # a CaseLine on the agenda pages (``rows_of``)

    @property
    def is_overdue(self) -> bool:
        return self.status == OVERDUE

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.item.due_on).days

    @property
    def is_unrecorded(self) -> bool:
        """A timed item (an appointment) whose end has passed without its record."""
        return self.item.ends_at is not None and self.item.ends_at < timezone.now()

    @property
    def days_left(self) -> int:
        return (self.item.due_on - timezone.localdate()).days


def status_of(
    due_on: datetime.date,
    today: datetime.date,
    horizon_days: int = AGENDA_HORIZON_DAYS,
    shown_from: datetime.date | None = None,
) -> str | None:
    """Overdue after its day; due from ``horizon_days`` before it (or from ``shown_from``, for
    an item shown earlier) until the day itself; None while still further away."""
    if due_on < today:
        return OVERDUE
    if due_on <= today + datetime.timedelta(days=horizon_days):
        return DUE
    if shown_from is not None and shown_from <= today:
        return DUE
    return None


def collect(
    cases, today: datetime.date | None = None, horizon_days: int = AGENDA_HORIZON_DAYS
) -> list[AgendaRow]:
    """Agenda rows for ``cases`` (open cases only), by date: overdue ones come first."""
    today = today or timezone.localdate()
    cases = cases.open()
    items = []
    for source in agenda_sources().values():
        for item in source(cases, today):
            if status_of(item.due_on, today, horizon_days, item.shown_from):
                items.append(item)
    # Only cases of ``cases``: a source that returned others would leak them.
    case_map = (
        Case.objects.filter(pk__in={i.case_id for i in items})
        .filter(pk__in=cases.values("pk"))
        .select_related("person", "program")
    )
    case_map = {c.pk: c for c in case_map.prefetch_related("professionals")}
    rows = [
        AgendaRow(
            item=i,
            status=status_of(i.due_on, today, horizon_days, i.shown_from),
            case=case_map[i.case_id],
        )
        for i in items
        if i.case_id in case_map
    ]
    rows.sort(key=lambda r: (r.item.due_on, r.case.person.last_names, r.item.kind))
    return rows


def my_cases(user):
    return Case.objects.visible_to(user).filter(professionals=user)


# Who sees which cases ---------------------------------------------------------------------------


TEAM_ROLES = {Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION}


def team_programs(user):
    return programs_with_role(user, *TEAM_ROLES)


def team_program_ids(user) -> list[int] | None:
    """Ids of the programs of ``team_programs``, from the roles already read this request (no
    query); None for an administrator (every program). A literal list lets the database read
    the stored rows' index directly instead of joining the memberships."""
    if user.is_superuser:
        return None
    return [pk for pk, roles in roles_by_program(user).items() if roles & TEAM_ROLES]


def _in_team_programs(rows, user):
    ids = team_program_ids(user)
    return rows if ids is None else rows.filter(program_id__in=ids)


def team_entries(user, today: datetime.date, horizon_days: int = AGENDA_HORIZON_DAYS):
    """The stored agenda rows of the programs the user coordinates, supervises or directs
    (``AgendaEntry``, kept by ``reinsercion.agenda.actions``): one index range, whatever the
    number of cases."""
    limit = today + datetime.timedelta(days=horizon_days)
    return _in_team_programs(AgendaEntry.objects.filter(due_on__lte=limit), user)


def my_entries(user, today: datetime.date, horizon_days: int = AGENDA_HORIZON_DAYS):
    """The stored agenda rows of the cases assigned to the user (that the user may see)."""
    limit = today + datetime.timedelta(days=horizon_days)
    mine = my_cases(user).values("pk")
    return AgendaEntry.objects.filter(case__in=mine, due_on__lte=limit)


def view_filter(view: str, today: datetime.date) -> Q:
    """The stored rows a view shows: due today, by Sunday, before today, or within 30 days."""
    if view == VIEW_OVERDUE:
        return Q(due_on__lt=today)
    if view == VIEW_WEEK:
        sunday = today + datetime.timedelta(days=6 - today.weekday())
        return Q(due_on__gte=today, due_on__lte=sunday)
    if view == VIEW_MONTH:
        return Q(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=VIEW_HORIZON_DAYS))
    return Q(due_on=today)


def view_counts(values, field: str, today: datetime.date, count: bool = False) -> dict:
    """{(kind, kind_label): {view: n}} over grouped stored rows or stored totals, in one
    query."""
    aggregate = Count if count else Sum
    annotations = {
        key.replace("-", "_"): aggregate(field, filter=view_filter(key, today)) for key in VIEWS
    }
    return {
        (row["kind"], row["kind_label"]): {key: row[key.replace("-", "_")] or 0 for key in VIEWS}
        for row in values.annotate(**annotations)
    }


def collapsed_overdue(entries, today: datetime.date, limit: int = 100):
    """Items overdue for more than ``COLLAPSE_AFTER_DAYS``, one line per case and kind, oldest
    kind first: [{"case": Case, "kind_label", "n", "since"}] (two queries)."""
    cutoff = today - datetime.timedelta(days=COLLAPSE_AFTER_DAYS)
    grouped = list(
        entries.filter(due_on__lt=cutoff)
        .order_by()
        .values("case_id", "kind", "kind_label")
        .annotate(n=Count("pk"), since=Min("due_on"))
        .order_by("kind_label", "since", "case_id")[:limit]
    )
    cases = Case.objects.filter(pk__in={g["case_id"] for g in grouped}).select_related(
        "person", "program"
    )
    cases = {c.pk: c for c in cases}
    return [dict(g, case=cases[g["case_id"]]) for g in grouped if g["case_id"] in cases]


def per_professional(entries, today: datetime.date) -> list[dict]:
    """How many stored rows each professional's cases have in each view (one query); rows of
    a case with two professionals count for both."""
    values = entries.order_by().values(
        "case__professionals",
        "case__professionals__first_name",
        "case__professionals__last_name",
        "case__professionals__username",
    )
    annotations = {
        key.replace("-", "_"): Count("pk", filter=view_filter(key, today)) for key in VIEWS
    }
    result = []
    for row in values.annotate(**annotations):
        pk = row["case__professionals"]
        name = f"{row['case__professionals__first_name']} {row['case__professionals__last_name']}"
        result.append(
            {
                "pk": pk,
                "name": name.strip() or row["case__professionals__username"] or "Sin asignar",
                "counts": {key: row[key.replace("-", "_")] for key in VIEWS},
            }
        )
    result.sort(key=lambda r: (r["pk"] is None, -r["counts"][VIEW_OVERDUE], r["name"]))
    return result


def team_counts(user, today: datetime.date, horizon_days: int = AGENDA_HORIZON_DAYS, program=""):
    """{(kind, kind_label): (total, overdue)} of the team agenda, from the stored totals."""
    limit = today + datetime.timedelta(days=horizon_days)
    counts = _in_team_programs(AgendaCount.objects.filter(due_on__lte=limit), user)
    if program:
        counts = counts.filter(program__code=program)
    return _grouped(counts.order_by().values("kind", "kind_label"), "n", today)


def entry_counts(entries, today: datetime.date):
    """The same figures counted over stored rows (for a filter the totals do not keep, such as
    one professional's cases: a few hundred rows)."""
    return _grouped(entries.order_by().values("kind", "kind_label"), "pk", today, count=True)


def _grouped(values, field, today, count=False):
    if count:
        total, overdue = Count(field), Count(field, filter=Q(due_on__lt=today))
    else:
        total, overdue = Sum(field), Sum(field, filter=Q(due_on__lt=today))
    return {
        (row["kind"], row["kind_label"]): (row["total"] or 0, row["overdue"] or 0)
        for row in values.annotate(total=total, overdue=overdue)
    }


def team_view_counts(user, today: datetime.date, program=""):
    """{(kind, kind_label): {view: n}} of the team agenda, from the stored totals."""
    limit = today + datetime.timedelta(days=VIEW_HORIZON_DAYS)
    counts = _in_team_programs(AgendaCount.objects.filter(due_on__lte=limit), user)
    if program:
        counts = counts.filter(program__code=program)
    return view_counts(counts.order_by().values("kind", "kind_label"), "n", today)


def entry_view_counts(entries, today: datetime.date):
    """The same figures counted over stored rows (one professional's cases: a few hundred)."""
    return view_counts(entries.order_by().values("kind", "kind_label"), "pk", today, count=True)


@dataclass(frozen=True)
class CaseLine:
    """What an agenda page shows of a row's case (rows.html), read as values: a page of 50
    rows then builds no Case, Person, Program or User objects."""

    pk: int
    full_name: str
    program_code: str
    professionals: tuple[str, ...]

    def get_absolute_url(self) -> str:
        return reverse("team:case_detail", args=[self.pk])


def rows_of(entries, today: datetime.date, horizon_days: int = AGENDA_HORIZON_DAYS):
    """Agenda rows for a page of stored entries, each with its ``CaseLine`` (two queries)."""
    entries = list(
        entries.values(
            "case_id",
            "kind",
            "kind_label",
            "title",
            "due_on",
            "url",
            "starts_at",
            "ends_at",
            "uid",
            "case__person__first_names",
            "case__person__last_names",
            "case__program__code",
        )
    )
    names = {}
    assignments = (
        Case.professionals.through.objects.filter(case_id__in={e["case_id"] for e in entries})
        .order_by("user__first_name", "user_id")
        .values_list("case_id", "user__first_name", "user__last_name", "user__username")
    )
    for case_id, first_name, last_name, username in assignments:
        name = f"{first_name} {last_name}".strip() or username
        names.setdefault(case_id, []).append(name)
    rows = []
    for e in entries:
        case_id = e["case_id"]
        full_name = f"{e['case__person__first_names']} {e['case__person__last_names']}".strip()
        rows.append(
            AgendaRow(
                item=AgendaItem(
                    due_on=e["due_on"],
                    kind=e["kind"],
                    kind_label=e["kind_label"],
                    title=e["title"],
                    case_id=case_id,
                    url=e["url"],
                    starts_at=e["starts_at"],
                    ends_at=e["ends_at"],
                    uid=e["uid"],
                ),
                status=status_of(e["due_on"], today, horizon_days),
                case=CaseLine(
                    pk=case_id,
                    full_name=full_name,
                    program_code=e["case__program__code"],
                    professionals=tuple(names.get(case_id, ())),
                ),
            )
        )
    return rows


def team_cases(user):
    """Cases of the programs the user coordinates, supervises or directs."""

    programs = programs_with_role(user, Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION)
    return Case.objects.visible_to(user).filter(program__in=programs)


# Outside the platform (calendar feed, e-mail) --------------------------------------------------


def initials(person) -> str:
    """Calendars and e-mail leave the platform: they show initials, never full names."""
    words = f"{person.first_names} {person.last_names}".split()
    return ".".join(w[0].upper() for w in words if w) + "."


def external_label(row: AgendaRow) -> str:
    return f"{row.item.kind_label} · caso {row.case.pk} ({initials(row.case.person)})"


def absolute(url: str, base_url: str = "") -> str:
    """``url`` on ``base_url`` (the host the user browses on, when known) or on SITE_URL."""
    return f"{(base_url or settings.SITE_URL).rstrip('/')}{url}"


def build_calendar(user, today: datetime.date | None = None, base_url: str = "") -> bytes:
    """The user's agenda as iCalendar. Appointments are timed events, with a key that stays
    the same when one is moved (a cancelled one leaves the feed); other items are all-day
    events on the day they are due. An overdue item stays on its own day, marked «VENCIDO»:
    piled on today, years of overdue items would bury the day (the agenda's overdue view
    lists them)."""

    today = today or timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Reinsercion//Agenda//ES")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Agenda de casos")
    calendar.add("x-wr-timezone", "America/Santiago")
    stamp = timezone.now()
    for row in collect(my_cases(user), today, horizon_days=SOURCE_HORIZON_DAYS):
        item = row.item
        event = Event()
        link = absolute(item.url or row.case.get_absolute_url(), base_url)
        if item.starts_at is not None:
            event.add(
                "uid",
                f"{item.uid or hashlib.sha256(item.title.encode()).hexdigest()[:32]}@reinsercion",
            )
            event.add("dtstart", item.starts_at)
            event.add("dtend", item.ends_at or item.starts_at)
            prefix = "SIN REGISTRAR · " if row.is_unrecorded else ""
        else:
            key = f"{item.kind}|{item.case_id}|{item.due_on}|{item.title}"
            event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@reinsercion")
            day = item.due_on
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            prefix = f"VENCIDO ({item.due_on:%d-%m-%Y}) · " if row.is_overdue else ""
        event.add("dtstamp", stamp)
        event.add("summary", prefix + external_label(row))
        event.add("description", f"{item.title}\n{link}")
        if item.url:
            event.add("url", absolute(item.url, base_url))
        calendar.add_component(event)
    return calendar.to_ical()


def digest_text(rows: list[AgendaRow], today: datetime.date) -> str:
    overdue = [r for r in rows if r.is_overdue]
    due = [r for r in rows if not r.is_overdue]
    lines = []
    for heading, group in (("Vencidos", overdue), ("Próximos", due)):
        if not group:
            continue
        lines.append(f"{heading} ({len(group)}):")
        for row in group:
            lines.append(
                f"- {row.item.due_on:%d-%m-%Y} · {external_label(row)} · {row.item.title}\n"
                f"  {absolute(row.item.url or row.case.get_absolute_url())}"
            )
        lines.append("")
    return "\n".join(lines)
