"""Reads of sessions, workshops, follow-up and court reports: their agenda rules (registered
with ``extensions.register_agenda_source``) and their entries on the case timeline."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities.models import (
    FIELD_VISIT_KINDS,
    LATE_RECORD_HOURS,
    ActivityRecord,
    Appointment,
    Attendance,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSession,
    pending_appointments,
)
from reinsercion.cases.models import Case
from reinsercion.extensions import (
    SOURCE_HORIZON_DAYS,
    AgendaItem,
    TimelineEntry,
    contact_requirements,
)
from reinsercion.programs.choices import REGIME_REPORT_MONTHS, Phase

# Agenda rules of sessions, follow-up and court reports --------------------------------------


def _open_plain(cases):
    return Case.objects.filter(pk__in=cases.values("pk"))


def court_report_items(cases, today):
    """Court follow-up reports (LV norms §5.4.1): monthly with a drug-treatment condition,
    otherwise every ``Program.report_interval_months`` (the program's own figure or its LV/LVI
    regime's), counted from the start of the sentence."""
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
            "program__supervision_regime",
        )
    )
    sent = set(
        CourtReport.objects.filter(case__in=cases).values_list("case_id", "due_on").order_by()
    )
    items = []
    for pk, starts_on, ends_on, drugs, every, regime in rows:
        months = 1 if drugs else (every or REGIME_REPORT_MONTHS.get(regime))
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
    counted from the last attended field or home visit (or from intake). None while the person
    is inside the prison (intra-penitentiary phase): there is no home to visit, and the
    program's own contact rules for that phase apply (OPV: the generation's workshops)."""
    requirements = {pk: r for pk, r in contact_requirements(cases).items() if r.visit_interval_days}
    if not requirements:
        return []
    rows = (
        _open_plain(cases)
        .exclude(phase=Phase.INTRA_PENITENTIARY)
        .values("pk", "opened_on")
        .annotate(
            last=Max(
                "activity_records__occurred_at",
                filter=_q_attended_kinds(FIELD_VISIT_KINDS),
            ),
            released=Max(
                "phase_periods__started_on",
                filter=Q(phase_periods__phase=Phase.EXTRA_PENITENTIARY),
            ),
        )
        .order_by()
    )
    items = []
    for row in rows:
        requirement = requirements.get(row["pk"])
        if requirement is None:
            continue
        # Counted from the last visit, or from release (or intake) when later.
        starts = [row["opened_on"], row["released"]]
        if row["last"]:
            starts.append(timezone.localtime(row["last"]).date())
        since = max(d for d in starts if d)
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


def appointment_items(cases, today):
    """Booked appointments not yet recorded nor cancelled, on their day and at their time;
    their link records the session (a workshop's: its attendance)."""
    horizon = today + datetime.timedelta(days=SOURCE_HORIZON_DAYS)
    appointments = Appointment.objects.filter(pending_appointments(), case__in=cases).order_by()
    items = []
    for appointment in appointments:
        local = timezone.localtime(appointment.starts_at)
        if local.date() > horizon:
            continue
        if appointment.workshop_session_id:
            url = reverse("team:workshop_attendance", args=[appointment.workshop_session_id])
        else:
            url = appointment.get_record_url()
        items.append(
            AgendaItem(
                due_on=local.date(),
                kind="appointment",
                kind_label="Cita",
                title=f"{appointment.get_kind_display()} a las {local:%H:%M} · {appointment.place}",
                case_id=appointment.case_id,
                url=url,
                starts_at=appointment.starts_at,
                ends_at=appointment.ends_at,
                uid=f"appointment-{appointment.pk}",
            )
        )
    return items


OWN_SOURCES = {
    "appointments": appointment_items,
    "court_reports": court_report_items,
    "follow_up_contacts": follow_up_items,
    "field_visits": field_visit_items,
    "session_records": session_record_items,
    "exit_records": exit_items,
}


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


def activity_timeline(case) -> list[TimelineEntry]:
    """Sessions, court reports and non-compliance reports of a case, for its timeline."""

    entries = []
    for record in case.activity_records.select_related("recorded_by", "workshop_session"):
        state = record.get_attendance_display()
        if record.is_absence and record.absence_reason:
            state = f"{state}: {record.absence_reason}"
        detail = [state]
        if record.duration_minutes:
            detail.append(f"{record.duration_minutes} min")
        if record.plan_objective:
            detail.append(f"Objetivo: {record.plan_objective}")
        if record.is_late:
            detail.append("registro atrasado (más de 48 horas)")
        if record.notes:
            detail.append(record.notes)
        title = record.get_kind_display()
        if record.attendance == Attendance.SCHEDULED:
            title = f"{title} (programada)"
        entries.append(
            TimelineEntry(
                when=record.occurred_at,
                kind=f"activity:{record.kind}",
                kind_label=record.get_kind_display(),
                title=title,
                detail=" · ".join(detail),
                ambit=record.ambit,
                url=record.get_absolute_url(),
            )
        )
    for report in CourtReport.objects.filter(case=case):
        entries.append(
            TimelineEntry(
                when=report.sent_on,
                kind="court_report",
                kind_label="Informe al tribunal",
                title=f"Informe de seguimiento enviado (vencía el {report.due_on:%d-%m-%Y})",
                detail=report.notes,
            )
        )
    for report in NonComplianceReport.objects.filter(case=case):
        entries.append(
            TimelineEntry(
                when=report.report_date,
                kind="noncompliance_report",
                kind_label="Informe de incumplimiento",
                title="Informe de incumplimiento (anexo J)",
                detail=report.periodic_contact[:200],
                url=report.get_absolute_url(),
            )
        )
    return entries
