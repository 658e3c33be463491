"""The agenda: everything due and overdue on a set of cases.

Items come from every source registered with ``extensions.register_agenda_source`` — this
module registers its own rules (court reports, follow-up contacts, field visits, session
records, exit) and other apps register theirs (plan deadlines, referral answers…). Each source
runs a fixed number of queries whatever the number of cases, so the agenda does too.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from .extensions import AgendaItem, agenda_sources, contact_requirements
from .models import ActivityRecord, Case, CourtReport, FollowUpContact
from .models.activities import FIELD_VISIT_KINDS, Attendance

# Items appear on the agenda this many days before they are due.
AGENDA_HORIZON_DAYS = 14
# Sources look this far ahead (the calendar feed shows the coming weeks too).
SOURCE_HORIZON_DAYS = 90

OVERDUE = "overdue"
DUE = "due"


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    status: str  # OVERDUE or DUE
    case: Case

    @property
    def is_overdue(self) -> bool:
        return self.status == OVERDUE

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.item.due_on).days

    @property
    def days_left(self) -> int:
        return (self.item.due_on - timezone.localdate()).days


def status_of(
    due_on: datetime.date, today: datetime.date, horizon_days: int = AGENDA_HORIZON_DAYS
) -> str | None:
    """Overdue after its day; due from ``horizon_days`` before it until the day itself; None
    while still further away."""
    if due_on < today:
        return OVERDUE
    if due_on <= today + datetime.timedelta(days=horizon_days):
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
            if status_of(item.due_on, today, horizon_days):
                items.append(item)
    # Only cases of ``cases``: a source that returned others would leak them.
    case_map = (
        Case.objects.filter(pk__in={i.case_id for i in items})
        .filter(pk__in=cases.values("pk"))
        .select_related("person", "program")
    )
    case_map = {c.pk: c for c in case_map.prefetch_related("professionals")}
    rows = [
        AgendaRow(item=i, status=status_of(i.due_on, today, horizon_days), case=case_map[i.case_id])
        for i in items
        if i.case_id in case_map
    ]
    rows.sort(key=lambda r: (r.item.due_on, r.case.person.last_names, r.item.kind))
    return rows


def my_cases(user):
    return Case.objects.visible_to(user).filter(professionals=user)


# This module's own rules ----------------------------------------------------------------------


def _open_plain(cases):
    return Case.objects.filter(pk__in=cases.values("pk"))


def court_report_items(cases, today):
    """Court follow-up reports (LV norms §5.4.1): monthly with a drug-treatment condition,
    otherwise every ``Program.court_report_months``, counted from the start of the sentence."""
    horizon = today + datetime.timedelta(days=SOURCE_HORIZON_DAYS)
    rows = (
        _open_plain(cases)
        .filter(sentence_starts_on__isnull=False)
        .values_list(
            "pk",
            "sentence_starts_on",
            "sentence_ends_on",
            "drug_treatment_condition",
            "program__court_report_months",
        )
    )
    sent = set(
        CourtReport.objects.filter(case__in=cases).values_list("case_id", "due_on").order_by()
    )
    items = []
    for pk, starts_on, ends_on, drugs, every in rows:
        months = 1 if drugs else every
        if not months:
            continue
        label = "mensual" if months == 1 else f"cada {months} meses"
        number = 1
        while True:
            due_on = starts_on + relativedelta(months=months * number)
            if due_on > horizon or (ends_on and due_on >= ends_on):
                break
            if (pk, due_on) not in sent:
                url = reverse("team:court_report_create", args=[pk])
                items.append(
                    AgendaItem(
                        due_on=due_on,
                        kind="court_report",
                        kind_label="Informe al tribunal",
                        title=f"Informe de seguimiento n.º {number} ({label})",
                        case_id=pk,
                        url=f"{url}?{urlencode({'vence': due_on.isoformat()})}",
                    )
                )
            number += 1
    return items


def follow_up_items(cases, today):
    contacts = (
        FollowUpContact.objects.filter(case__in=cases, record__isnull=True)
        .filter(due_on__lte=today + datetime.timedelta(days=SOURCE_HORIZON_DAYS))
        .values_list("pk", "case_id", "number", "due_on")
        .order_by()
    )
    return [
        AgendaItem(
            due_on=due_on,
            kind="follow_up_contact",
            kind_label="Contacto de seguimiento",
            title=f"Contacto de seguimiento n.º {number}",
            case_id=case_id,
            url=reverse("team:follow_up_record", args=[case_id, pk]),
        )
        for pk, case_id, number, due_on in contacts
    ]


def field_visit_items(cases, today):
    """Field visits at least every ``visit_interval_days`` of the case's contact requirement,
    counted from the last attended field or home visit (or from intake)."""
    requirements = {pk: r for pk, r in contact_requirements(cases).items() if r.visit_interval_days}
    if not requirements:
        return []
    rows = (
        _open_plain(cases)
        .values("pk", "opened_on")
        .annotate(
            last=Max(
                "activity_records__occurred_at",
                filter=_q_attended_kinds(FIELD_VISIT_KINDS),
            )
        )
        .order_by()
    )
    items = []
    for row in rows:
        requirement = requirements.get(row["pk"])
        if requirement is None:
            continue
        since = timezone.localtime(row["last"]).date() if row["last"] else row["opened_on"]
        url = reverse("team:activity_create", args=[row["pk"]])
        items.append(
            AgendaItem(
                due_on=since + datetime.timedelta(days=requirement.visit_interval_days),
                kind="field_visit",
                kind_label="Visita en terreno",
                title=f"Visita en terreno (mínimo cada {requirement.visit_interval_days} días)",
                case_id=row["pk"],
                url=f"{url}?tipo=control_field",
            )
        )
    return items


def _q_attended_kinds(kinds):
    return Q(
        activity_records__attendance=Attendance.ATTENDED,
        activity_records__kind__in=kinds,
    )


def session_record_items(cases, today):
    """Scheduled sessions whose outcome is not recorded: due 48 hours after they end."""
    records = ActivityRecord.objects.filter(
        case__in=cases, attendance=Attendance.SCHEDULED
    ).order_by()
    items = []
    for record in records:
        local = timezone.localtime(record.occurred_at)
        items.append(
            AgendaItem(
                due_on=timezone.localtime(record.record_due_at).date(),
                kind="session_record",
                kind_label="Registro de sesión (48 h)",
                title=f"Registrar {record.get_kind_display().lower()} del {local:%d-%m-%Y %H:%M}",
                case_id=record.case_id,
                url=record.get_absolute_url(),
            )
        )
    return items


def exit_items(cases, today):
    """The exit is recorded at most 24 hours after the sentence ends (DOMAIN.md §3)."""
    rows = (
        _open_plain(cases)
        .filter(sentence_ends_on__isnull=False)
        .values_list("pk", "sentence_ends_on")
        .order_by()
    )
    return [
        AgendaItem(
            due_on=ends_on + datetime.timedelta(days=1),
            kind="exit_record",
            kind_label="Registro de egreso",
            title=f"Registrar el egreso: la condena termina el {ends_on:%d-%m-%Y}",
            case_id=pk,
            url=reverse("team:case_move", args=[pk]),
        )
        for pk, ends_on in rows
    ]


OWN_SOURCES = {
    "court_reports": court_report_items,
    "follow_up_contacts": follow_up_items,
    "field_visits": field_visit_items,
    "session_records": session_record_items,
    "exit_records": exit_items,
}


# Who sees which cases ---------------------------------------------------------------------------


def team_cases(user):
    """Cases of the programs the user coordinates, supervises or directs."""
    from .choices import Role
    from .permissions import programs_with_role

    programs = programs_with_role(user, Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION)
    return Case.objects.visible_to(user).filter(program__in=programs)


# Outside the platform (calendar feed, e-mail) --------------------------------------------------


def initials(person) -> str:
    """Calendars and e-mail leave the platform: they show initials, never full names."""
    words = f"{person.first_names} {person.last_names}".split()
    return ".".join(w[0].upper() for w in words if w) + "."


def external_label(row: AgendaRow) -> str:
    return f"{row.item.kind_label} · caso {row.case.pk} ({initials(row.case.person)})"


def absolute(url: str) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL.rstrip('/')}{url}"


def build_calendar(user, today: datetime.date | None = None) -> bytes:
    """The user's agenda as iCalendar: one all-day event per item; overdue items sit on today
    so they stay in sight until done."""
    import hashlib

    from icalendar import Calendar, Event

    today = today or timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Reinsercion//Agenda//ES")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Agenda de casos")
    calendar.add("x-wr-timezone", "America/Santiago")
    stamp = timezone.now()
    for row in collect(my_cases(user), today, horizon_days=SOURCE_HORIZON_DAYS):
        item = row.item
        key = f"{item.kind}|{item.case_id}|{item.due_on}|{item.title}"
        event = Event()
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@reinsercion")
        event.add("dtstamp", stamp)
        day = today if row.is_overdue else item.due_on
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        prefix = f"VENCIDO ({item.due_on:%d-%m-%Y}) · " if row.is_overdue else ""
        event.add("summary", prefix + external_label(row))
        event.add(
            "description", f"{item.title}\n{absolute(item.url or row.case.get_absolute_url())}"
        )
        if item.url:
            event.add("url", absolute(item.url))
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


@dataclass(frozen=True)
class PendingWorkshop:
    """A workshop session held without its attendance taken (the 48-hour rule applies)."""

    session: object
    due_on: datetime.date

    @property
    def is_overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def pending_workshops(programs, now=None) -> list[PendingWorkshop]:
    """Workshop sessions of ``programs`` already held whose attendance is not taken yet.

    Attendance belongs to a whole generation rather than to one case, so these are listed
    next to the agenda's case items."""
    from .models import WorkshopSession
    from .models.activities import LATE_RECORD_HOURS

    now = now or timezone.now()
    sessions = (
        WorkshopSession.objects.filter(
            series__cohort__program__in=programs,
            attendance_taken_at__isnull=True,
            starts_at__lt=now,
        )
        .select_related("series__cohort__program")
        .order_by("starts_at")
    )
    return [
        PendingWorkshop(
            session=s,
            due_on=timezone.localtime(
                s.starts_at
                + datetime.timedelta(minutes=s.duration_minutes, hours=LATE_RECORD_HOURS)
            ).date(),
        )
        for s in sessions
    ]
