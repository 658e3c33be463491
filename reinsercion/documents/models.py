"""Files attached to a case (documentos): a sentence copy, an ID card, a court oficio, a
scanned consent, a partner's certificate. Kept in the private storage only."""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from reinsercion.audit import Recorded


def private_storage():
    return storages["private"]


def upload_path(document, filename: str) -> str:
    # The stored name never carries the uploaded name (it may hold personal data).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documentos/{document.case_id}/{uuid.uuid4().hex}.{extension}"


class DocumentType(models.Model):
    """A kind of document, from the list the administration keeps."""

    name = models.CharField("nombre", max_length=120, unique=True)
    is_active = models.BooleanField("en uso", default=True)
    sort_order = models.PositiveSmallIntegerField("orden", default=0)

    class Meta:
        verbose_name = "tipo de documento"
        verbose_name_plural = "tipos de documento"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CaseDocument(Recorded):
    """A file on a case's record, uploaded by a team member."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="documents",
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name="tipo", on_delete=models.PROTECT, related_name="+"
    )
    document_date = models.DateField("fecha del documento")
    description = models.CharField("descripción", max_length=300, blank=True)
    file = models.FileField(
        "archivo", storage=private_storage, upload_to=upload_path, max_length=300
    )
    # Optionally, what on the case the document belongs to. By name, not by import: the
    # session and report components sit beside this one (docs/architecture.md). A referral's
    # documents are the ones it shares (red.Referral.shared_documents), kept on red's side.
    session = models.ForeignKey(
        "reinsercion.ActivityRecord",
        verbose_name="sesión",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    report = models.ForeignKey(
        "reinsercion.FollowUpReport",
        verbose_name="informe",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    original_name = models.CharField("nombre del archivo", max_length=255)
    content_type = models.CharField("formato", max_length=120)
    size = models.PositiveIntegerField("tamaño (bytes)")

    class Meta:
        verbose_name = "documento del caso"
        verbose_name_plural = "documentos del caso"
        ordering = ["-document_date", "-pk"]

    def __str__(self):
        return f"{self.document_type} del {self.document_date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("team:document_file", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}
