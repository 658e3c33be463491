"""What an indicator page shows: figures with their definitions, and plain tables (the same
rows the page, the spreadsheet exports and the report PDF use)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# The documents the definitions come from (../shared/seeds/README.md).
LAE_SHEET = (
    "Ficha del programa Libertad Asistida Especial (LAE), versión 6, Servicio Nacional de "
    "Reinserción Social Juvenil, 2025: indicadores de propósito y de componente"
)
LAE_EVALUATION = (
    "Evaluación ex ante del programa LAE, 2025 (Servicio Nacional de Reinserción Social "
    "Juvenil): «se sugiere medir la reincidencia en t-1 y en t de los egresados del programa "
    "en el año t-1»"
)
OPV_DOCUMENT = (
    "Programa Oportunidades para la Vida (OPV), I. Municipalidad de Quillota: resultados "
    "2012–2016 por generación"
)
LV_NORMS = "Normas Técnicas de Libertad Vigilada y Libertad Vigilada Intensiva, 2013"


def percent(part: int, whole: int) -> Decimal | None:
    """One decimal, half up (90.0, 63.6); None without a denominator."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Definition:
    numerator: str
    denominator: str
    period: str
    rule: str
    source: str


@dataclass
class Figure:
    key: str
    title: str
    numerator: int
    denominator: int
    definition: Definition
    target: int | None = None  # percent
    previous: "Figure | None" = None
    note: str = ""

    @property
    def share(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.share is None:
            return None
        return self.share >= self.target

    @property
    def change(self) -> Decimal | None:
        """Percentage points against the previous period."""
        if self.previous is None or self.share is None or self.previous.share is None:
            return None
        return self.share - self.previous.share


@dataclass
class Table:
    """A table as plain values: strings, ints, Decimals or dates."""

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    footer: list | None = None
    note: str = ""
