"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "female", "Mujer"
    MALE = "male", "Hombre"
    OTHER = "other", "Otro / no informa"
