"""Data-subject requests and the incident register (Ley 21.719).

A request is answered by the team of one case of the person (its coordination sees the
deadline on the agenda); an incident is for administrators (Wagtail admin).
"""

import datetime

from django.conf import settings
from django.db import models

from reinsercion.audit import Audited, Recorded
from reinsercion.cases.models import Case

# Ley 21.719, art. 11: the controller answers within 30 calendar days of receipt.
ANSWER_DAYS = 30


class RequestKind(models.TextChoices):
    ACCESS = "acceso", "Acceso"
    RECTIFICATION = "rectificacion", "Rectificación"
    ERASURE = "supresion", "Supresión o anonimización"
    OBJECTION = "oposicion", "Oposición"
    PORTABILITY = "portabilidad", "Portabilidad"


class DataSubjectRequest(Recorded):
    """A person asked to exercise a right over their data."""

    case = models.ForeignKey(
        Case,
        verbose_name="caso cuyo equipo responde",
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    kind = models.CharField("tipo de solicitud", max_length=20, choices=RequestKind.choices)
    received_on = models.DateField("fecha de recepción")
    details = models.TextField("lo que se pide", blank=True)
    due_on = models.DateField("plazo de respuesta", editable=False)
    answered_on = models.DateField("fecha de respuesta", null=True, blank=True)
    answer = models.TextField("respuesta", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="respondida por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "solicitud de derechos sobre datos personales"
        verbose_name_plural = "solicitudes de derechos sobre datos personales"
        ordering = ["answered_on", "due_on", "pk"]

    def __str__(self):
        return f"Solicitud de {self.get_kind_display().lower()} ({self.received_on:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        self.due_on = self.received_on + datetime.timedelta(days=ANSWER_DAYS)
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {"case": self.case_id}


class Incident(Audited):
    """A security incident (breach) over personal data, with what Ley 21.719 asks to record."""

    detected_at = models.DateTimeField("detectado")
    occurred_at = models.DateTimeField("ocurrido (si se sabe)", null=True, blank=True)
    nature = models.TextField("naturaleza del incidente")
    data_affected = models.TextField("datos afectados")
    people_affected = models.TextField("personas afectadas (categorías)")
    people_count = models.PositiveIntegerField("número aproximado de personas afectadas")
    consequences = models.TextField("consecuencias probables")
    measures = models.TextField("medidas adoptadas o propuestas")
    agency_notified_on = models.DateField(
        "notificado a la Agencia de Protección de Datos el", null=True, blank=True
    )
    people_notified_on = models.DateField(
        "comunicado a las personas afectadas el", null=True, blank=True
    )
    not_notified_reason = models.TextField("motivo de no notificar, si no se notificó", blank=True)
    recorded_at = models.DateTimeField("registrado", auto_now_add=True)

    class Meta:
        verbose_name = "incidente de seguridad"
        verbose_name_plural = "registro de incidentes de seguridad"
        ordering = ["-detected_at", "-pk"]

    def __str__(self):
        return f"Incidente del {self.detected_at:%d-%m-%Y}: {self.nature[:60]}"
