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
