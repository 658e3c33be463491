"""The intake of a court case (LV norms 2.1 and 3.3; Ley 18.216 art. 24): from the sentence copy
to the intake meeting, each step with its legal deadline on Chile's calendar.

- the supervisor assigns a delegado/a within 24 hours of receiving the sentence copy;
- the person presents within 5 calendar days of the final sentence, or the court is told;
- the intake meeting is held within 5 business days of the presentation;
- when the sentence copy brings no date for the plan's hearing, it is asked for within 24 hours.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.business_days import Deadline, Unit, next_business_day
from reinsercion.cases.models import Case
from reinsercion.extensions import AgendaItem, TimelineEntry

ASSIGN_DELEGADO = Deadline(
    24, Unit.HOURS, "Normas técnicas LV 2.1: desde la recepción de la copia de sentencia"
)
PRESENTATION = Deadline(
    5, Unit.CALENDAR_DAYS, "Ley 18.216 art. 24: desde que la sentencia quedó ejecutoriada"
)
INTAKE_MEETING = Deadline(
    5, Unit.BUSINESS_DAYS, "Normas técnicas LV 2.1: desde la presentación de la persona"
)
HEARING_REQUEST = Deadline(
    24,
    Unit.HOURS,
    "Normas técnicas LV 3.3: desde la recepción de una copia de sentencia sin fecha de "
    "audiencia de aprobación del PII",
)

DONE, LATE, PENDING, OVERDUE = "done", "late", "pending", "overdue"
STATUS_LABELS = {
    DONE: "Dentro de plazo",
    LATE: "Fuera de plazo",
    PENDING: "Pendiente",
    OVERDUE: "Vencido",
}


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class IntakeStep:
    key: str
    label: str
    deadline: Deadline
    due_on: datetime.date
    done: datetime.date | datetime.datetime | None
    today: datetime.date

    @property
    def status(self) -> str:
        if self.done is not None:
            return DONE if _day(self.done) <= self.due_on else LATE
        return OVERDUE if self.today > self.due_on else PENDING

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def asks_for_hearing(case: Case) -> bool:
    """The copy came without the plan's hearing date (or the hearing was asked for)."""
    return case.hearing_requested_at is not None or case.plan_hearing_on is None


def intake_steps(case: Case, today: datetime.date | None = None) -> list[IntakeStep]:
    """The steps whose starting point is recorded, with their due date and status. The
    intake is tracked from the receipt of the sentence copy on."""
    today = today or timezone.localdate()
    region = case.region
    steps = []
    received = case.sentence_copy_received_at
    if received is not None:
        steps.append(
            IntakeStep(
                "assign",
                "Asignación del delegado/a",
                ASSIGN_DELEGADO,
                ASSIGN_DELEGADO.due_on(received, region),
                case.delegado_assigned_at,
                today,
            )
        )
    # Cases recorded before the intake was tracked have no receipt: no presentation to chase.
    if received is not None and case.sentence_final_on is not None:
        steps.append(
            IntakeStep(
                "presentation",
                "Presentación de la persona",
                PRESENTATION,
                PRESENTATION.due_on(case.sentence_final_on, region),
                case.presented_on,
                today,
            )
        )
    if case.presented_on is not None:
        steps.append(
            IntakeStep(
                "meeting",
                "Reunión de ingreso",
                INTAKE_MEETING,
                INTAKE_MEETING.due_on(case.presented_on, region),
                case.intake_meeting_on,
                today,
            )
        )
    if received is not None and asks_for_hearing(case):
        steps.append(
            IntakeStep(
                "hearing_request",
                "Solicitud de audiencia de aprobación del PII",
                HEARING_REQUEST,
                HEARING_REQUEST.due_on(received, region),
                case.hearing_requested_at,
                today,
            )
        )
    return steps


def non_presentation_due(case: Case, today: datetime.date) -> datetime.date | None:
    """When the person has not presented in time and the court was not told yet: the day the
    notice is due (the first business day after the presentation deadline)."""
    if (
        case.sentence_copy_received_at is None
        or case.sentence_final_on is None
        or case.presented_on is not None
        or case.non_presentation_reported_on is not None
    ):
        return None
    deadline = PRESENTATION.due_on(case.sentence_final_on, case.region)
    if today <= deadline:
        return None
    return next_business_day(deadline + datetime.timedelta(days=1), case.region)


AGENDA_KINDS = {
    "assign": ("intake_assign", "Asignar delegado/a"),
    "presentation": ("intake_presentation", "Presentación de la persona"),
    "meeting": ("intake_meeting", "Reunión de ingreso"),
    "hearing_request": ("hearing_request", "Pedir audiencia de aprobación del PII"),
}


def intake_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Source for ``extensions.register_agenda_source``: the pending intake steps of the open
    court cases, and the non-presentation notice when it is due. One query."""
    items = []
    tracked = Q(sentence_copy_received_at__isnull=False) | Q(presented_on__isnull=False)
    for case in (
        Case.objects.filter(tracked, pk__in=cases.values("pk"), program__requires_court_data=True)
        .open()
        .select_related("person")
    ):
        name = case.person.full_name
        detail = reverse("team:case_detail", args=[case.pk])
        for step in intake_steps(case, today):
            if step.done is not None:
                continue
            kind, label = AGENDA_KINDS[step.key]
            items.append(
                AgendaItem(
                    due_on=step.due_on,
                    kind=kind,
                    kind_label=label,
                    title=f"{step.label} ({step.deadline.label}): {name}",
                    case_id=case.pk,
                    url=detail,
                )
            )
        notice_on = non_presentation_due(case, today)
        if notice_on is not None:
            items.append(
                AgendaItem(
                    due_on=notice_on,
                    kind="non_presentation_notice",
                    kind_label="Informar no presentación al tribunal",
                    title=f"Informar al tribunal que no se presentó: {name}",
                    case_id=case.pk,
                    url=reverse("team:non_presentation_pdf", args=[case.pk]),
                )
            )
    return items


def intake_timeline(case: Case) -> list[TimelineEntry]:
    """The recorded intake steps, for the case timeline."""
    recorded = [
        (case.sentence_copy_received_at, "Copia de sentencia recibida"),
        (case.delegado_assigned_at, "Delegado/a asignado/a"),
        (case.presented_on, "Presentación de la persona"),
        (case.intake_meeting_on, "Reunión de ingreso"),
        (case.hearing_requested_at, "Audiencia de aprobación del PII solicitada"),
        (case.non_presentation_reported_on, "No presentación informada al tribunal"),
    ]
    return [
        TimelineEntry(when=when, kind="intake", kind_label="Ingreso", title=title)
        for when, title in recorded
        if when is not None
    ]
