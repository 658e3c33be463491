from django.db import models


class NotificationKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", "Plan enviado a supervisión"
    PLAN_RETURNED = "plan_returned", "Plan devuelto con observaciones"
    PLAN_ENDORSED = "plan_endorsed", "Plan visado"
    REFERRAL_APPROVED = "referral_approved", "Derivación aprobada"
    REFERRAL_ANSWERED = "referral_answered", "Respuesta de la red"
    REFERRAL_OUTCOME = "referral_outcome", "Resultado de una derivación"
    REFERRAL_CLOSED = "referral_closed", "Derivación cerrada"
    CASE_ASSIGNED = "case_assigned", "Caso asignado"
    NONCOMPLIANCE = "noncompliance", "Alerta de incumplimiento"


# What the «Respuestas de la red» queue lists until the professional has seen it.
NETWORK_ANSWER_KINDS = (
    NotificationKind.REFERRAL_ANSWERED,
    NotificationKind.REFERRAL_OUTCOME,
    NotificationKind.REFERRAL_CLOSED,
)


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", "Al momento"
    DAILY = "daily", "Un resumen diario"
    NEVER = "never", "Nunca"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "En cola"
    SENT = "sent", "Enviado"
    FAILED = "failed", "Falló"
