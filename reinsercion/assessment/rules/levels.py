"""Risk and need levels shared by instruments, rules and plans (DOMAIN.md §4)."""

from django.db import models


class RiskLevel(models.TextChoices):
    VERY_LOW = "very_low", "Muy Bajo"
    LOW = "low", "Bajo"
    MEDIUM = "medium", "Medio"
    HIGH = "high", "Alto"
    VERY_HIGH = "very_high", "Muy Alto"


class NeedLevel(models.TextChoices):
    # "baja" includes "muy baja"; "alta" includes "muy alta" (LV norms, Cuadro N°1).
    LOW = "low", "Baja"
    MEDIUM = "medium", "Media"
    HIGH = "high", "Alta"


RISK_ORDER = [level.value for level in RiskLevel]
NEED_ORDER = [level.value for level in NeedLevel]


def risk_rank(level: str) -> int:
    return RISK_ORDER.index(level)


def need_rank(level: str) -> int:
    return NEED_ORDER.index(level)


def highest_need(levels) -> str:
    """The strictest need among ``levels`` (blank values ignored); "" if none."""
    present = [level for level in levels if level]
    if not present:
        return ""
    return max(present, key=need_rank)
