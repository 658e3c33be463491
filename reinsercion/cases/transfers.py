"""Transfers of a case to another team: the request, supervision's decision (which moves the
case, with its history, to the receiving team), the notice to the court and the return of a
temporary transfer."""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reinsercion.cases import permissions
from reinsercion.cases.models import Case, Transfer, TransferKind, TransferStatus
from reinsercion.extensions import AgendaItem
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.models import Program, User

TEMPORARY_MAX = relativedelta(months=4)


@transaction.atomic
def request_transfer(
    *,
    case: Case,
    actor: User,
    to_program: Program,
    kind: str,
    reason: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Transfer:
    """Ask supervision to move the case to another team; a temporary transfer lasts at most
    four months."""
    permissions.ensure_can_change(case=case, user=actor)
    errors = {}
    if to_program.pk == case.program_id:
        errors["to_program"] = "Elija otro equipo."
    elif case.phase not in to_program.phases or to_program.uses_cohorts:
        errors["to_program"] = (
            f"El programa {to_program.code} no trabaja la fase «{case.get_phase_display()}» "
            "del caso o trabaja en generaciones."
        )
    if not reason.strip():
        errors["reason"] = "Indique el motivo del traslado."
    if kind == TransferKind.TEMPORARY:
        if ends_on is None:
            errors["ends_on"] = "Un traslado temporal indica hasta cuándo."
        elif ends_on <= starts_on:
            errors["ends_on"] = "El término debe ser posterior al inicio."
        elif ends_on > starts_on + TEMPORARY_MAX:
            limit = starts_on + TEMPORARY_MAX
            errors["ends_on"] = (
                f"Un traslado temporal dura hasta 4 meses (a más tardar el {limit:%d-%m-%Y})."
            )
    else:
        ends_on = None
    if (
        case.transfers.filter(status__in=[TransferStatus.REQUESTED, TransferStatus.APPROVED])
        .filter(kind=TransferKind.TEMPORARY)
        .exists()
        or case.transfers.filter(status=TransferStatus.REQUESTED).exists()
    ):
        errors["__all__"] = "El caso ya tiene un traslado en curso."
    if errors:
        raise ValidationError(errors)
    transfer = Transfer(
        case=case,
        kind=kind,
        from_program=case.program,
        to_program=to_program,
        reason=reason.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        requested_by=actor,
    )
    transfer.full_clean()
    with set_actor(actor):
        transfer.save()
    return transfer


def _move(case: Case, program: Program, actor: User) -> None:
    # The receiving team's coordination assigns its professionals; the history (phases,
    # sessions, assessments, plans, reports) stays with the case.
    case.program = program
    with set_actor(actor):
        case.save()
        case.professionals.clear()


@transaction.atomic
def decide_transfer(*, transfer: Transfer, actor: User, approve: bool) -> Transfer:
    """Supervision of the sending team approves (the case moves to the receiving team) or
    rejects the transfer; never the person who asked for it."""
    if transfer.requested_by_id == actor.pk or not program_permissions.can_supervise(
        actor, transfer.from_program
    ):
        raise PermissionDenied("Solo la supervisión del equipo de origen resuelve el traslado.")
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError("Este traslado ya fue resuelto.")
    transfer.status = TransferStatus.APPROVED if approve else TransferStatus.REJECTED
    transfer.decided_by, transfer.decided_on = actor, timezone.localdate()
    with set_actor(actor):
        transfer.save()
    if approve:
        _move(transfer.case, transfer.to_program, actor)
    return transfer


@transaction.atomic
def record_court_notice(*, transfer: Transfer, actor: User, on: datetime.date) -> Transfer:
    """The court was informed of the approved transfer."""
    permissions.ensure_can_change(case=transfer.case, user=actor)
    if transfer.status not in (TransferStatus.APPROVED, TransferStatus.RETURNED):
        raise ValidationError("Solo se informa un traslado aprobado.")
    if on > timezone.localdate() or (transfer.decided_on and on < transfer.decided_on):
        raise ValidationError({"on": "La fecha debe estar entre la aprobación y hoy."})
    transfer.court_informed_on = on
    with set_actor(actor):
        transfer.save()
    return transfer


@transaction.atomic
def end_temporary_transfer(*, transfer: Transfer, actor: User, on: datetime.date) -> Transfer:
    """The case returns to the sending team at the end of a temporary transfer."""
    permissions.ensure_can_change(case=transfer.case, user=actor)
    if transfer.kind != TransferKind.TEMPORARY or transfer.status != TransferStatus.APPROVED:
        raise ValidationError("Solo vuelve un traslado temporal aprobado.")
    transfer.status, transfer.returned_on = TransferStatus.RETURNED, on
    with set_actor(actor):
        transfer.save()
    _move(transfer.case, transfer.from_program, actor)
    return transfer


def transfer_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Source for the agenda: a transfer to resolve, the court to inform, a temporary
    transfer's return. One query."""
    items = []
    for t in Transfer.objects.filter(
        case__in=cases.values("pk"),
        status__in=[TransferStatus.REQUESTED, TransferStatus.APPROVED],
    ).select_related("case__person", "to_program"):
        url = reverse("team:transfers", args=[t.case_id])
        name = t.case.person.full_name
        if t.status == TransferStatus.REQUESTED:
            items.append(
                AgendaItem(
                    t.starts_on,
                    "transfer_decision",
                    "Traslado por resolver",
                    f"Resolver el traslado a {t.to_program.code}: {name}",
                    t.case_id,
                    url,
                )
            )
            continue
        if t.court_informed_on is None:
            items.append(
                AgendaItem(
                    t.decided_on or t.starts_on,
                    "transfer_court",
                    "Informar traslado al tribunal",
                    f"Informar al tribunal el traslado a {t.to_program.code}: {name}",
                    t.case_id,
                    url,
                )
            )
        if t.kind == TransferKind.TEMPORARY:
            items.append(
                AgendaItem(
                    t.ends_on,
                    "transfer_return",
                    "Fin de traslado temporal",
                    f"Regreso del traslado temporal: {name}",
                    t.case_id,
                    url,
                )
            )
    return items


def transfers_in(case: Case, start: datetime.date, end: datetime.date):
    """Approved transfers that touch the period [start, end], for the court report."""
    return [
        t
        for t in case.transfers.filter(
            status__in=[TransferStatus.APPROVED, TransferStatus.RETURNED]
        ).select_related("from_program", "to_program")
        if t.starts_on <= end and (t.returned_on or t.ends_on or end) >= start
    ]
