"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class StartMode(models.TextChoices):
    ROLLING = "rolling", "Ingreso continuo"
    COHORTS = "cohorts", "Por grupos (cohortes)"


class RequestStatus(models.TextChoices):
    QUEUED = "queued", "En cola (próximo paso del plan)"
    REQUESTED = "requested", "Solicitada"
    WAITING_LIST = "waiting_list", "En lista de espera"
    OFFERED = "offered", "Cupo liberado: ofrecido"
    ACCEPTED = "accepted", "Cupo asignado"
    IN_PROGRESS = "in_progress", "En curso"
    COMPLETED = "completed", "Finalizado"
    DROPPED_OUT = "dropped_out", "Abandonado"
    REFUSED = "refused", "Rechazada"
    WITHDRAWN = "withdrawn", "Retirada por el equipo"


class Answer(models.TextChoices):
    """What the program answers to a request (within 48 hours)."""

    ACCEPTED = "accepted", "Aceptada, con fecha de inicio"
    WAITING_LIST = "waiting_list", "Lista de espera"
    REFUSED = "refused", "Rechazada, con motivo"


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", "Informe mensual de avance (anexo E)"
    FINAL = "final", "Informe final (anexo F)"
