"""The text of a contract, built from its template version, the case and the signers.

The same function produces what the signers review on screen and what is frozen on
signing; headings are upper-case lines, clauses are numbered paragraphs.
"""

import re

from django.utils import timezone

from .choices import SignerRole

ORDINALS = ["PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO", "SÉPTIMO", "OCTAVO"]
PLACEHOLDERS = ("beneficiario", "rut", "programa", "institucion", "comuna")


# Anything between braces; only an exact ``{name}`` of PLACEHOLDERS is a placeholder.
BRACED = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    """What stands between braces in ``text`` and is not exactly a known placeholder: unknown
    names, and format specs or conversions such as ``beneficiario:>20000000`` or ``rut!r``."""
    return sorted({inner for inner in BRACED.findall(text) if inner not in PLACEHOLDERS})


def fill(text: str, case) -> str:
    """Replace each exact ``{name}``; everything else, braces included, stays as written.

    Not ``str.format``: a format spec in a template (``{beneficiario:>20000000}``) would
    build a text of any size, and a conversion or attribute lookup would reach into Python.
    """
    values = {
        "beneficiario": case.person.full_name,
        "rut": case.person.rut_display,
        "programa": case.program.name,
        "institucion": case.program.owner or "la institución ejecutora",
        "comuna": case.person.comuna or "la comuna",
    }
    return BRACED.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def is_heading(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and paragraph.upper() == paragraph and len(paragraph) < 120


def contract_text(contract, signers=None) -> str:
    """The full text the signers agree to."""
    version = contract.template_version
    case = contract.case
    signers = list(signers if signers is not None else contract.signers.order_by("order", "pk"))
    lines = [version.title.upper(), fill(version.preamble, case)]
    if contract.amends_id:
        previous = contract.amends
        signed_on = timezone.localtime(previous.signed_at).strftime("%d-%m-%Y")
        lines.append(
            f"Este contrato es la versión {contract.number} y enmienda la versión "
            f"{previous.number}, firmada el {signed_on}. Motivo de la enmienda: "
            f"{contract.amendment_reason.strip()}"
        )
    sections = version.sections()
    particular = contract.particular_clause_list()
    if particular:
        sections.append(("Cláusulas particulares de este caso", particular))
    for index, (label, clauses) in enumerate(sections):
        ordinal = ORDINALS[index] if index < len(ORDINALS) else str(index + 1)
        lines.append(f"{ordinal}. {label.upper()}")
        lines.extend(f"{n}. {clause.strip()}" for n, clause in enumerate(clauses, start=1))
    if version.closing.strip():
        lines.append(fill(version.closing, case))
    lines.append("FIRMANTES")
    for signer in signers:
        role = "beneficiario/a" if signer.role == SignerRole.BENEFICIARY else signer.relationship
        text = f"{signer.full_name}, RUT {signer.rut_display}, {role.lower()}"
        if signer.is_minor and signer.responsible_adult_id:
            text += f", menor de edad, firma junto a {signer.responsible_adult.full_name}"
        lines.append(text + ".")
    return "\n\n".join(line.strip() for line in lines if line.strip())


def paragraphs(text: str) -> list[tuple[bool, str]]:
    """[(is_heading, paragraph), …] for display."""
    return [(is_heading(p), p) for p in text.split("\n\n") if p.strip()]
