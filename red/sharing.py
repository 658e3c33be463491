"""What of a case a referral shows outside the team: the name, and the chosen fields only.

Both the partner portal and the annex D PDF render from ``shared_case_data``; no template
that a partner sees touches ``referral.case`` directly.
"""

from dataclasses import dataclass

from .choices import SharedField


@dataclass(frozen=True)
class SharedItem:
    key: str
    label: str
    value: str


def _sentence(case) -> str:
    parts = []
    if case.sentence_years:
        parts.append(f"{case.sentence_years} año{'s' if case.sentence_years != 1 else ''}")
    if case.sentence_days:
        parts.append(f"{case.sentence_days} días")
    text = " y ".join(parts) or "Sin condena registrada"
    if case.sentence_starts_on and case.sentence_ends_on:
        text += f" (del {case.sentence_starts_on:%d-%m-%Y} al {case.sentence_ends_on:%d-%m-%Y})"
    return text


def _birth(person) -> str:
    if not person.birth_date:
        return "No registrada"
    return f"{person.birth_date:%d-%m-%Y} ({person.age} años)"


_VALUES = {
    SharedField.RUT: lambda case: case.person.rut_display,
    SharedField.BIRTH_DATE: lambda case: _birth(case.person),
    SharedField.SEX: lambda case: case.person.get_sex_display() or "No informa",
    SharedField.NATIONALITY: lambda case: case.person.nationality,
    SharedField.COMUNA: lambda case: case.person.comuna or "No registrada",
    SharedField.ADDRESS: lambda case: case.person.address or "No registrada",
    SharedField.PHONE: lambda case: (
        case.person.phone.as_international if case.person.phone else "No registrado"
    ),
    SharedField.OFFENCE: lambda case: case.offence or "No registrado",
    SharedField.SENTENCE: _sentence,
    SharedField.DRUG_CONDITION: lambda case: "Sí" if case.drug_treatment_condition else "No",
    SharedField.PROGRAM_PHASE: lambda case: case.get_phase_display(),
}


def shared_case_data(referral) -> list[SharedItem]:
    """The person's name plus each shared field, in the catalogue's order."""
    case = referral.case
    items = [SharedItem("name", "Nombre", case.person.full_name)]
    for field in SharedField:
        if field.value in referral.shared_fields:
            items.append(SharedItem(field.value, field.label, str(_VALUES[field](case))))
    return items


def shared_value(referral, field: str) -> str | None:
    """One shared field's value, or None when the referral does not share it."""
    if field not in referral.shared_fields:
        return None
    return str(_VALUES[SharedField(field)](referral.case))
