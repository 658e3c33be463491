"""The signed contract as a PDF, on the institution's letterhead, with the content hash on
every page and a signature block for each party: the person, the family members who sign,
the municipality's representative and the team's ministro de fe."""

import base64

from django.utils import timezone

from reinsercion.paperwork import Document, PdfError, current_letterhead, render_pdf

from .choices import SignerRole
from .rendering import paragraphs

__all__ = ["PdfError", "render_contract_pdf", "signature_blocks"]


def signature_blocks(contract, signers, letterhead) -> list[dict]:
    """One block per party, in the order they sign."""
    blocks = []
    for signer in signers:
        data = signer.signature_bytes()
        if signer.role == SignerRole.BENEFICIARY:
            role = "Beneficiario/a"
        else:
            role = (
                f"Familiar ({signer.relationship.lower()})" if signer.relationship else "Familiar"
            )
        detail = f"RUT {signer.rut_display}"
        if signer.is_minor and signer.responsible_adult_id:
            detail += f" · menor de edad, firma junto a {signer.responsible_adult.full_name}"
        blocks.append(
            {
                "role": role,
                "name": signer.full_name,
                "detail": detail,
                "image": f"data:image/png;base64,{base64.b64encode(data).decode()}" if data else "",
                "typed": signer.typed_name,
            }
        )
    institution = contract.case.program.owner or letterhead.institution
    blocks.append(
        {
            "role": f"Por {institution}",
            "name": letterhead.representative_name or "Representante de la institución",
            "detail": (letterhead.representative_title or "Representante") + " · firma y timbre",
        }
    )
    staff = contract.signing_staff
    signed_at = timezone.localtime(contract.signed_at)
    blocks.append(
        {
            "role": "Ministro/a de fe",
            "name": (staff.get_full_name() or staff.username) if staff else "",
            "detail": (
                f"Equipo del programa · certificó la identidad y la firma de cada firmante "
                f"el {signed_at:%d-%m-%Y} a las {signed_at:%H:%M}"
            ),
        }
    )
    return blocks


def render_contract_pdf(contract, signers) -> bytes:
    letterhead = current_letterhead()
    blocks = signature_blocks(contract, signers, letterhead)
    staff = contract.signing_staff
    return render_pdf(
        "contratos/pdf/contract.html",
        {
            "contract": contract,
            "case": contract.case,
            "paragraphs": paragraphs(contract.signed_text),
            "blocks": [blocks[i : i + 2] for i in range(0, len(blocks), 2)],
            "staff_name": (staff.get_full_name() or staff.username) if staff else "",
            "signed_at": timezone.localtime(contract.signed_at),
        },
        document=Document(
            name="Contrato social",
            number=f"{contract.case_id}-{contract.number}",
            program=contract.case.program.name,
            draft=not contract.signed_at,
        ),
    )
