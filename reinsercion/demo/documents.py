"""Demo documents: a synthetic sentence copy on each open case."""

import datetime
import io

from reportlab.pdfgen import canvas

from django.core.files.uploadedfile import SimpleUploadedFile

from reinsercion.cases.models import Case
from reinsercion.documents import actions
from reinsercion.documents.models import CaseDocument, DocumentType
from reinsercion.programs.choices import Role
from reinsercion.programs.models import User


def demo_pdf(case) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Documento de demostración (sin validez)")
    page.drawString(72, 700, f"Caso N° {case.pk} · {case.program.code}")
    page.save()
    return out.getvalue()


def actor_for(case):
    return case.professionals.order_by("pk").first() or (
        User.objects.filter(
            memberships__program=case.program, memberships__role=Role.COORDINATION
        ).first()
    )


def build(stdout=None) -> int:
    """Attach the demo documents once; how many were attached (0 if already there)."""
    if CaseDocument.objects.exists():
        return 0
    sentence = DocumentType.objects.get(name="Copia de sentencia")
    chosen = [c for c in Case.objects.select_related("program").order_by("pk") if not c.is_closed]
    for case in chosen:
        actor = actor_for(case)
        if actor is None:
            continue
        actions.attach_document(
            case=case,
            actor=actor,
            document_type=sentence,
            document_date=case.opened_on or datetime.date.today(),
            description="Copia de la sentencia (demostración)",
            upload=SimpleUploadedFile("copia-sentencia.pdf", demo_pdf(case)),
        )
    return len(chosen)
