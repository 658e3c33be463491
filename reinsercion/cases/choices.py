"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class ExitType(models.TextChoices):
    COMPLETION = "completion", "Cumplimiento"
    SENTENCE_SUBSTITUTION = "sentence_substitution", "Sustitución de pena"
    SENTENCE_REDUCTION = "sentence_reduction", "Reducción del tiempo de condena"
    DEATH = "death", "Fallecimiento"
    REVOKED_NONCOMPLIANCE = "revoked_noncompliance", "Revocación por incumplimiento"
    REVOKED_NEW_CONVICTION = "revoked_new_conviction", "Revocación por nueva condena"
    # OPV: people who leave the intervention before it ends.
    DROPOUT = "dropout", "Retiro voluntario / deserción"
    TRANSFER = "transfer", "Traslado a otro recinto"


class Outcome(models.TextChoices):
    EFFECTIVE_REINTEGRATION = "effective_reintegration", "Reinserción efectiva"
    RECIDIVISM = "recidivism", "Reincidencia"


class LabourOutcome(models.TextChoices):
    DEPENDENT_JOB = "dependent_job", "Trabajo dependiente"
    INDEPENDENT_WORK = "independent_work", "Trabajo independiente"
    ENTREPRENEURSHIP = "entrepreneurship", "Emprendimiento"
    TRAINING = "training", "Capacitación"
    NONE = "none", "Sin inserción laboral"
