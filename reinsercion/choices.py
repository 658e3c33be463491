"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class Role(models.TextChoices):
    COORDINATION = "coordination", "Coordinación de programa"
    PROFESSIONAL = "professional", "Profesional"
    SUPERVISION = "supervision", "Supervisión técnica"
    DIRECTION = "direction", "Jefatura / dirección"


class ProfessionalKind(models.TextChoices):
    PSYCHOLOGIST = "psychologist", "Psicólogo/a"
    SOCIAL_WORKER = "social_worker", "Trabajador/a social"
    CASE_MANAGER = "case_manager", "Gestor/a de caso"
    PROBATION_OFFICER = "probation_officer", "Delegado/a"
    OTHER = "other", "Otro"


class Phase(models.TextChoices):
    # OPV (generational programs)
    INTRA_PENITENTIARY = "intra_penitentiary", "Intrapenitenciaria"
    EXTRA_PENITENTIARY = "extra_penitentiary", "Extrapenitenciaria"
    FOLLOW_UP = "follow_up", "Seguimiento"
    CLOSED = "closed", "Cerrado"
    # LAE / LAS / LV (judicial programs)
    INTAKE = "intake", "Ingreso"
    ASSESSMENT = "assessment", "Evaluación"
    PLAN = "plan", "Plan de intervención"
    EXECUTION = "execution", "Ejecución"
    EXIT = "exit", "Egreso"


class Sex(models.TextChoices):
    FEMALE = "female", "Mujer"
    MALE = "male", "Hombre"
    OTHER = "other", "Otro / no informa"


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


class Ambit(models.TextChoices):
    """The three ámbitos of intervention (psicosocial, familiar, laboral)."""

    PSYCHOSOCIAL = "psychosocial", "Psicosocial"
    FAMILY = "family", "Familiar"
    LABOUR = "labour", "Laboral"
