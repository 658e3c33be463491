import uuid

from django.db import models
from django.urls import reverse

from reinsercion.programs.models import Cohort, User


class Status(models.TextChoices):
    CHECKING = "checking", "Revisando la planilla"
    READY = "ready", "Vista previa lista"
    IMPORTING = "importing", "Importando"
    DONE = "done", "Importada"


class ImportBatch(models.Model):
    """An uploaded spreadsheet waiting for the user's confirmation.

    The parsed rows live here, on the server, keyed by an unguessable token; nothing of the
    people or cases is written until the user confirms. The rows are emptied once imported.
    The preview and the import run as background tasks (imports/tasks.py): a large sheet
    takes minutes, longer than a request may last.
    """

    token = models.UUIDField("código", default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        User, verbose_name="subida por", on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name="generación",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Solo en la importación del listado de una generación.",
    )
    filename = models.CharField("archivo", max_length=200)
    columns = models.JSONField("columnas", default=list)
    rows = models.JSONField("filas", default=list)
    preview = models.JSONField("vista previa", default=list)
    status = models.CharField(
        "estado", max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    created_at = models.DateTimeField("subida", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmada", null=True, blank=True)

    class Meta:
        verbose_name = "importación"
        verbose_name_plural = "importaciones"

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d-%m-%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("team:import_preview", args=[self.token])

    @property
    def is_working(self) -> bool:
        return self.status in (Status.CHECKING, Status.IMPORTING)

    @property
    def error_count(self) -> int:
        return sum(len(row["errors"]) for row in self.preview)

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for row in self.preview if row["errors"])
