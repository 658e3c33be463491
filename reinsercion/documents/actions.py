"""Attaching a document to a case: the permission check first, the file's content checked
against its declared type, the record audited with the uploader as author."""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reinsercion.cases.models import Case
from reinsercion.cases.permissions import ensure_can_change
from reinsercion.programs.models import User

from .models import CaseDocument, DocumentType
from .validation import check_upload


@transaction.atomic
def attach_document(
    *,
    case: Case,
    actor: User,
    document_type: DocumentType,
    document_date: datetime.date,
    upload,
    description: str = "",
    session=None,
    report=None,
) -> CaseDocument:
    """Attach ``upload`` (an uploaded file) to ``case``, and optionally to one of its
    sessions or reports. Refuses, with the reason in Spanish,
    a type that is not allowed, content that does not match its type, an empty file and one
    over the size limit."""
    ensure_can_change(case=case, user=actor)
    errors = {}
    if not document_type.is_active:
        errors["document_type"] = "Ese tipo de documento ya no está en uso."
    if session is not None and session.case_id != case.pk:
        errors["session"] = "La sesión no es de este caso."
    if report is not None and report.case_id != case.pk:
        errors["report"] = "El informe no es de este caso."
    if document_date > timezone.localdate():
        errors["document_date"] = "La fecha del documento no puede estar en el futuro."
    try:
        checked = check_upload(upload)
    except ValidationError as e:
        errors["upload"] = e.messages
    if errors:
        raise ValidationError(errors)
    document = CaseDocument(
        case=case,
        document_type=document_type,
        document_date=document_date,
        description=description.strip(),
        session=session,
        report=report,
        original_name=upload.name[:255],
        content_type=checked.content_type,
        size=len(checked.content),
        recorded_by=actor,
    )
    with set_actor(actor):
        document.file.save(
            f"documento.{checked.extension}", ContentFile(checked.content), save=False
        )
        document.save()
    return document
