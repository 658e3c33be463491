"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class Ambit(models.TextChoices):
    """The three ámbitos of intervention (psicosocial, familiar, laboral)."""

    PSYCHOSOCIAL = "psychosocial", "Psicosocial"
    FAMILY = "family", "Familiar"
    LABOUR = "labour", "Laboral"
