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


class SupervisionRegime(models.TextChoices):
    """Which of the LV norms' regimes a court program follows: it sets the follow-up report's
    annex (H or I), the plan's annex (A or B) and, unless the program says otherwise, how often
    the court is informed (6 or 3 months)."""

    NONE = "", "Sin régimen de libertad vigilada"
    LV = "lv", "Libertad Vigilada (LV)"
    LVI = "lvi", "Libertad Vigilada Intensiva (LVI)"


# Months between follow-up reports to the court (LV norms 5.4.1).
REGIME_REPORT_MONTHS = {SupervisionRegime.LV: 6, SupervisionRegime.LVI: 3}
