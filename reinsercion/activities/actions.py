"""State changes for sessions, workshops, follow-up contacts and reports.

Same rules as ``reinsercion.actions``: keyword-only arguments, an explicit ``actor``, the
permission check first, one transaction, every save audited with the actor as author.
"""

import datetime
import secrets

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities.compliance import noncompliance_alerts
from reinsercion.activities.models import (
    LATE_RECORD_HOURS,
    ActivityKind,
    ActivityRecord,
    Appointment,
    Attendance,
    ContactException,
    ContactExceptionStatus,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.notifications.actions import case_reference, notify
from reinsercion.notifications.choices import NotificationKind
from reinsercion.people.collation import spanish_order
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.models import Cohort, User

RECORD_FIELDS = (
    "kind",
    "occurred_at",
    "duration_minutes",
    "ambit",
    "objective",
    "participants",
    "attendance",
    "absence_reason",
    "notes",
)


def _validate_record(record: ActivityRecord, now: datetime.datetime) -> None:
    errors = {}
    if record.occurred_at and record.attendance != Attendance.SCHEDULED:
        if record.occurred_at > now:
            errors["attendance"] = (
                "La sesión aún no ocurre: regístrela como «Programada» y registre la "
                "asistencia después."
            )
    if record.objective_id and record.objective.plan.case_id != record.case_id:
        errors["objective"] = "El objetivo elegido no es de un plan de este caso."
    elif record.objective_id:
        # the objective's words as they were when the activity worked on it
        record.plan_objective = record.objective.objective[:300]
    if record.is_absence and not record.absence_reason.strip():
        errors["absence_reason"] = "Indique el motivo de la inasistencia."
    if not record.is_absence:
        record.absence_reason = ""
    if errors:
        raise ValidationError(errors)
    record.full_clean()


def _mark_recorded(record: ActivityRecord, actor: User, now: datetime.datetime) -> None:
    """Stamp when the outcome of the session was recorded, and whether that was late."""
    if record.attendance == Attendance.SCHEDULED:
        record.recorded_at = None
        record.is_late = False
        return
    record.recorded_at = now
    record.is_late = now > record.record_due_at


@transaction.atomic
def record_activity(
    *, case: Case, actor: User, appointment: Appointment | None = None, **data
) -> ActivityRecord:
    """Record a session or action on a case, or schedule one (attendance «Programada»).

    A record entered more than 48 hours after the session ended is marked late (LV norms §5.1).
    Recording a booked ``appointment`` links the record to it, and the 48 hours count from the
    appointment's end.
    """
    case_permissions.ensure_can_change(case=case, user=actor)
    unknown = set(data) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    if appointment is not None and (
        appointment.case_id != case.pk or appointment.record_id or appointment.is_cancelled
    ):
        raise ValidationError("Esa cita no se puede registrar: ya está registrada o cancelada.")
    now = timezone.now()
    record = ActivityRecord(case=case, recorded_by=actor, **data)
    _validate_record(record, now)
    _mark_recorded(record, actor, now)
    if appointment is not None and record.recorded_at:
        record.is_late = now > appointment.record_due_at
    with set_actor(actor):
        record.save()
        if appointment is not None:
            appointment.record = record
            appointment.save(update_fields=["record"])
    _notify_noncompliance(record, actor)
    return record


def _notify_noncompliance(record: ActivityRecord, actor: User) -> None:
    """An unjustified absence that makes (or lengthens) a run of two or more: the case's
    professionals are told of the non-compliance alert."""
    if record.attendance != Attendance.ABSENT_UNJUSTIFIED:
        return
    case = record.case
    alert = noncompliance_alerts(Case.objects.filter(pk=case.pk)).get(case.pk)
    if alert is None or record.pk not in {r.pk for r in alert.absences}:
        return
    notify(
        recipients=case.professionals.all(),
        kind=NotificationKind.NONCOMPLIANCE,
        reference=f"{case_reference(case)} · {len(alert.absences)} inasistencias seguidas",
        url=reverse("team:noncompliance_create", args=[case.pk]),
        case=case,
        target=f"cases.noncompliance:{case.pk}",
        actor=actor,
    )


# Appointments ------------------------------------------------------------------------------

APPOINTMENT_FIELDS = ("kind", "starts_at", "duration_minutes", "place", "with_whom")


def overlapping_appointments(
    *, case: Case, professional: User, starts_at, duration_minutes: int, exclude_pk=None
):
    """Booked (not cancelled) appointments of the same professional or the same person that
    overlap this time."""
    ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    candidates = (
        Appointment.objects.filter(cancelled_at__isnull=True, workshop_session__isnull=True)
        .filter(Q(professional=professional) | Q(case__person_id=case.person_id))
        .filter(starts_at__lt=ends_at, starts_at__gt=starts_at - datetime.timedelta(days=1))
        .exclude(pk=exclude_pk)
        .select_related("case__person")
    )
    return [a for a in candidates if a.ends_at > starts_at]


def _validate_appointment(appointment: Appointment, confirm_overlap: bool, now) -> None:
    errors = {}
    if appointment.starts_at < now:
        errors["starts_at"] = "La cita no puede quedar en el pasado: elija una fecha y hora futura."
    elif not confirm_overlap:
        others = overlapping_appointments(
            case=appointment.case,
            professional=appointment.professional,
            starts_at=appointment.starts_at,
            duration_minutes=appointment.duration_minutes,
            exclude_pk=appointment.pk,
        )
        if others:
            other = others[0]
            who = (
                "usted (u otra persona del equipo) ya tiene"
                if other.case_id != appointment.case_id
                else "esta persona ya tiene"
            )
            errors["starts_at"] = (
                f"Se superpone con otra cita: {who} «{other.get_kind_display()}» el "
                f"{timezone.localtime(other.starts_at):%d-%m-%Y a las %H:%M}. "
                "Cambie la hora o marque «Agendar aunque se superponga»."
            )
    if errors:
        raise ValidationError(errors)
    appointment.full_clean()


@transaction.atomic
def book_appointment(
    *, case: Case, actor: User, professional: User | None = None, confirm_overlap=False, **data
) -> Appointment:
    """Book an appointment on a case: refused in the past, and when it overlaps another of the
    same professional or the same person unless ``confirm_overlap``."""
    case_permissions.ensure_can_change(case=case, user=actor)
    unknown = set(data) - set(APPOINTMENT_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    appointment = Appointment(
        case=case, professional=professional or actor, recorded_by=actor, **data
    )
    _validate_appointment(appointment, confirm_overlap, timezone.now())
    with set_actor(actor):
        appointment.save()
    return appointment


@transaction.atomic
def move_appointment(
    *, appointment: Appointment, actor: User, confirm_overlap=False, **data
) -> Appointment:
    """Change an appointment not yet recorded (its day, time, place…): the calendar follows."""
    case_permissions.ensure_can_change(case=appointment.case, user=actor)
    if appointment.record_id or appointment.is_cancelled:
        raise ValidationError("Una cita registrada o cancelada ya no se cambia.")
    unknown = set(data) - set(APPOINTMENT_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(appointment, field, value)
    _validate_appointment(appointment, confirm_overlap, timezone.now())
    with set_actor(actor):
        appointment.save()
    return appointment


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, actor: User) -> Appointment:
    """Cancel an appointment not yet recorded: it leaves the agenda and the calendar."""
    case_permissions.ensure_can_change(case=appointment.case, user=actor)
    if appointment.record_id:
        raise ValidationError("Una cita ya registrada no se cancela.")
    if appointment.cancelled_at is None:
        appointment.cancelled_at = timezone.now()
        with set_actor(actor):
            appointment.save(update_fields=["cancelled_at"])
    return appointment


@transaction.atomic
def update_activity(*, record: ActivityRecord, actor: User, **data) -> ActivityRecord:
    """Complete a scheduled session (attendance and notes) or correct a record.

    The late mark is set when the outcome is first recorded and is not undone by later
    corrections.
    """
    case_permissions.ensure_can_change(case=record.case, user=actor)
    unknown = set(data) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    if record.workshop_session_id and {"kind", "occurred_at"} & set(data):
        if data.get("kind", record.kind) != record.kind or (
            data.get("occurred_at", record.occurred_at) != record.occurred_at
        ):
            raise ValidationError(
                "La asistencia a un taller se corrige desde la sesión del taller."
            )
    was_scheduled = record.attendance == Attendance.SCHEDULED
    if not was_scheduled and data.get("attendance") == Attendance.SCHEDULED:
        raise ValidationError(
            {"attendance": "Una sesión ya registrada no puede volver a quedar programada."}
        )
    for field, value in data.items():
        setattr(record, field, value)
    now = timezone.now()
    _validate_record(record, now)
    if was_scheduled:
        _mark_recorded(record, actor, now)
    with set_actor(actor):
        record.save()
    if "attendance" in data:
        _notify_noncompliance(record, actor)
    return record


# Workshops ---------------------------------------------------------------------------------


def can_run_workshops(user, program) -> bool:
    """Coordination and the program's professionals run the generation's workshops."""
    if user.is_superuser:
        return True
    return bool(
        program_permissions.program_roles(user, program) & {Role.COORDINATION, Role.PROFESSIONAL}
    )


def _ensure_can_run_workshops(user, program):
    if not can_run_workshops(user, program):
        raise PermissionDenied("Solo la coordinación y los profesionales del programa.")


@transaction.atomic
def create_workshop_series(
    *, cohort: Cohort, actor: User, title: str, ambit: str, facilitators="", description=""
) -> WorkshopSeries:
    """Open a workshop series for a whole generation."""
    _ensure_can_run_workshops(actor, cohort.program_id)
    series = WorkshopSeries(
        cohort=cohort,
        title=title,
        ambit=ambit,
        facilitators=facilitators,
        description=description,
        created_by=actor,
    )
    series.full_clean()
    with set_actor(actor):
        series.save()
    return series


@transaction.atomic
def schedule_workshop_session(
    *, series: WorkshopSeries, actor: User, starts_at, topic: str, duration_minutes: int = 90
) -> WorkshopSession:
    _ensure_can_run_workshops(actor, series.cohort.program_id)
    session = WorkshopSession(
        series=series, starts_at=starts_at, topic=topic, duration_minutes=duration_minutes
    )
    session.full_clean()
    with set_actor(actor):
        session.save()
        # A session of the generation's workshop is an appointment for each member.
        for case in workshop_roster(session).filter(phase__in=_open_phases(series)):
            Appointment(
                case=case,
                professional=actor,
                recorded_by=actor,
                kind=ActivityKind.WORKSHOP,
                starts_at=starts_at,
                duration_minutes=duration_minutes,
                place=f"Taller «{series.title}»",
                with_whom=series.facilitators,
                workshop_session=session,
            ).save()
    return session


def _open_phases(series):
    program = series.cohort.program
    return [p for p in program.phases if p != program.terminal_phase]


def workshop_roster(session: WorkshopSession):
    """Members expected at a workshop session: the generation's cases still open on that
    day, plus anyone whose attendance was already taken."""
    day = timezone.localtime(session.starts_at).date()
    cohort = session.series.cohort
    closed = cohort.program.terminal_phase
    return (
        Case.objects.filter(cohort=cohort)
        .filter(
            ~Q(phase=closed) | Q(closed_on__gt=day) | Q(activity_records__workshop_session=session)
        )
        .filter(opened_on__lte=day)
        .select_related("person")
        .distinct()
        .order_by(*spanish_order("person__last_names", "person__first_names"))
    )


@transaction.atomic
def take_workshop_attendance(
    *, session: WorkshopSession, actor: User, marks: dict[int, tuple[str, str]], ambit=None
) -> list[ActivityRecord]:
    """Take attendance for the whole roster in one go.

    ``marks`` maps case id → (attendance, absence reason). Each mark becomes (or updates) a
    «Taller grupal» record on the member's case, so it is part of their own record. Reads are
    a fixed number of queries; writes are one insert or update per member plus its audit
    entry (bulk writes would skip the audit trail).
    """
    _ensure_can_run_workshops(actor, session.series.cohort.program_id)
    now = timezone.now()
    if session.starts_at > now:
        raise ValidationError("La sesión aún no ocurre: la asistencia se toma después.")
    roster = {case.pk: case for case in workshop_roster(session)}
    unknown = set(marks) - set(roster)
    if unknown:
        raise ValidationError("Hay personas que no pertenecen a la generación de este taller.")
    errors = {}
    for case_id, (attendance, reason) in marks.items():
        if attendance not in Attendance.values or attendance == Attendance.SCHEDULED:
            errors[case_id] = "Elija si asistió o no."
        elif attendance != Attendance.ATTENDED and not (reason or "").strip():
            errors[case_id] = "Indique el motivo de la inasistencia."
    if errors:
        raise ValidationError(errors)
    existing = {
        r.case_id: r
        for r in ActivityRecord.objects.filter(workshop_session=session, case_id__in=marks)
    }
    late = now > session.starts_at + datetime.timedelta(
        minutes=session.duration_minutes, hours=LATE_RECORD_HOURS
    )
    series = session.series
    saved = []
    with set_actor(actor):
        for case_id, (attendance, reason) in marks.items():
            record = existing.get(case_id)
            if record is None:
                record = ActivityRecord(
                    case_id=case_id,
                    kind=ActivityKind.WORKSHOP,
                    occurred_at=session.starts_at,
                    duration_minutes=session.duration_minutes,
                    ambit=ambit or series.ambit,
                    plan_objective="",
                    participants=series.facilitators,
                    notes=f"{series.title}: {session.topic}",
                    workshop_session=session,
                    recorded_by=actor,
                    recorded_at=now,
                    is_late=late,
                )
            elif record.attendance == attendance and record.absence_reason == (reason or ""):
                saved.append(record)
                continue
            record.attendance = attendance
            record.absence_reason = "" if attendance == Attendance.ATTENDED else reason.strip()
            record.save()
            saved.append(record)
        if session.attendance_taken_at is None:
            session.attendance_taken_at = now
            session.save(update_fields=["attendance_taken_at"])
    return saved


# Follow-up ---------------------------------------------------------------------------------


@transaction.atomic
def schedule_follow_up(*, case: Case, actor: User, starts_on=None) -> list[FollowUpContact]:
    """Schedule the program's monthly follow-up contacts when a case enters *seguimiento*.

    One contact a month for ``Program.follow_up_months`` months (12 for OPV), counted from the
    day the follow-up phase started. Idempotent: a case keeps the contacts it already has.
    """
    case_permissions.ensure_can_change(case=case, user=actor)
    months = case.program.follow_up_months or 0
    if case.follow_up_contacts.exists() or not months:
        return list(case.follow_up_contacts.all())
    if starts_on is None:
        period = case.phase_periods.filter(phase=Phase.FOLLOW_UP).order_by("-started_on").first()
        starts_on = period.started_on if period else timezone.localdate()
    contacts = []
    with set_actor(actor):
        for number in range(1, months + 1):
            contact = FollowUpContact(
                case=case, number=number, due_on=starts_on + relativedelta(months=number)
            )
            contact.save()
            contacts.append(contact)
    return contacts


@transaction.atomic
def record_follow_up_contact(*, contact: FollowUpContact, actor: User, **data) -> FollowUpContact:
    """Record how a scheduled follow-up contact went (as a session on the case)."""
    case_permissions.ensure_can_change(case=contact.case, user=actor)
    if contact.record_id:
        update_activity(record=contact.record, actor=actor, **data)
        return contact
    record = record_activity(case=contact.case, actor=actor, **data)
    contact.record = record
    with set_actor(actor):
        contact.save()
    return contact


# Reports ----------------------------------------------------------------------------------


@transaction.atomic
def record_court_report(
    *, case: Case, actor: User, due_on: datetime.date, sent_on: datetime.date, notes=""
) -> CourtReport:
    """Record that the follow-up report due on ``due_on`` was sent to the court."""
    case_permissions.ensure_can_change(case=case, user=actor)
    errors = {}
    if sent_on > timezone.localdate():
        errors["sent_on"] = "La fecha de envío no puede estar en el futuro."
    if CourtReport.objects.filter(case=case, due_on=due_on).exists():
        errors["due_on"] = f"Ya se registró el informe con vencimiento {due_on:%d-%m-%Y}."
    if errors:
        raise ValidationError(errors)
    report = CourtReport(case=case, due_on=due_on, sent_on=sent_on, notes=notes, recorded_by=actor)
    report.full_clean()
    with set_actor(actor):
        report.save()
    return report


NONCOMPLIANCE_FIELDS = (
    "report_date",
    "risk_level",
    "control_frequency",
    "residence",
    "periodic_contact",
    "work_or_study",
    "new_conviction",
    "other_conditions",
    "other_background",
    "professional_name",
    "supervisor_name",
)


@transaction.atomic
def create_noncompliance_report(
    *, case: Case, actor: User, absences=(), **data
) -> NonComplianceReport:
    """Record an annex J non-compliance report for the court."""
    case_permissions.ensure_can_change(case=case, user=actor)
    unknown = set(data) - set(NONCOMPLIANCE_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    conditions = [
        "residence",
        "periodic_contact",
        "work_or_study",
        "new_conviction",
        "other_conditions",
    ]
    if not any((data.get(name) or "").strip() for name in conditions):
        raise ValidationError({"periodic_contact": "Argumente al menos una condición incumplida."})
    if any(a.case_id != case.pk for a in absences):
        raise ValidationError("Las inasistencias informadas deben ser de este caso.")
    report = NonComplianceReport(case=case, created_by=actor, **data)
    report.full_clean()
    with set_actor(actor):
        report.save()
        report.absences.set(absences)
    return report


# Calendar feed -------------------------------------------------------------------------------


@transaction.atomic
def rotate_calendar_token(*, user: User, actor: User) -> str:
    """Give ``user`` a new private calendar address; the old one stops working."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied("Cada persona administra su propio calendario.")
    user.calendar_token = secrets.token_urlsafe(32)
    with set_actor(actor):
        user.save(update_fields=["calendar_token"])
    return user.calendar_token


@transaction.atomic
def request_contact_exception(
    *,
    case: Case,
    actor: User,
    kind: str,
    interval_days: int,
    reason: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    alternative_supervision: str = "",
) -> ContactException:
    """Ask supervision for an exception to the case's minimum contact (shift work, a remote
    residence, a technical criterion): it applies only once approved."""
    case_permissions.ensure_can_change(case=case, user=actor)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Fundamente la excepción."
    if not interval_days or interval_days < 1:
        errors["interval_days"] = "Indique cada cuántos días habrá contacto cara a cara."
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = "La fecha de término no puede ser anterior a la de inicio."
    if errors:
        raise ValidationError(errors)
    exception = ContactException(
        case=case,
        kind=kind,
        interval_days=interval_days,
        reason=reason.strip(),
        alternative_supervision=alternative_supervision.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    exception.full_clean()
    with set_actor(actor):
        exception.save()
    return exception


@transaction.atomic
def decide_contact_exception(
    *, exception: ContactException, actor: User, approve: bool, note: str = ""
) -> ContactException:
    """Supervision of the program approves or rejects a pending exception (never the person
    who asked for it); a rejection says why."""
    program = exception.case.program
    if exception.created_by_id == actor.pk or not program_permissions.can_supervise(actor, program):
        raise PermissionDenied("Solo la supervisión del programa resuelve esta excepción.")
    if exception.status != ContactExceptionStatus.PENDING:
        raise ValidationError("Esta excepción ya fue resuelta.")
    if not approve and not note.strip():
        raise ValidationError({"note": "Indique por qué se rechaza."})
    exception.status = (
        ContactExceptionStatus.APPROVED if approve else ContactExceptionStatus.REJECTED
    )
    exception.decided_by = actor
    exception.decided_on = timezone.localdate()
    exception.decision_note = note.strip()
    with set_actor(actor):
        exception.save()
    return exception
