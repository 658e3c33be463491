"""Every change to a case's family goes through these functions.

Keyword-only arguments, an explicit ``actor``, the permission check first, one transaction,
saves recorded by the audit log with the actor as author.
"""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from reinsercion.cases.models import Case
from reinsercion.cases.permissions import can_change_case, ensure_can_change
from reinsercion.people.rut import normalize_rut
from reinsercion.programs.models import User

from .choices import InterventionKind
from .models import (
    FamilyIntervention,
    FamilyMember,
    FamilyProblem,
    GroupTalk,
    SignificantReferent,
)

MEMBER_FIELDS = (
    "first_names",
    "last_names",
    "rut",
    "sex",
    "relationship",
    "birth_date",
    "phone",
    "email",
    "address",
    "lives_with_beneficiary",
    "indirect_beneficiary",
    "is_victim",
    "is_antisocial_peer",
    "denies_offence",
    "notes",
)


def referent_refusals(member: FamilyMember, on: datetime.date) -> list[str]:
    """Why ``member`` may not be the referente significativo on ``on`` (empty: eligible).

    LV norms §2.2 and §4.9 (seeds/002): never a minor, a peer with marked antisocial
    attitudes, someone who denies the offence or its consequences for the victim (or
    validates the conduct without questioning it), nor the victim.
    """
    reasons = []
    name = member.full_name
    age = member.age(on)
    if age is None:
        reasons.append(
            f"Falta la fecha de nacimiento de {name}: el referente significativo debe ser "
            "mayor de edad y no es posible verificarlo."
        )
    elif age < 18:
        reasons.append(
            f"{name} tiene {age} años: un menor de edad no puede ser referente significativo."
        )
    if member.is_victim:
        reasons.append(f"{name} es víctima del delito: la víctima no puede ser referente.")
    if member.is_antisocial_peer:
        reasons.append(
            f"{name} está registrado/a como par con actitudes antisociales: no puede ser "
            "referente significativo."
        )
    if member.denies_offence:
        reasons.append(
            f"{name} niega el delito o su daño (o valida el actuar sin cuestionarlo): no puede "
            "ser referente significativo."
        )
    return reasons


def _clean_member_data(data: dict) -> dict:
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    if data.get("rut"):
        try:
            data["rut"] = normalize_rut(data["rut"])
        except ValidationError as e:
            raise ValidationError({"rut": e.messages}) from e
    birth_date = data.get("birth_date")
    if birth_date and birth_date > timezone.localdate():
        raise ValidationError({"birth_date": "La fecha de nacimiento no puede estar en el futuro."})
    return data


def _ensure_rut_is_not_beneficiary(case: Case, rut: str):
    if rut and rut == case.person.rut:
        raise ValidationError({"rut": "Ese RUT es el del beneficiario/a del caso."})


@transaction.atomic
def add_member(*, case: Case, actor: User, **data) -> FamilyMember:
    """Add a person to the case's family group."""
    ensure_can_change(case=case, user=actor)
    data = _clean_member_data(data)
    _ensure_rut_is_not_beneficiary(case, data.get("rut", ""))
    member = FamilyMember(case=case, **data)
    member.full_clean()
    with set_actor(actor):
        member.save()
    return member


@transaction.atomic
def update_member(
    *, member: FamilyMember, actor: User, **data
) -> tuple[FamilyMember, SignificantReferent | None]:
    """Edit a member. If the member is the current referente and no longer qualifies (e.g.
    now recorded as an antisocial peer), the designation ends today, with the reasons.

    Returns the member and the designation that ended, if any.
    """
    ensure_can_change(case=member.case, user=actor)
    data = _clean_member_data(data)
    _ensure_rut_is_not_beneficiary(member.case, data.get("rut", ""))
    for field, value in data.items():
        setattr(member, field, value)
    member.full_clean()
    ended = None
    with set_actor(actor):
        member.save()
        current = SignificantReferent.objects.filter(member=member, ended_on__isnull=True).first()
        today = timezone.localdate()
        if current is not None:
            reasons = referent_refusals(member, today)
            if reasons:
                current.ended_on = max(today, current.started_on)
                current.end_reason = "Dejó de cumplir los requisitos: " + " ".join(reasons)
                current.save()
                ended = current
    return member, ended


@transaction.atomic
def remove_member(*, member: FamilyMember, actor: User) -> None:
    """Remove a member recorded by mistake. Members with a history (referente, signed
    contracts) cannot be removed: their records must stay."""
    ensure_can_change(case=member.case, user=actor)
    if member.referent_periods.exists():
        raise ValidationError(
            f"{member.full_name} figura en el historial de referentes significativos: no se "
            "puede eliminar."
        )
    try:
        with set_actor(actor):
            member.delete()
    except ProtectedError as e:
        raise ValidationError(
            f"{member.full_name} tiene registros asociados: no se puede eliminar."
        ) from e


@transaction.atomic
def designate_referent(
    *,
    case: Case,
    member: FamilyMember,
    actor: User,
    reason: str,
    started_on: datetime.date | None = None,
) -> SignificantReferent:
    """Make ``member`` the case's referente significativo from ``started_on``.

    Refuses a minor, the victim, an antisocial peer and someone who denies the offence or
    its harm. The previous designation, if any, ends the same day.
    """
    ensure_can_change(case=case, user=actor)
    if member.case_id != case.pk:
        raise ValidationError({"member": "La persona no pertenece al grupo familiar del caso."})
    started_on = started_on or timezone.localdate()
    errors = {}
    if started_on > timezone.localdate():
        errors["started_on"] = "La fecha no puede estar en el futuro."
    reasons = referent_refusals(member, started_on)
    if reasons:
        errors["member"] = reasons
    if not reason.strip():
        errors["reason"] = "Explique por qué esta persona es un apoyo y figura de control."
    current = (
        SignificantReferent.objects.select_for_update()
        .filter(case=case, ended_on__isnull=True)
        .first()
    )
    if current is not None:
        if current.member_id == member.pk:
            errors["member"] = [f"{member.full_name} ya es el referente significativo vigente."]
        elif started_on < current.started_on:
            errors["started_on"] = (
                "La fecha no puede ser anterior al inicio del referente vigente "
                f"({current.started_on:%d-%m-%Y})."
            )
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        if current is not None:
            current.ended_on = started_on
            current.end_reason = f"Reemplazado/a por {member.full_name}."
            current.save()
        referent = SignificantReferent(
            case=case, member=member, started_on=started_on, reason=reason, chosen_by=actor
        )
        referent.full_clean()
        referent.save()
    return referent


@transaction.atomic
def end_referent(
    *, case: Case, actor: User, reason: str, ended_on: datetime.date | None = None
) -> SignificantReferent:
    """End the current designation without naming another referente."""
    ensure_can_change(case=case, user=actor)
    current = (
        SignificantReferent.objects.select_for_update()
        .filter(case=case, ended_on__isnull=True)
        .first()
    )
    if current is None:
        raise ValidationError("El caso no tiene un referente significativo vigente.")
    ended_on = ended_on or timezone.localdate()
    errors = {}
    if ended_on < current.started_on:
        errors["ended_on"] = (
            f"La fecha no puede ser anterior al inicio ({current.started_on:%d-%m-%Y})."
        )
    if ended_on > timezone.localdate():
        errors["ended_on"] = "La fecha no puede estar en el futuro."
    if not reason.strip():
        errors["reason"] = "Indique el motivo del término."
    if errors:
        raise ValidationError(errors)
    current.ended_on = ended_on
    current.end_reason = reason
    with set_actor(actor):
        current.save()
    return current


@transaction.atomic
def record_problem(
    *,
    case: Case,
    actor: User,
    kind: str,
    identified_on: datetime.date,
    description: str = "",
) -> FamilyProblem:
    ensure_can_change(case=case, user=actor)
    if identified_on > timezone.localdate():
        raise ValidationError({"identified_on": "La fecha no puede estar en el futuro."})
    if kind == "other" and not description.strip():
        raise ValidationError({"description": "Describa la problemática."})
    duplicate = FamilyProblem.objects.filter(case=case, kind=kind, resolved_on__isnull=True)
    if kind != "other" and duplicate.exists():
        raise ValidationError({"kind": "Esta problemática ya está registrada y vigente."})
    problem = FamilyProblem(
        case=case,
        kind=kind,
        identified_on=identified_on,
        description=description,
        recorded_by=actor,
    )
    problem.full_clean()
    with set_actor(actor):
        problem.save()
    return problem


@transaction.atomic
def resolve_problem(
    *, problem: FamilyProblem, actor: User, resolved_on: datetime.date | None = None
) -> FamilyProblem:
    ensure_can_change(case=problem.case, user=actor)
    resolved_on = resolved_on or timezone.localdate()
    if resolved_on < problem.identified_on:
        raise ValidationError(
            {"resolved_on": "La fecha no puede ser anterior a la de identificación."}
        )
    if resolved_on > timezone.localdate():
        raise ValidationError({"resolved_on": "La fecha no puede estar en el futuro."})
    problem.resolved_on = resolved_on
    with set_actor(actor):
        problem.save()
    return problem


def _check_intervention(case, *, held_on, attendees, kind):
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "La fecha no puede estar en el futuro."
    if held_on < case.opened_on:
        errors["held_on"] = (
            f"La fecha no puede ser anterior al ingreso del caso ({case.opened_on:%d-%m-%Y})."
        )
    if kind not in InterventionKind.values:
        errors["kind"] = "Tipo de intervención desconocido."
    foreign = [m for m in attendees if m.case_id != case.pk]
    if foreign:
        errors["attendees"] = "Los asistentes deben pertenecer al grupo familiar del caso."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_intervention(
    *,
    case: Case,
    actor: User,
    kind: str,
    held_on: datetime.date,
    ambit: str,
    attendees=(),
    beneficiary_attended: bool = False,
    notes: str = "",
    other_cases=(),
    topic: str = "",
    place: str = "",
) -> FamilyIntervention:
    """Record a family intervention on ``case``.

    A talk (charla) can be given to several families at once: ``other_cases`` (same program,
    cases the actor may change) each get their own record, linked to one group talk; their
    attendees are marked later on each case.
    """
    ensure_can_change(case=case, user=actor)
    attendees = list(attendees)
    _check_intervention(case, held_on=held_on, attendees=attendees, kind=kind)
    other_cases = [c for c in other_cases if c.pk != case.pk]
    group_talk = None
    if other_cases:
        if kind != InterventionKind.TALK:
            raise ValidationError(
                {"other_cases": "Solo una charla informativa se registra para varias familias."}
            )
        if not topic.strip():
            raise ValidationError({"topic": "Indique el tema de la charla."})
        for other in other_cases:
            if other.program_id != case.program_id:
                raise ValidationError(
                    {"other_cases": f"El caso de {other.person} es de otro programa."}
                )
            if not can_change_case(actor, other):
                raise PermissionDenied("No puede registrar intervenciones en uno de los casos.")
    with set_actor(actor):
        if other_cases or (kind == InterventionKind.TALK and topic.strip()):
            group_talk = GroupTalk(
                program=case.program, held_on=held_on, topic=topic, place=place, recorded_by=actor
            )
            group_talk.full_clean()
            group_talk.save()
        records = []
        for target in [case, *other_cases]:
            record = FamilyIntervention(
                case=target,
                kind=kind,
                held_on=held_on,
                ambit=ambit,
                beneficiary_attended=beneficiary_attended if target == case else False,
                notes=notes,
                group_talk=group_talk,
                recorded_by=actor,
            )
            record.full_clean()
            record.save()
            records.append(record)
        records[0].attendees.set(attendees)
    return records[0]


@transaction.atomic
def update_intervention(
    *,
    intervention: FamilyIntervention,
    actor: User,
    held_on: datetime.date,
    ambit: str,
    attendees=(),
    beneficiary_attended: bool = False,
    notes: str = "",
) -> FamilyIntervention:
    """Correct an intervention or mark who attended (e.g. after a group talk)."""
    case = intervention.case
    ensure_can_change(case=case, user=actor)
    attendees = list(attendees)
    _check_intervention(case, held_on=held_on, attendees=attendees, kind=intervention.kind)
    intervention.held_on = held_on
    intervention.ambit = ambit
    intervention.beneficiary_attended = beneficiary_attended
    intervention.notes = notes
    intervention.full_clean()
    with set_actor(actor):
        intervention.save()
        intervention.attendees.set(attendees)
    return intervention
