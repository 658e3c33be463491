"""Every change to programs' requests, consents, sessions and reports goes through these.

Keyword-only arguments, an explicit ``actor``, the permission check first, one transaction,
saves audited with the actor as author.
"""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from contratos.signatures import check_png, comparable_name
from red.choices import SharedField
from reinsercion.cases.models import Case
from reinsercion.people.rut import normalize_rut
from reinsercion.plans.models import PlanObjective
from reinsercion.programs.models import User

from . import permissions
from .choices import Answer, ReportKind, RequestStatus
from .consent import consent_text, render_consent_pdf
from .models import (
    InterventionProgram,
    ProgramConsent,
    ProgramSession,
    ProgressReport,
    SessionAttendance,
    SlotRequest,
    SlotRequestEvent,
)
from .workflow import ACTIVE, PROGRAM, SYSTEM, TEAM, ensure_move_allowed

S = RequestStatus


def _event(request, *, from_status, to_status, actor, at, note=""):
    return SlotRequestEvent.objects.create(
        request=request,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        at=at,
        note=note,
    )


def _move(request, *, to_status, side, actor, at, note=""):
    ensure_move_allowed(request.status, to_status, side)
    _event(
        request,
        from_status=request.status,
        to_status=to_status,
        actor=actor if side != SYSTEM else None,
        at=at,
        note=note,
    )
    request.status = to_status


def _clean_shared_fields(shared_fields) -> list[str]:
    unknown = [f for f in shared_fields if f not in SharedField.values]
    if unknown:
        raise ValidationError({"shared_fields": f"Datos desconocidos: {', '.join(unknown)}."})
    return [f for f in SharedField.values if f in set(shared_fields)]


def _person_requests(case):
    return SlotRequest.objects.filter(case__person_id=case.person_id)


def _send(request, now):
    request.requested_at = now
    request.answer_due_at = now + datetime.timedelta(hours=request.program.answer_hours)


@transaction.atomic
def request_slot(
    *,
    case: Case,
    actor: User,
    program: InterventionProgram,
    objective: PlanObjective,
    reason: str,
    shared_fields=(),
) -> SlotRequest:
    """Ask a program for a slot, from an objective of the case's plan.

    A person takes one program at a time: while another request of theirs is open (sent,
    waiting, offered, accepted or in progress), this one is kept as the plan's queued next
    step and is sent on its own when the other ends. Otherwise it is sent now, and the
    program must answer within its answer time (48 hours).
    """
    permissions.ensure_can_request(actor, case)
    errors = {}
    if not program.is_active:
        errors["program"] = "El programa no está activo."
    if objective.plan.case_id != case.pk:
        errors["objective"] = "El objetivo no pertenece al plan de este caso."
    if not reason.strip():
        errors["reason"] = "Indique qué se espera del programa."
    if errors:
        raise ValidationError(errors)
    shared = _clean_shared_fields(shared_fields)
    # Lock the person's requests: two team members may ask at once.
    mine = list(_person_requests(case).select_for_update())
    if any(r.program_id == program.pk and r.status in (*ACTIVE, S.QUEUED) for r in mine):
        raise ValidationError(
            {"program": "La persona ya tiene una solicitud abierta o en cola en este programa."}
        )
    now = timezone.now()
    request = SlotRequest(
        program=program,
        case=case,
        objective=objective,
        reason=reason.strip(),
        shared_fields=shared,
        created_by=actor,
        status=S.QUEUED,
    )
    busy = any(r.status in ACTIVE for r in mine)
    with set_actor(actor):
        request.save()
        _event(request, from_status="", to_status=S.QUEUED, actor=actor, at=now)
        if not busy:
            _send(request, now)
            _move(request, to_status=S.REQUESTED, side=SYSTEM, actor=actor, at=now)
            request.save()
    return request


def _offer_freed_slots(program: InterventionProgram, *, now, note: str) -> list[SlotRequest]:
    """Offer each free slot to the next person of the waiting list (the list's order)."""
    offered = []
    free = program.slots - program.requests.holding_slot().count()
    for request in program.requests.waiting_list().select_related("program")[: max(free, 0)]:
        _move(request, to_status=S.OFFERED, side=SYSTEM, actor=None, at=now, note=note)
        request.offered_at = now
        request.answer_due_at = now + datetime.timedelta(hours=program.answer_hours)
        request.save()
        offered.append(request)
    return offered


def _send_next_queued(case: Case, *, now) -> SlotRequest | None:
    """When the person's program ends, the plan's next queued request is sent."""
    requests = _person_requests(case)
    if requests.filter(status__in=ACTIVE).exists():
        return None
    following = (
        requests.filter(status=S.QUEUED)
        .select_related("program")
        .order_by("objective__sort_order", "created_at", "pk")
        .first()
    )
    if following is None:
        return None
    _send(following, now)
    _move(
        following,
        to_status=S.REQUESTED,
        side=SYSTEM,
        actor=None,
        at=now,
        note="Enviada al terminar el programa anterior de la persona.",
    )
    following.save()
    return following


def _after_release(request, *, held_slot: bool, now, reason: str):
    if held_slot:
        _offer_freed_slots(request.program, now=now, note=f"Cupo liberado: {reason}")
    if request.status not in ACTIVE:
        _send_next_queued(request.case, now=now)


def _locked(request) -> SlotRequest:
    # The program row first: every change of who holds its slots goes one at a time.
    InterventionProgram.objects.select_for_update().get(pk=request.program_id)
    return (
        SlotRequest.objects.select_for_update().select_related("program", "case").get(pk=request.pk)
    )


@transaction.atomic
def answer_request(
    *,
    request: SlotRequest,
    actor: User,
    answer: str,
    start_on: datetime.date | None = None,
    refusal_reason: str = "",
    note: str = "",
) -> SlotRequest:
    """The program answers a request, or an offer of a freed slot: accepted with a start
    date (only with a free slot), waiting list, or refused with its reason."""
    permissions.ensure_can_answer(actor, request.program)
    request = _locked(request)
    now = timezone.now()
    errors = {}
    if answer not in Answer.values:
        errors["answer"] = "Elija la respuesta."
    if answer == Answer.ACCEPTED:
        if not start_on:
            errors["start_on"] = "Indique la fecha de inicio."
        elif start_on < timezone.localdate():
            errors["start_on"] = "La fecha de inicio no puede estar en el pasado."
        if request.status == S.REQUESTED:
            used = request.program.requests.holding_slot().count()
            if used >= request.program.slots:
                errors["answer"] = (
                    f"El programa no tiene cupos libres ({used} de {request.program.slots} "
                    "ocupados): responda «lista de espera»."
                )
    if answer == Answer.REFUSED and not refusal_reason.strip():
        errors["refusal_reason"] = "Indique el motivo del rechazo."
    if errors:
        raise ValidationError(errors)
    held_slot = request.status == S.OFFERED
    with set_actor(actor):
        _move(request, to_status=answer, side=PROGRAM, actor=actor, at=now, note=note.strip())
        if request.answered_at is None:
            request.answered_at = now
        if answer == Answer.ACCEPTED:
            request.start_on = start_on
        elif answer == Answer.WAITING_LIST:
            request.waitlisted_at = now
        else:
            request.refusal_reason = refusal_reason.strip()
            request.ended_on = timezone.localdate()
        request.full_clean()
        request.save()
        if answer == Answer.REFUSED:
            _after_release(request, held_slot=held_slot, now=now, reason="oferta rechazada")
    return request


@transaction.atomic
def withdraw_request(*, request: SlotRequest, actor: User, reason: str) -> SlotRequest:
    """The case's team closes a request (the person no longer needs it, or left); a slot it
    held goes to the next person waiting."""
    permissions.ensure_can_request(actor, request.case)
    if not reason.strip():
        raise ValidationError({"reason": "Indique el motivo."})
    request = _locked(request)
    now = timezone.now()
    held_slot = request.status in (S.OFFERED, S.ACCEPTED, S.IN_PROGRESS)
    with set_actor(actor):
        _move(request, to_status=S.WITHDRAWN, side=TEAM, actor=actor, at=now, note=reason.strip())
        request.ended_on = timezone.localdate()
        request.save()
        _after_release(request, held_slot=held_slot, now=now, reason="solicitud retirada")
    return request


@transaction.atomic
def start_participation(
    *, request: SlotRequest, actor: User, on_date: datetime.date | None = None
) -> SlotRequest:
    """The person's first session: only with the informed consent (annex C) signed."""
    side = TEAM if permissions.can_request(actor, request.case) else PROGRAM
    if side == PROGRAM:
        permissions.ensure_can_answer(actor, request.program)
    request = _locked(request)
    if not ProgramConsent.objects.filter(request=request).exists():
        raise ValidationError(
            "No se puede iniciar el programa: falta el consentimiento informado (anexo C) "
            "firmado por la persona antes de la primera sesión.",
            code="consent_missing",
        )
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise ValidationError({"on_date": "La fecha no puede estar en el futuro."})
    with set_actor(actor):
        _move(request, to_status=S.IN_PROGRESS, side=side, actor=actor, at=timezone.now())
        request.started_on = on_date
        request.save()
    return request


@transaction.atomic
def end_participation(
    *,
    request: SlotRequest,
    actor: User,
    to_status: str,
    on_date: datetime.date | None = None,
    note: str = "",
) -> SlotRequest:
    """The program records the end of a participation (completed or dropped out); the slot
    goes to the next person waiting and the person's next queued request is sent."""
    permissions.ensure_can_answer(actor, request.program)
    if to_status not in (S.COMPLETED, S.DROPPED_OUT):
        raise ValidationError({"to_status": "Elija «finalizado» o «abandonado»."})
    request = _locked(request)
    now = timezone.now()
    with set_actor(actor):
        _move(request, to_status=to_status, side=PROGRAM, actor=actor, at=now, note=note.strip())
        request.ended_on = on_date or timezone.localdate()
        request.save()
        _after_release(
            request, held_slot=True, now=now, reason=f"{S(to_status).label.lower()} de otra persona"
        )
    return request


# Informed consent (annex C) -------------------------------------------------------------
@transaction.atomic
def sign_consent(
    *,
    request: SlotRequest,
    actor: User,
    name: str,
    rut: str,
    place: str,
    conditions: str,
    signature: dict,
    recording_allowed: bool = False,
    contact: dict | None = None,
) -> ProgramConsent:
    """The person signs the informed consent (annex C) on the team's device, before the
    first session, with the social contract's signing checks: identity read from the ID
    card, a drawn signature (PNG) or the typed-name fallback. Text, signer, signature,
    place and time are frozen with their SHA-256, printed on the PDF."""
    permissions.ensure_can_request(actor, request.case)
    request = (
        SlotRequest.objects.select_for_update()
        .select_related("case__person", "program")
        .get(pk=request.pk)
    )
    person = request.case.person
    if request.status != S.ACCEPTED:
        raise ValidationError("El consentimiento se firma con el cupo asignado, antes de iniciar.")
    if ProgramConsent.objects.filter(request=request).exists():
        raise ValidationError("La persona ya firmó el consentimiento de este programa.")
    problems = []
    try:
        if normalize_rut(rut) != normalize_rut(person.rut or ""):
            problems.append(f"El RUT ingresado no corresponde a {person.full_name}.")
    except ValidationError as e:
        problems.append(" ".join(e.messages))
    if comparable_name(name) != comparable_name(person.full_name):
        problems.append(
            f"El nombre ingresado no coincide con el de la persona ({person.full_name})."
        )
    if not place.strip():
        problems.append("Indique el lugar de la firma.")
    if not conditions.strip():
        problems.append("Indique las condiciones informadas: sesiones, horario y lugar.")
    png = signature.get("png") or b""
    typed = (signature.get("typed_name") or "").strip()
    if png:
        try:
            check_png(png)
        except ValidationError as e:
            problems.append(" ".join(e.messages))
    elif not typed:
        problems.append(f"Falta la firma de {person.full_name}.")
    elif comparable_name(typed) != comparable_name(person.full_name):
        problems.append("El nombre escrito como firma no coincide con el de la persona.")
    if problems:
        raise ValidationError(problems)
    contact = contact or {}
    consent = ProgramConsent(
        request=request,
        full_name=person.full_name,
        rut=normalize_rut(person.rut),
        place=place.strip(),
        conditions=conditions.strip(),
        recording_allowed=recording_allowed,
        contact_name=(contact.get("name") or "").strip(),
        contact_phone=(contact.get("phone") or "").strip(),
        contact_address=(contact.get("address") or "").strip(),
        contact_relationship=(contact.get("relationship") or "").strip(),
        signed_at=timezone.now(),
        signature_method="drawn" if png else "typed",
        typed_name="" if png else typed,
        signing_staff=actor,
    )
    consent.signed_text = consent_text(consent)
    consent.content_sha256 = consent.compute_sha256(png)
    if png:
        consent.signature.save(
            f"cupos/{request.case_id}/{request.pk}/firma-consentimiento.png",
            ContentFile(png),
            save=False,
        )
    consent.pdf.save(
        f"cupos/{request.case_id}/consentimiento-{request.pk}.pdf",
        ContentFile(render_consent_pdf(consent, png)),
        save=False,
    )
    consent.full_clean()
    with set_actor(actor):
        consent.save()
    return consent


# Sessions and progress reports (annexes E and F) -----------------------------------------
@transaction.atomic
def record_session(
    *,
    program: InterventionProgram,
    actor: User,
    held_on: datetime.date,
    topic: str,
    attendance: dict,
) -> ProgramSession:
    """A session of the program and who attended: ``attendance`` maps each participant's
    request to ``(attended, justified)``."""
    permissions.ensure_can_answer(actor, program)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "La fecha no puede estar en el futuro."})
    if not topic.strip():
        raise ValidationError({"topic": "Indique el tema de la sesión."})
    participants = {r.pk: r for r in program.requests.filter(status=S.IN_PROGRESS)}
    unknown = [pk for pk in attendance if int(pk) not in participants]
    if unknown:
        raise ValidationError("Una de las personas no participa en el programa.")
    with set_actor(actor):
        session = ProgramSession.objects.create(
            program=program, held_on=held_on, topic=topic.strip(), recorded_by=actor
        )
        for pk, (attended, justified) in attendance.items():
            SessionAttendance.objects.create(
                session=session,
                request=participants[int(pk)],
                attended=attended,
                justified=justified and not attended,
            )
    return session


def report_period(request: SlotRequest, number: int) -> tuple[datetime.date, datetime.date]:
    """The ``number``-th month of a participation (1 is the month after its start)."""
    start = request.started_on + relativedelta(months=number - 1)
    return start, start + relativedelta(months=1) - datetime.timedelta(days=1)


@transaction.atomic
def write_report(
    *,
    request: SlotRequest,
    actor: User,
    kind: str,
    contents: str,
    progress: str,
    to_strengthen: str = "",
    suggestions: str = "",
    period_start: datetime.date | None = None,
) -> ProgressReport:
    """The program's monthly progress report (annex E) for the next month not yet reported,
    or its final report (annex F) for the whole participation. Attendance is counted from
    the program's sessions in the period."""
    permissions.ensure_can_answer(actor, request.program)
    request = SlotRequest.objects.select_related("program", "case").get(pk=request.pk)
    if kind not in ReportKind.values:
        raise ValidationError({"kind": "Elija el tipo de informe."})
    if not request.started_on:
        raise ValidationError("La persona aún no inicia el programa.")
    today = timezone.localdate()
    if kind == ReportKind.MONTHLY:
        if request.status != S.IN_PROGRESS:
            raise ValidationError("Los informes mensuales se escriben mientras el programa sigue.")
        number = request.reports.filter(kind=ReportKind.MONTHLY).count() + 1
        start, end = report_period(request, number)
        end = min(end, today)
    else:
        if request.status not in (S.COMPLETED, S.DROPPED_OUT):
            raise ValidationError(
                "El informe final se escribe cuando la participación terminó (finalizada o "
                "abandonada)."
            )
        if request.reports.filter(kind=ReportKind.FINAL).exists():
            raise ValidationError("El informe final ya fue recibido.")
        start, end = request.started_on, request.ended_on or today
    errors = {}
    if not contents.strip():
        errors["contents"] = "Indique los contenidos abordados y su grado de logro."
    if not progress.strip():
        errors["progress"] = "Describa lo logrado y lo no logrado."
    if errors:
        raise ValidationError(errors)
    rows = SessionAttendance.objects.filter(
        request=request, session__held_on__gte=start, session__held_on__lte=end
    )
    report = ProgressReport(
        request=request,
        kind=kind,
        period_start=start,
        period_end=end,
        sessions_held=rows.count(),
        sessions_attended=rows.filter(attended=True).count(),
        contents=contents.strip(),
        progress=progress.strip(),
        to_strengthen=to_strengthen.strip(),
        suggestions=suggestions.strip(),
        author=actor,
    )
    report.full_clean()
    with set_actor(actor):
        report.save()
    return report
