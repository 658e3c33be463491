"""Minimum face-to-face contact, intervention type and field visits (LV norms, Cuadros 1–5).

Every table is data: a cell says how many days may pass at most between face-to-face
contacts, the Spanish frequency and the intervention type, exactly as the norms print them.
``recommend`` is a pure function returning the recommendation and the rule that produced it.
"""

from dataclasses import dataclass

from django.db import models

from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel

WEEKLY, BIWEEKLY, MONTHLY, BIMONTHLY = 7, 14, 30, 60


class ControlFrequency(models.TextChoices):
    """The control frequency a plan or a court report states (one vocabulary for both)."""

    WEEKLY = "weekly", "Semanal"
    BIWEEKLY = "biweekly", "Quincenal"
    MONTHLY = "monthly", "Mensual"
    OTHER = "other", "Otra"


# Contact intervals (days) as a stated frequency; 15 and 31 days are how some teams write them.
_FREQUENCY_BY_INTERVAL = {
    7: ControlFrequency.WEEKLY,
    14: ControlFrequency.BIWEEKLY,
    15: ControlFrequency.BIWEEKLY,
    30: ControlFrequency.MONTHLY,
    31: ControlFrequency.MONTHLY,
}
_INTERVAL_BY_FREQUENCY = {
    ControlFrequency.WEEKLY: WEEKLY,
    ControlFrequency.BIWEEKLY: BIWEEKLY,
    ControlFrequency.MONTHLY: MONTHLY,
}


def frequency_for_interval(days: int | None) -> ControlFrequency:
    """The stated frequency of a contact interval; ``OTHER`` when none fits."""
    return _FREQUENCY_BY_INTERVAL.get(days, ControlFrequency.OTHER)


def interval_for_frequency(frequency: str) -> int | None:
    """Days between contacts that a stated frequency means; None for ``OTHER``."""
    return _INTERVAL_BY_FREQUENCY.get(frequency)


FREQUENCY_LABELS = {
    WEEKLY: "Semanal",
    BIWEEKLY: "Cada dos semanas",
    MONTHLY: "Mensual",
    BIMONTHLY: "Cada dos meses",
}


@dataclass(frozen=True)
class Cell:
    interval_days: int
    intervention: str

    @property
    def frequency(self) -> str:
        return FREQUENCY_LABELS[self.interval_days]


R, N = RiskLevel, NeedLevel

# Cuadro N°1: general offences, by risk of recidivism and need.
CUADRO_1 = {
    (R.VERY_LOW, N.LOW): Cell(BIMONTHLY, "Control"),
    (R.VERY_LOW, N.MEDIUM): Cell(BIMONTHLY, "Consejería"),
    (R.VERY_LOW, N.HIGH): Cell(BIMONTHLY, "Consejería"),
    (R.LOW, N.LOW): Cell(BIMONTHLY, "Control o Consejería"),
    (R.LOW, N.MEDIUM): Cell(MONTHLY, "Consejería o Intervención individual"),
    (R.LOW, N.HIGH): Cell(MONTHLY, "Intervención individual o Programa baja intensidad"),
    (R.MEDIUM, N.LOW): Cell(MONTHLY, "Intervención individual o Programa baja intensidad"),
    (R.MEDIUM, N.MEDIUM): Cell(BIWEEKLY, "Intervención individual + Programa estándar"),
    (R.MEDIUM, N.HIGH): Cell(BIWEEKLY, "Intervención individual + Programa estándar"),
    (R.HIGH, N.LOW): Cell(BIWEEKLY, "Intervención individual / Programa estándar"),
    (R.HIGH, N.MEDIUM): Cell(BIWEEKLY, "Intervención individual + Programa estándar"),
    (R.HIGH, N.HIGH): Cell(WEEKLY, "Control + Intervención individual + Programas"),
    (R.VERY_HIGH, N.LOW): Cell(WEEKLY, "Control + Intervención individual o Programa estándar"),
    (R.VERY_HIGH, N.MEDIUM): Cell(WEEKLY, "Control + Intervención individual + Programa estándar"),
    (R.VERY_HIGH, N.HIGH): Cell(WEEKLY, "Control + Intervención individual + Programa estándar"),
}

# Cuadro N°3: detail of Cuadro N°1 for Alto risk. For Alto/Alta it asks for contacts every
# two weeks while Cuadro N°1 asks for weekly ones: the documents disagree, so the stricter
# minimum applies (DOMAIN.md §1 "implement the stricter rule").
CUADRO_3 = {
    (R.HIGH, N.LOW): Cell(BIWEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.HIGH, N.MEDIUM): Cell(BIWEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.HIGH, N.HIGH): Cell(
        BIWEEKLY, "Intervención individual + Programa (estándar/refuerzo) + Control"
    ),
}

# Cuadro N°5: sexual and domestic-violence (VIF) offences.
CUADRO_5 = {
    (R.VERY_LOW, N.LOW): Cell(BIWEEKLY, "Intervención individual"),
    (R.VERY_LOW, N.MEDIUM): Cell(BIWEEKLY, "Intervención individual o Programa (baja intensidad)"),
    (R.VERY_LOW, N.HIGH): Cell(BIWEEKLY, "Intervención individual o Programa (baja intensidad)"),
    (R.LOW, N.LOW): Cell(BIWEEKLY, "Intervención individual"),
    (R.LOW, N.MEDIUM): Cell(BIWEEKLY, "Intervención individual o Programa (baja intensidad)"),
    (R.LOW, N.HIGH): Cell(BIWEEKLY, "Intervención individual o Programa (baja intensidad)"),
    (R.MEDIUM, N.LOW): Cell(WEEKLY, "Intervención individual + Programas (estándar/refuerzo)"),
    (R.MEDIUM, N.MEDIUM): Cell(WEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.MEDIUM, N.HIGH): Cell(WEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.HIGH, N.LOW): Cell(WEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.HIGH, N.MEDIUM): Cell(
        WEEKLY, "Control + Intervención individual + Programas (estándar/refuerzo)"
    ),
    (R.HIGH, N.HIGH): Cell(
        WEEKLY, "Control + Intervención individual + Programa (estándar/refuerzo)"
    ),
    (R.VERY_HIGH, N.LOW): Cell(WEEKLY, "Intervención individual + Programa (estándar/refuerzo)"),
    (R.VERY_HIGH, N.MEDIUM): Cell(
        WEEKLY, "Control + Intervención individual + Programas (estándar/refuerzo)"
    ),
    (R.VERY_HIGH, N.HIGH): Cell(
        WEEKLY, "Control + Intervención individual + Programa (estándar/refuerzo)"
    ),
}

# LV norms 4.6: a drug or alcohol treatment condition means at least monthly contact,
# whatever the risk and need.
DRUG_TREATMENT_INTERVAL = MONTHLY

# LV norms 4.1–4.3: at least one field visit every 4 months (Muy Bajo/Bajo), 3 (Medio),
# 2 (Alto), 1 (Muy Alto).
FIELD_VISIT_MONTHS = {R.VERY_LOW: 4, R.LOW: 4, R.MEDIUM: 3, R.HIGH: 2, R.VERY_HIGH: 1}
FIELD_VISIT_LABELS = {
    4: "Cada cuatro meses",
    3: "Cada tres meses",
    2: "Cada dos meses",
    1: "Mensual",
}


@dataclass(frozen=True)
class Recommendation:
    interval_days: int
    frequency: str
    intervention: str
    visit_interval_days: int
    visit_frequency: str
    rule: str  # the rule that produced the contact frequency, in Spanish
    notes: tuple[str, ...] = ()


def _label(level_class, value) -> str:
    return level_class(value).label


def recommend(
    *, risk: str, need: str, sexual_or_vif: bool = False, drug_treatment: bool = False
) -> Recommendation:
    """Minimum contact, intervention type and field visits for a risk and a need level."""
    risk, need = RiskLevel(risk), NeedLevel(need)
    where = f"riesgo {risk.label}, necesidad {need.label.lower()}"
    notes = []
    if sexual_or_vif:
        cell = CUADRO_5[(risk, need)]
        rule = f"Cuadro N°5 (delitos sexuales y VIF): {where}"
    else:
        cell = CUADRO_1[(risk, need)]
        rule = f"Cuadro N°1 (delitos comunes): {where}"
        detail = CUADRO_3.get((risk, need))
        if detail and detail.interval_days != cell.interval_days:
            strict = min(cell, detail, key=lambda c: c.interval_days)
            other = detail if strict is cell else cell
            source = "Cuadro N°1" if strict is cell else "Cuadro N°3"
            other_source = "Cuadro N°3" if strict is cell else "Cuadro N°1"
            rule = (
                f"{source} (mínimo más estricto): {where}; el {other_source} indica "
                f"«{other.frequency.lower()}»"
            )
            notes.append(f"{other_source}: {other.intervention}")
            cell = Cell(strict.interval_days, cell.intervention)
    interval, frequency = cell.interval_days, cell.frequency
    if drug_treatment and DRUG_TREATMENT_INTERVAL < interval:
        interval = DRUG_TREATMENT_INTERVAL
        frequency = FREQUENCY_LABELS[interval]
        rule = (
            "Condición de tratamiento de drogas o alcohol: contacto al menos mensual "
            f"(la tabla indica «{cell.frequency.lower()}» para {where})"
        )
    months = FIELD_VISIT_MONTHS[risk]
    return Recommendation(
        interval_days=interval,
        frequency=frequency,
        intervention=cell.intervention,
        visit_interval_days=months * 30,
        visit_frequency=FIELD_VISIT_LABELS[months],
        rule=rule,
        notes=tuple(notes),
    )
