"""Every change to referrals goes through these functions.

Keyword-only arguments, an explicit ``actor``, the permission check first, one transaction,
saves audited with the actor as author; e-mails go out after commit.
"""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import LabourOutcome
from reinsercion.cases.models import Case
from reinsercion.documents.models import CaseDocument
from reinsercion.programs.models import User

from . import notifications, permissions
from .choices import OutcomeKind, Purpose, SharedField, Status
from .models import Institution, Referral, ReferralAccess, ReferralEvent, ReferralMessage
from .workflow import (
    ANSWERS,
    FINAL,
    OPEN,
    OUTCOME_STATUS,
    PARTNER,
    TEAM,
    ensure_move_allowed,
    partner_path,
)

# Outcomes that are a job placement and the labour status they give the case.
LABOUR_OUTCOMES = {
    OutcomeKind.HIRED: LabourOutcome.DEPENDENT_JOB,
    OutcomeKind.SELF_EMPLOYED: LabourOutcome.INDEPENDENT_WORK,
    OutcomeKind.BUSINESS_FUNDED: LabourOutcome.ENTREPRENEURSHIP,
}
# Outcomes that may be recorded only once the person has actually started.
OUTCOME_STATES = (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED)
# Consent no longer covers a draft whose addressee, purpose or shared data change.
CONSENT_FIELDS = ("institution", "purpose", "purpose_detail", "shared_fields", "shared_documents")
DRAFT_FIELDS = (*CONSENT_FIELDS, "contact_email", "contact_phone")


def _clean_shared_fields(shared_fields) -> list[str]:
    unknown = [f for f in shared_fields if f not in SharedField.values]
    if unknown:
        raise ValidationError({"shared_fields": f"Datos desconocidos: {', '.join(unknown)}."})
    # Keep the catalogue's order, without repetitions.
    return [f for f in SharedField.values if f in set(shared_fields)]


def _clean_shared_documents(case, documents) -> list[CaseDocument]:
    documents = list(documents)
    if any(d.case_id != case.pk for d in documents):
        raise ValidationError({"shared_documents": "Solo se comparten documentos del mismo caso."})
    return documents


def _validate_draft(referral: Referral) -> None:
    errors = {}
    if not referral.institution.is_active:
        errors["institution"] = "La institución no está activa en la red."
    if referral.purpose not in Purpose.values:
        errors["purpose"] = "Elija el propósito de la derivación."
    if not (referral.purpose_detail or "").strip():
        errors["purpose_detail"] = "Indique qué se solicita a la institución."
    if errors:
        raise ValidationError(errors)


def _event(referral, *, from_status, to_status, actor, at, note=""):
    return ReferralEvent.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        at=at,
        note=note,
    )


@transaction.atomic
def create_referral(
    *,
    case: Case,
    actor: User,
    institution: Institution,
    purpose: str,
    purpose_detail: str,
    shared_fields=(),
    shared_documents=(),
    contact_email: str = "",
    contact_phone: str = "",
) -> Referral:
    """Draft a referral of ``case`` to ``institution``. The actor is the contact professional."""
    permissions.ensure_can_send(actor, Referral(case=case))
    referral = Referral(
        case=case,
        institution=institution,
        purpose=purpose,
        purpose_detail=purpose_detail.strip(),
        shared_fields=_clean_shared_fields(shared_fields),
        professional=actor,
        contact_email=contact_email or actor.email,
        contact_phone=contact_phone or actor.phone,
        created_by=actor,
    )
    documents = _clean_shared_documents(case, shared_documents)
    _validate_draft(referral)
    referral.full_clean()
    with set_actor(actor):
        referral.save()
        referral.shared_documents.set(documents)
    return referral


@transaction.atomic
def update_referral(*, referral: Referral, actor: User, **data) -> Referral:
    """Edit a draft. Any change withdraws the approval; changing the institution, purpose or
    shared data also withdraws the consent, which covered the former ones."""
    permissions.ensure_can_send(actor, referral)
    unknown = set(data) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Campos no editables: {', '.join(sorted(unknown))}")
    if referral.status != Status.DRAFT:
        raise ValidationError("Solo se puede modificar una derivación en borrador.")
    if "shared_fields" in data:
        data["shared_fields"] = _clean_shared_fields(data["shared_fields"])
    documents = None
    if "shared_documents" in data:
        documents = _clean_shared_documents(referral.case, data.pop("shared_documents"))
    changed = {f for f, v in data.items() if getattr(referral, f) != v}
    if documents is not None and {d.pk for d in documents} != set(
        referral.shared_documents.values_list("pk", flat=True)
    ):
        changed.add("shared_documents")
    if not changed:
        return referral
    for field, value in data.items():
        setattr(referral, field, value)
    referral.approved_by, referral.approved_at = None, None
    if changed & set(CONSENT_FIELDS):
        referral.consent_given, referral.consent_on, referral.consent_recorded_by = (
            False,
            None,
            None,
        )
    _validate_draft(referral)
    referral.full_clean()
    with set_actor(actor):
        referral.save()
        if documents is not None:
            referral.shared_documents.set(documents)
    return referral


@transaction.atomic
def record_consent(
    *, referral: Referral, actor: User, on_date: datetime.date | None = None
) -> Referral:
    """Record that the person signed the referral form (the referral is voluntary)."""
    permissions.ensure_can_send(actor, referral)
    if referral.status != Status.DRAFT:
        raise ValidationError("El consentimiento se registra antes de enviar la derivación.")
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise ValidationError({"on_date": "La fecha no puede estar en el futuro."})
    referral.consent_given = True
    referral.consent_on = on_date
    referral.consent_recorded_by = actor
    with set_actor(actor):
        referral.save()
    return referral


@transaction.atomic
def approve_referral(*, referral: Referral, actor: User) -> Referral:
    """Supervision's approval (visado) of a draft, required before sending."""
    if not permissions.can_approve(actor, referral):
        raise PermissionDenied("Solo supervisión técnica o coordinación aprueban derivaciones.")
    if referral.status != Status.DRAFT:
        raise ValidationError("Solo se aprueba una derivación en borrador.")
    referral.approved_by = actor
    referral.approved_at = timezone.now()
    with set_actor(actor):
        referral.save()
    notifications.referral_approved(referral, actor=actor)
    return referral


@transaction.atomic
def send_referral(*, referral: Referral, actor: User) -> Referral:
    """Send a draft to its institution; the institution's response time starts now."""
    permissions.ensure_can_send(actor, referral)
    ensure_move_allowed(referral.status, Status.SENT, TEAM)
    errors = []
    if not referral.consent_given:
        errors.append("Falta el consentimiento firmado de la persona.")
    if not referral.approved_at:
        errors.append("Falta la aprobación (visado) de supervisión técnica.")
    if errors:
        raise ValidationError(errors, code="not_ready")
    _validate_draft(referral)
    now = timezone.now()
    referral.status = Status.SENT
    referral.sent_at = now
    referral.answer_due_at = now + datetime.timedelta(hours=referral.institution.response_hours)
    referral.full_clean()
    with set_actor(actor):
        referral.save()
        _event(referral, from_status=Status.DRAFT, to_status=Status.SENT, actor=actor, at=now)
    notifications.new_referral(referral)
    return referral


@transaction.atomic
def discard_draft(*, referral: Referral, actor: User) -> None:
    """Delete a referral that was never sent."""
    permissions.ensure_can_send(actor, referral)
    if referral.status != Status.DRAFT:
        raise ValidationError("Solo se puede eliminar una derivación en borrador.")
    with set_actor(actor):
        referral.delete()


def _move(*, referral, actor, to_status, note, rejection_reason) -> Referral:
    # Lock the row: two users may answer at once.
    referral = (
        Referral.objects.select_for_update().select_related("institution").get(pk=referral.pk)
    )
    now = timezone.now()
    steps = [to_status]
    if referral.status == Status.SENT and to_status in ANSWERS:
        steps = [Status.RECEIVED, to_status]
    current = referral.status
    for step in steps:
        ensure_move_allowed(current, step, PARTNER)
        current = step
    if to_status == Status.REJECTED and not rejection_reason.strip():
        raise ValidationError({"rejection_reason": "Indique el motivo del rechazo."})
    with set_actor(actor):
        for step in steps:
            _event(
                referral,
                from_status=referral.status,
                to_status=step,
                actor=actor,
                at=now,
                note=(rejection_reason.strip() if step == Status.REJECTED else note.strip())
                if step == to_status
                else "",
            )
            referral.status = step
        if Status.RECEIVED in steps:
            referral.received_at = now
        if to_status in ANSWERS and referral.answered_at is None:
            referral.answered_at = now
        if to_status == Status.REJECTED:
            referral.rejection_reason = rejection_reason.strip()
        if to_status in FINAL:
            referral.closed_at = now
        referral.full_clean()
        referral.save()
    return referral


@transaction.atomic
def move_referral(
    *,
    referral: Referral,
    actor: User,
    to_status: str,
    note: str = "",
    rejection_reason: str = "",
) -> Referral:
    """The institution moves a referral along its workflow (``red.workflow``).

    Answering (accept, waiting list, reject) a referral not yet acknowledged records its
    reception first, at the same moment. A rejection needs its reason.
    """
    permissions.ensure_partner_of(actor, referral)
    referral = _move(
        referral=referral,
        actor=actor,
        to_status=to_status,
        note=note,
        rejection_reason=rejection_reason,
    )
    if to_status != Status.RECEIVED:
        notifications.referral_answered(referral, to_status=to_status, note=note)
    return referral


@transaction.atomic
def record_answer_received_elsewhere(
    *,
    referral: Referral,
    actor: User,
    to_status: str,
    note: str,
    rejection_reason: str = "",
) -> Referral:
    """The sending team records an institution's answer that came by phone, e-mail or letter
    (many institutions of the network have no portal users).

    The same moves as the institution's (``red.workflow``), with the team member as actor and
    a note saying how and from whom the answer came.
    """
    permissions.ensure_can_send(actor, referral)
    if not note.strip():
        raise ValidationError({"note": "Indique cómo y quién de la institución respondió."})
    return _move(
        referral=referral,
        actor=actor,
        to_status=to_status,
        note=f"Respuesta recibida fuera del portal: {note.strip()}",
        rejection_reason=rejection_reason,
    )


@transaction.atomic
def withdraw_referral(*, referral: Referral, actor: User, reason: str) -> Referral:
    """The sending team closes an open referral (e.g. the case left the program), with the
    reason as the event's note; the institution is told by e-mail."""
    permissions.ensure_can_send(actor, referral)
    if not reason.strip():
        raise ValidationError({"reason": "Indique el motivo del cierre de la derivación."})
    referral = (
        Referral.objects.select_for_update().select_related("institution").get(pk=referral.pk)
    )
    ensure_move_allowed(referral.status, Status.WITHDRAWN, TEAM)
    now = timezone.now()
    with set_actor(actor):
        _event(
            referral,
            from_status=referral.status,
            to_status=Status.WITHDRAWN,
            actor=actor,
            at=now,
            note=reason.strip(),
        )
        referral.status = Status.WITHDRAWN
        referral.closed_at = now
        referral.full_clean()
        referral.save()
    notifications.referral_withdrawn(referral)
    notifications.referral_closed_by_team(referral, actor=actor)
    return referral


@transaction.atomic
def withdraw_open_referrals(*, case: Case, actor: User, reason: str) -> list[Referral]:
    """Close every open referral of ``case`` (``withdraw_referral``), e.g. on its closing."""
    return [
        withdraw_referral(referral=referral, actor=actor, reason=reason)
        for referral in case.referrals.filter(status__in=OPEN).order_by("pk")
    ]


@transaction.atomic
def record_progress(*, referral: Referral, actor: User, note: str) -> ReferralEvent:
    """A progress note from the institution; the state does not change."""
    permissions.ensure_partner_of(actor, referral)
    if referral.status not in (Status.ACCEPTED, Status.WAITING_LIST, Status.IN_PROGRESS):
        raise ValidationError(
            "Los avances se registran mientras la derivación está aceptada, en espera o en curso."
        )
    if not note.strip():
        raise ValidationError({"note": "Escriba el avance."})
    with set_actor(actor):
        event = _event(
            referral,
            from_status=referral.status,
            to_status=referral.status,
            actor=actor,
            at=timezone.now(),
            note=note.strip(),
        )
    notifications.referral_answered(referral, to_status=referral.status, note=note, progress=True)
    return event


@transaction.atomic
def record_outcome(
    *,
    referral: Referral,
    actor: User,
    outcome_kind: str,
    outcome_on: datetime.date,
    employer: str = "",
    job_start_on: datetime.date | None = None,
    cost_reduction: int | None = None,
    notes: str = "",
) -> Referral:
    """The institution records what became of the referral.

    The referral moves on to the status the outcome implies (``workflow.OUTCOME_STATUS``),
    one recorded move of the table at a time; it never goes back. A job placement (hired,
    self-employed, funded business) also updates the case's labour status through
    ``reinsercion.actions.record_labour_outcome``: the right to do so is this function's
    partner check.
    """
    permissions.ensure_partner_of(actor, referral)
    errors = {}
    if referral.status not in OUTCOME_STATES:
        raise ValidationError(
            "El resultado se registra cuando la derivación fue aceptada, está en curso o finalizó."
        )
    if outcome_kind not in OutcomeKind.values:
        errors["outcome_kind"] = "Elija el resultado."
    if outcome_on and outcome_on > timezone.localdate():
        errors["outcome_on"] = "La fecha no puede estar en el futuro."
    if outcome_kind == OutcomeKind.HIRED:
        if not employer.strip():
            errors["employer"] = "Indique el empleador/a."
        if not job_start_on:
            errors["job_start_on"] = "Indique la fecha de inicio del trabajo."
    if cost_reduction not in (None, "", 50, 100):
        errors["cost_reduction"] = "La rebaja de costo es de 50 % o 100 %."
    if errors:
        raise ValidationError(errors)
    referral.outcome_kind = outcome_kind
    referral.outcome_on = outcome_on or timezone.localdate()
    referral.employer = employer.strip()
    referral.job_start_on = job_start_on
    referral.cost_reduction = cost_reduction or None
    referral.outcome_notes = notes.strip()
    now = timezone.now()
    steps = partner_path(referral.status, OUTCOME_STATUS[outcome_kind])
    with set_actor(actor):
        for step in steps:
            _event(referral, from_status=referral.status, to_status=step, actor=actor, at=now)
            referral.status = step
        if referral.status in FINAL and referral.closed_at is None:
            referral.closed_at = now
        referral.full_clean()
        referral.save()
    # Outside the block above: auditlog's context does not nest.
    labour = LABOUR_OUTCOMES.get(outcome_kind)
    if labour:
        case_actions.record_labour_outcome(
            case=referral.case,
            actor=actor,
            labour_outcome=labour,
            source=f"{referral} a {referral.institution}: {OutcomeKind(outcome_kind).label}",
        )
    notifications.outcome_recorded(referral)
    return referral


@transaction.atomic
def post_message(*, referral: Referral, actor: User, body: str) -> ReferralMessage:
    """A message about a sent referral, from the institution or from the sending team."""
    if permissions.can_send(actor, referral):
        from_partner = False
    elif permissions.is_partner_of(actor, referral):
        from_partner = True
    else:
        raise PermissionDenied("No participa en esta derivación.")
    if referral.status == Status.DRAFT:
        raise ValidationError("La derivación aún no se ha enviado.")
    if not body.strip():
        raise ValidationError({"body": "Escriba el mensaje."})
    with set_actor(actor):
        message = ReferralMessage.objects.create(
            referral=referral, author=actor, from_partner=from_partner, body=body.strip()
        )
    notifications.new_message(message)
    return message


@transaction.atomic
def log_access(*, referral: Referral, actor: User, what: str = "detail") -> ReferralAccess:
    """Record that a partner user opened a referral (or its PDF)."""
    permissions.ensure_partner_of(actor, referral)
    with set_actor(actor):
        return ReferralAccess.objects.create(referral=referral, user=actor, what=what)
