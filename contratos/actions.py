"""Every change to templates and social contracts goes through these functions.

Keyword-only arguments, an explicit ``actor``, the permission check first, one transaction,
saves recorded by the audit log with the actor as author.
"""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from familias.public import family_members
from reinsercion.cases.models import Case
from reinsercion.cases.permissions import ensure_can_change
from reinsercion.notifications.actions import queue_email
from reinsercion.people.rut import normalize_rut
from reinsercion.programs.models import Program, User
from reinsercion.programs.permissions import can_manage_program

from .choices import ClauseSection, ContractStatus, SignatureMethod, SignerRole
from .models import (
    ContractBreach,
    ContractDelivery,
    ContractSigner,
    ContractTemplate,
    ContractTemplateVersion,
    SocialContract,
)
from .pdf import render_contract_pdf
from .rendering import contract_text, unknown_placeholders
from .signatures import check_png, comparable_name


# Templates ------------------------------------------------------------------------------
def _clean_clauses(clauses: dict) -> dict:
    cleaned = {}
    for section in ClauseSection:
        items = [c.strip() for c in clauses.get(section.value, []) if c and c.strip()]
        if items:
            cleaned[section.value] = items
    unknown = set(clauses) - set(ClauseSection.values)
    if unknown:
        raise ValidationError(f"Secciones desconocidas: {', '.join(sorted(unknown))}.")
    return cleaned


def _check_version_text(*, title, preamble, clauses, closing):
    errors = {}
    if not title.strip():
        errors["title"] = "Indique el título del contrato."
    if not preamble.strip():
        errors["preamble"] = "Escriba la introducción del contrato."
    for field, text in (("preamble", preamble), ("closing", closing)):
        unknown = unknown_placeholders(text)
        if unknown:
            errors[field] = (
                "Marcadores desconocidos: "
                + ", ".join("{" + u + "}" for u in unknown)
                + ". Use {beneficiario}, {rut}, {programa}, {institucion} o {comuna}."
            )
    for section in (ClauseSection.BENEFICIARY_DUTIES, ClauseSection.RIGHTS):
        if not clauses.get(section.value):
            errors[section.value] = f"La sección «{section.label}» necesita al menos una cláusula."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_template(
    *,
    program: Program,
    actor: User,
    name: str,
    title: str,
    preamble: str,
    clauses: dict,
    closing: str = "",
) -> ContractTemplate:
    """Create a program's contract template with its first version."""
    if not can_manage_program(actor, program):
        raise PermissionDenied("Solo la coordinación del programa edita el contrato social.")
    clauses = _clean_clauses(clauses)
    _check_version_text(title=title, preamble=preamble, clauses=clauses, closing=closing)
    if ContractTemplate.objects.filter(program=program, name=name).exists():
        raise ValidationError({"name": "Ya existe una plantilla con ese nombre en el programa."})
    with set_actor(actor):
        template = ContractTemplate.objects.create(program=program, name=name)
        ContractTemplateVersion.objects.create(
            template=template,
            number=1,
            title=title,
            preamble=preamble,
            clauses=clauses,
            closing=closing,
            change_note="Versión inicial.",
            created_by=actor,
        )
    return template


@transaction.atomic
def edit_template(
    *,
    template: ContractTemplate,
    actor: User,
    title: str,
    preamble: str,
    clauses: dict,
    closing: str = "",
    change_note: str = "",
) -> ContractTemplateVersion:
    """Editing a template creates its next version; contracts keep the version they have."""
    if not can_manage_program(actor, template.program):
        raise PermissionDenied("Solo la coordinación del programa edita el contrato social.")
    clauses = _clean_clauses(clauses)
    _check_version_text(title=title, preamble=preamble, clauses=clauses, closing=closing)
    if not change_note.strip():
        raise ValidationError({"change_note": "Indique qué cambia en esta versión."})
    last = (
        ContractTemplateVersion.objects.select_for_update()
        .filter(template=template)
        .order_by("-number")
        .first()
    )
    if last is not None and (last.title, last.preamble, last.clauses, last.closing) == (
        title,
        preamble,
        clauses,
        closing,
    ):
        raise ValidationError("No hay cambios respecto de la versión vigente.")
    with set_actor(actor):
        return ContractTemplateVersion.objects.create(
            template=template,
            number=(last.number if last else 0) + 1,
            title=title,
            preamble=preamble,
            clauses=clauses,
            closing=closing,
            change_note=change_note,
            created_by=actor,
        )


# Contracts ------------------------------------------------------------------------------
def current_template_version(program) -> ContractTemplateVersion | None:
    template = (
        ContractTemplate.objects.filter(program=program, is_active=True).order_by("pk").first()
    )
    return template.current_version if template else None


@transaction.atomic
def prepare_contract(
    *,
    case: Case,
    actor: User,
    family_member_ids=(),
    responsible_adults: dict | None = None,
    particular_clauses: str = "",
    amendment_reason: str = "",
    victim_reason: str = "",
) -> SocialContract:
    """Prepare a contract (a draft) for ``case`` with its signers.

    A family member recorded as the victim of the offence signs only with an explicit
    reason (``victim_reason``), kept on the contract and printed on it.

    The beneficiary always signs; family members who sign must have a RUT; a minor signs
    only alongside a responsible adult who also signs (``responsible_adults`` maps the
    minor's member id to the adult's member id). If the case already has a signed
    contract, the new one is an amendment of the latest and needs a reason.
    """
    ensure_can_change(case=case, user=actor)
    responsible_adults = {int(k): int(v) for k, v in (responsible_adults or {}).items() if v}
    version = current_template_version(case.program)
    if version is None:
        raise ValidationError(
            f"El programa {case.program.code} no tiene una plantilla de contrato social."
        )
    if case.is_closed:
        raise ValidationError("El caso está cerrado: no se preparan contratos nuevos.")
    if SocialContract.objects.filter(case=case, status=ContractStatus.DRAFT).exists():
        raise ValidationError("El caso ya tiene un contrato en preparación: fírmelo o descártelo.")
    if not case.person.rut:
        raise ValidationError("El beneficiario/a no tiene RUT registrado.")
    errors = {}
    members = {m.id: m for m in family_members(case)}
    chosen_ids = [int(i) for i in family_member_ids]
    unknown = [i for i in chosen_ids if i not in members]
    if unknown:
        errors["family_member_ids"] = "Uno de los firmantes no pertenece al grupo familiar."
    chosen = [members[i] for i in chosen_ids if i in members]
    without_rut = [m.full_name for m in chosen if not m.rut]
    if without_rut:
        errors["family_member_ids"] = (
            f"Registre el RUT de {', '.join(without_rut)} antes de incluirlo/a como firmante."
        )
    minors_problems = []
    for m in chosen:
        if m.is_minor:
            adult_id = responsible_adults.get(m.id)
            adult = members.get(adult_id)
            if adult is None or adult_id not in chosen_ids or adult.is_minor:
                minors_problems.append(
                    f"{m.full_name} es menor de edad (o no tiene fecha de nacimiento): solo "
                    "firma junto a un adulto responsable que también firme el contrato."
                )
    if minors_problems:
        errors["responsible_adults"] = minors_problems
    victims = [m.full_name for m in chosen if m.is_victim]
    if victims and not victim_reason.strip():
        errors["victim_reason"] = (
            f"{', '.join(victims)} está registrado/a como víctima del delito: confirme que "
            "firmará el contrato e indique el motivo."
        )
    latest_signed = (
        SocialContract.objects.filter(case=case, status=ContractStatus.SIGNED)
        .order_by("-number")
        .first()
    )
    if latest_signed is not None and not amendment_reason.strip():
        errors["amendment_reason"] = (
            "El caso ya tiene un contrato firmado: esta versión es una enmienda; indique su motivo."
        )
    if errors:
        raise ValidationError(errors)
    last_number = (
        SocialContract.objects.filter(case=case)
        .order_by("-number")
        .values_list("number", flat=True)
    ).first() or 0
    with set_actor(actor):
        contract = SocialContract(
            case=case,
            number=last_number + 1,
            template_version=version,
            amends=latest_signed,
            amendment_reason=amendment_reason.strip() if latest_signed else "",
            particular_clauses=particular_clauses.strip(),
            victim_cosigner_reason=victim_reason.strip() if victims else "",
            created_by=actor,
        )
        contract.full_clean()
        contract.save()
        person = case.person
        ContractSigner.objects.create(
            contract=contract,
            role=SignerRole.BENEFICIARY,
            full_name=person.full_name,
            rut=normalize_rut(person.rut),
            order=0,
        )
        by_member = {}
        for order, m in enumerate(sorted(chosen, key=lambda m: m.is_minor), start=1):
            by_member[m.id] = ContractSigner.objects.create(
                contract=contract,
                role=SignerRole.FAMILY,
                family_member_id=m.id,
                full_name=m.full_name,
                rut=normalize_rut(m.rut),
                relationship=m.relationship,
                email=m.email,
                is_minor=m.is_minor,
                order=order,
            )
        for m in chosen:
            if m.is_minor:
                signer = by_member[m.id]
                signer.responsible_adult = by_member[responsible_adults[m.id]]
                signer.save()
    return contract


@transaction.atomic
def discard_draft(*, contract: SocialContract, actor: User) -> None:
    ensure_can_change(case=contract.case, user=actor)
    if contract.is_signed:
        raise ValidationError("Un contrato firmado no se puede descartar.")
    with set_actor(actor):
        # Minors first: they point to the responsible adult who signs with them.
        signers = sorted(contract.signers.all(), key=lambda s: s.responsible_adult_id is None)
        for signer in signers:
            signer.delete()
        contract.delete()


def _check_identity(signer, name, rut) -> list[str]:
    problems = []
    try:
        given = normalize_rut(rut)
    except ValidationError as e:
        return [f"RUT de {signer.full_name}: {' '.join(e.messages)}"]
    if given != signer.rut:
        problems.append(
            f"El RUT ingresado no corresponde a {signer.full_name}: verifique su cédula de "
            "identidad."
        )
    if comparable_name(name) != comparable_name(signer.full_name):
        problems.append(
            f"El nombre ingresado no coincide con el del firmante ({signer.full_name})."
        )
    return problems


@transaction.atomic
def sign_contract(
    *,
    contract: SocialContract,
    actor: User,
    place: str,
    identities: dict,
    signatures: dict,
) -> SocialContract:
    """Sign a contract in person and freeze it.

    ``identities`` maps each signer's pk to the ``(name, rut)`` read from their ID card;
    ``signatures`` maps each signer's pk to ``{"png": bytes}`` (drawn) or
    ``{"typed_name": str}`` (fallback). Every signer must be identified and must sign.
    The exact text, signers, signatures, place and time are frozen; the SHA-256 of that
    content is printed on every page of the PDF, which goes to the private storage.
    """
    ensure_can_change(case=contract.case, user=actor)
    contract = SocialContract.objects.select_for_update().get(pk=contract.pk)
    if contract.is_signed:
        raise ValidationError("Este contrato ya está firmado.")
    signers = list(contract.signers.select_related("responsible_adult").order_by("order", "pk"))
    problems = []
    clean_pngs = {}
    if not place.strip():
        problems.append("Indique el lugar de la firma.")
    for signer in signers:
        identity = identities.get(signer.pk)
        if identity is None:
            problems.append(f"Falta confirmar la identidad de {signer.full_name}.")
        else:
            problems.extend(_check_identity(signer, *identity))
        signature = signatures.get(signer.pk) or {}
        png = signature.get("png") or b""
        typed = (signature.get("typed_name") or "").strip()
        if png:
            try:
                clean_pngs[signer.pk] = check_png(png)
            except ValidationError as e:
                problems.append(f"Firma de {signer.full_name}: {' '.join(e.messages)}")
        elif typed:
            if comparable_name(typed) != comparable_name(signer.full_name):
                problems.append(f"El nombre escrito como firma no coincide con {signer.full_name}.")
        else:
            problems.append(f"Falta la firma de {signer.full_name}.")
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with set_actor(actor):
        for signer in signers:
            signature = signatures[signer.pk]
            signer.identity_confirmed_at = now
            if signature.get("png"):
                signer.signature_method = SignatureMethod.DRAWN
                signer.typed_name = ""
                signer.signature.save(
                    f"contratos/{contract.case_id}/{contract.pk}/firma-{signer.pk}.png",
                    ContentFile(clean_pngs[signer.pk]),
                    save=False,
                )
            else:
                signer.signature_method = SignatureMethod.TYPED
                signer.typed_name = signature["typed_name"].strip()
            signer.save()
        contract.signed_text = contract_text(contract, signers)
        contract.place = place.strip()
        contract.signed_at = now
        contract.signing_staff = actor
        contract.content_sha256 = contract.compute_sha256()
        pdf_bytes = render_contract_pdf(contract, signers)
        contract.pdf.save(
            f"contratos/{contract.case_id}/contrato-{contract.pk}-v{contract.number}.pdf",
            ContentFile(pdf_bytes),
            save=False,
        )
        contract.status = ContractStatus.SIGNED
        contract.full_clean()
        contract.save()
    return contract


@transaction.atomic
def record_breach(
    *,
    contract: SocialContract,
    actor: User,
    occurred_on: datetime.date,
    description: str,
) -> ContractBreach:
    """Record a breach (incumplimiento) against a signed contract."""
    ensure_can_change(case=contract.case, user=actor)
    errors = {}
    if not contract.is_signed:
        raise ValidationError("Solo se registran incumplimientos de un contrato firmado.")
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = "La fecha no puede estar en el futuro."
    elif occurred_on < timezone.localtime(contract.signed_at).date():
        errors["occurred_on"] = "La fecha no puede ser anterior a la firma del contrato."
    if not description.strip():
        errors["description"] = "Describa el incumplimiento."
    if errors:
        raise ValidationError(errors)
    breach = ContractBreach(
        contract=contract, occurred_on=occurred_on, description=description, recorded_by=actor
    )
    with set_actor(actor):
        breach.save()
    return breach


@transaction.atomic
def email_contract(
    *, contract: SocialContract, actor: User, signer: ContractSigner, email: str
) -> ContractDelivery:
    """E-mail the signed PDF to one of its signers; the delivery is recorded."""
    ensure_can_change(case=contract.case, user=actor)
    if not contract.is_signed or not contract.pdf:
        raise ValidationError("Solo se envía un contrato firmado.")
    if signer.contract_id != contract.pk:
        raise ValidationError({"signer": "La persona no firmó este contrato."})
    if not email.strip():
        raise ValidationError({"email": "Indique el correo electrónico."})
    program = contract.case.program
    signed_on = timezone.localtime(contract.signed_at).strftime("%d-%m-%Y")
    delivery = ContractDelivery(
        contract=contract, signer=signer, email=email.strip(), sent_by=actor
    )
    delivery.full_clean()
    # The background worker sends it (and retries a refusal); the queued e-mail keeps its state.
    delivery.outgoing = queue_email(
        to=[email.strip()],
        subject=f"Su copia del contrato social · {program.name}",
        body=(
            f"Estimado/a {signer.full_name}:\n\n"
            f"Adjuntamos su copia del contrato social del programa {program.name}, "
            f"firmado el {signed_on} en {contract.place}.\n\n"
            f"Código de verificación (SHA-256): {contract.content_sha256}\n\n"
            f"Equipo {program.owner or program.name}"
        ),
        attachment_path=contract.pdf.name,
        attachment_name=f"contrato-social-v{contract.number}.pdf",
        attachment_type="application/pdf",
    )
    with set_actor(actor):
        delivery.save()
    return delivery
