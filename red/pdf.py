"""The referral form (annex D of the LV norms) as PDF, rendered with xhtml2pdf."""

import io

from xhtml2pdf import pisa

from django.template.loader import render_to_string
from django.utils import timezone

from .sharing import shared_case_data


class PdfError(Exception):
    pass


def referral_pdf(referral) -> bytes:
    html = render_to_string(
        "red/pdf/annex_d.html",
        {
            "referral": referral,
            "shared": shared_case_data(referral),
            "program": referral.case.program,
            "today": timezone.localdate(),
        },
    )
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise PdfError("No se pudo generar el PDF del formulario de derivación.")
    return out.getvalue()


def pdf_filename(referral) -> str:
    return f"derivacion-{referral.number}.pdf"
