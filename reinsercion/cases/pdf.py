"""Court notices built from the case, as PDFs rendered on demand and served only by a
permission-checked view."""

import datetime
import io

from xhtml2pdf import pisa

from django.template.loader import render_to_string

from reinsercion.cases import intake
from reinsercion.cases.models import Case


def _pdf(template: str, context: dict) -> bytes:
    out = io.BytesIO()
    result = pisa.CreatePDF(render_to_string(template, context), dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError(f"No se pudo generar el PDF ({template}).")
    return out.getvalue()


def render_non_presentation_pdf(case: Case, today: datetime.date, author) -> bytes:
    """Ley 18.216 art. 24: the person did not present within 5 days of the final sentence."""
    return _pdf(
        "reinsercion/cases/non_presentation_pdf.html",
        {
            "case": case,
            "person": case.person,
            "deadline": intake.PRESENTATION,
            "due_on": intake.PRESENTATION.due_on(case.sentence_final_on, case.region),
            "today": today,
            "author": author,
        },
    )
