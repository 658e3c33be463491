"""Reads: the waiting list with positions and expected dates, a program's figures, and what
cupos plugs into the case module's agenda and timeline."""

import datetime
import heapq
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.extensions import AgendaItem, TimelineEntry

from .actions import report_period
from .choices import ReportKind, RequestStatus
from .models import InterventionProgram, ProgressReport, SlotRequest, SlotRequestEvent
from .workflow import HOLDS_SLOT

S = RequestStatus
# A monthly report (annex E) is due this many days after the month it covers.
REPORT_GRACE_DAYS = 5


@dataclass(frozen=True)
class WaitingRow:
    position: int
    request: SlotRequest
    expected_on: datetime.date


def _slot_ends(program: InterventionProgram, holders, today) -> list[datetime.date]:
    """When each slot frees: the expected end of whoever holds it, today for a free one."""
    ends = []
    for request in holders:
        start = request.started_on or request.start_on or today
        ends.append(max(start + program.duration, today))
    ends.extend([today] * max(program.slots - len(ends), 0))
    return ends


def waiting_list(program: InterventionProgram, today=None) -> list[WaitingRow]:
    """The program's waiting list in order, each with the date a slot may be expected: each
    slot frees when its holder's program ends (start + duration) and goes to the next in
    the list, who holds it for the program's duration."""
    today = today or timezone.localdate()
    holders = program.requests.filter(status__in=HOLDS_SLOT)
    ends = _slot_ends(program, holders, today)
    heapq.heapify(ends)
    rows = []
    waiting = program.requests.waiting_list().select_related("case__person", "objective")
    for position, request in enumerate(waiting, start=1):
        free_on = heapq.heappop(ends)
        rows.append(WaitingRow(position, request, free_on))
        heapq.heappush(ends, free_on + program.duration)
    return rows


def position_in_list(request: SlotRequest, today=None) -> WaitingRow | None:
    for row in waiting_list(request.program, today):
        if row.request.pk == request.pk:
            return row
    return None


@dataclass(frozen=True)
class ProgramFigures:
    slots: int
    used: int
    free: int
    waiting: int
    average_wait_days: int | None
    ended: int
    completion_rate: int | None
    dropout_rate: int | None


def program_figures(program: InterventionProgram) -> ProgramFigures:
    counts = program.requests.aggregate(
        used=Count("pk", filter=Q(status__in=HOLDS_SLOT)),
        waiting=Count("pk", filter=Q(status=S.WAITING_LIST)),
        completed=Count("pk", filter=Q(status=S.COMPLETED)),
        dropped=Count("pk", filter=Q(status=S.DROPPED_OUT)),
    )
    waits = [
        (started - timezone.localtime(requested).date()).days
        for requested, started in program.requests.filter(
            started_on__isnull=False, requested_at__isnull=False
        ).values_list("requested_at", "started_on")
    ]
    ended = counts["completed"] + counts["dropped"]
    return ProgramFigures(
        slots=program.slots,
        used=counts["used"],
        free=max(program.slots - counts["used"], 0),
        waiting=counts["waiting"],
        average_wait_days=round(sum(waits) / len(waits)) if waits else None,
        ended=ended,
        completion_rate=round(100 * counts["completed"] / ended) if ended else None,
        dropout_rate=round(100 * counts["dropped"] / ended) if ended else None,
    )


def missing_monthly_reports(request: SlotRequest, today) -> list[tuple[int, datetime.date]]:
    """(month number, due date) of each monthly report (annex E) of an ongoing participation
    that is due and not received. ``request.reports`` should be prefetched."""
    if request.status != S.IN_PROGRESS or not request.started_on:
        return []
    received = sum(1 for r in request.reports.all() if r.kind == ReportKind.MONTHLY)
    missing = []
    number = received + 1
    while True:
        _, end = report_period(request, number)
        due = end + datetime.timedelta(days=REPORT_GRACE_DAYS)
        if due > today:
            break
        missing.append((number, due))
        number += 1
    return missing


def next_monthly_report_due(request: SlotRequest) -> datetime.date | None:
    if request.status != S.IN_PROGRESS or not request.started_on:
        return None
    received = sum(1 for r in request.reports.all() if r.kind == ReportKind.MONTHLY)
    _, end = report_period(request, received + 1)
    return end + datetime.timedelta(days=REPORT_GRACE_DAYS)


# Extension points ------------------------------------------------------------------------
def agenda_items(cases, today):
    """Slot requests of ``cases`` that await the program's answer (due when the 48 hours
    run out) and monthly reports (annex E) not received on time. Two queries."""
    items = []
    now = timezone.now()
    awaiting = (
        SlotRequest.objects.awaiting_answer()
        .filter(case__in=cases)
        .select_related("program__institution", "program__owner_program")
        .order_by("answer_due_at")
    )
    for request in awaiting:
        overdue = request.is_overdue(now)
        what = "el cupo liberado" if request.status == S.OFFERED else "la solicitud de cupo"
        items.append(
            AgendaItem(
                due_on=timezone.localtime(request.answer_due_at).date(),
                kind="slot_answer",
                kind_label="Respuesta de cupo atrasada" if overdue else "Respuesta de cupo",
                title=f"{request.program.owner_label} debe responder {what} en "
                f"«{request.program}»" + (" (plazo de 48 horas vencido)" if overdue else ""),
                case_id=request.case_id,
                url=request.get_absolute_url(),
            )
        )
    ongoing = (
        SlotRequest.objects.filter(case__in=cases, status=S.IN_PROGRESS)
        .select_related("program")
        .prefetch_related("reports")
    )
    for request in ongoing:
        for number, due in missing_monthly_reports(request, today):
            items.append(
                AgendaItem(
                    due_on=due,
                    kind="program_report",
                    kind_label="Informe de programa no recibido",
                    title=f"Falta el informe mensual N° {number} (anexo E) de «{request.program}»",
                    case_id=request.case_id,
                    url=request.get_absolute_url(),
                )
            )
        upcoming = next_monthly_report_due(request)
        if upcoming and not missing_monthly_reports(request, today):
            items.append(
                AgendaItem(
                    due_on=upcoming,
                    kind="program_report",
                    kind_label="Informe de programa",
                    title=f"Informe mensual (anexo E) de «{request.program}»",
                    case_id=request.case_id,
                    url=request.get_absolute_url(),
                )
            )
    return items


def timeline_entries(case):
    """Each move of the case's slot requests and each report received. Two queries."""
    entries = []
    events = SlotRequestEvent.objects.filter(request__case=case).select_related(
        "request__program", "actor"
    )
    for event in events:
        request = event.request
        entries.append(
            TimelineEntry(
                when=event.at,
                kind="program_slot",
                kind_label="Programa con cupos",
                title=f"«{request.program}»: {RequestStatus(event.to_status).label.lower()}",
                detail=event.note,
                ambit=request.program.ambit,
                url=reverse("cupos:request_detail", args=[case.pk, request.pk]),
            )
        )
    reports = ProgressReport.objects.filter(request__case=case).select_related("request__program")
    for report in reports:
        rate = report.attendance_rate
        entries.append(
            TimelineEntry(
                when=report.received_at,
                kind="program_report",
                kind_label="Informe de programa",
                title=f"{report.get_kind_display()} de «{report.request.program}» "
                f"({report.period_start:%d-%m-%Y} a {report.period_end:%d-%m-%Y})",
                detail=f"Asistencia: {report.sessions_attended} de {report.sessions_held} "
                f"sesiones{f' ({rate} %)' if rate is not None else ''}. {report.progress}",
                ambit=report.request.program.ambit,
                url=reverse("cupos:request_detail", args=[case.pk, report.request_id]),
            )
        )
    return entries
