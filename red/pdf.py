"""The referral form (annex D of the LV norms) as PDF, rendered with xhtml2pdf."""

from django.utils import timezone

from reinsercion.paperwork import Document, PdfError, render_pdf

from .choices import Status
from .sharing import shared_case_data

__all__ = ["PdfError", "pdf_filename", "referral_pdf"]


def referral_pdf(referral) -> bytes:
    program = referral.case.program
    return render_pdf(
        "red/pdf/annex_d.html",
        {
            "referral": referral,
            "shared": shared_case_data(referral),
            "program": program,
            "today": timezone.localdate(),
        },
        document=Document(
            name="Formulario de derivación (anexo D)",
            number=str(referral.number),
            program=program.name,
            draft=referral.status == Status.DRAFT,
        ),
    )


def pdf_filename(referral) -> str:
    return f"derivacion-{referral.number}.pdf"
