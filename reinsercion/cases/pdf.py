"""Court notices built from the case, as PDFs rendered on demand and served only by a
permission-checked view."""

import datetime

from reinsercion.cases import intake
from reinsercion.cases.models import Case
from reinsercion.paperwork import Document, render_pdf


def render_non_presentation_pdf(case: Case, today: datetime.date, author) -> bytes:
    """Ley 18.216 art. 24: the person did not present within 5 days of the final sentence."""
    return render_pdf(
        "reinsercion/cases/non_presentation_pdf.html",
        {
            "case": case,
            "person": case.person,
            "deadline": intake.PRESENTATION,
            "due_on": intake.PRESENTATION.due_on(case.sentence_final_on, case.region),
            "today": today,
            "author": author,
        },
        document=Document(
            name="Informe de no presentación",
            number=f"{case.pk}-{today:%Y%m%d}",
            program=case.program.name,
        ),
    )
