"""The informed consent (annex C of the LV norms): its text and its frozen PDF (xhtml2pdf).

The wording follows annex C; the program, the conditions informed and the contact person
are filled in, and the whole text is what the SHA-256 covers.
"""

import base64

from django.utils import timezone

from reinsercion.paperwork import Document, render_pdf


class PdfError(Exception):
    pass


def consent_text(consent) -> str:
    request = consent.request
    program = request.program
    contact = ", ".join(
        part
        for part in (
            consent.contact_name,
            f"teléfono {consent.contact_phone}" if consent.contact_phone else "",
            consent.contact_address,
            consent.contact_relationship,
        )
        if part
    )
    paragraphs = [
        "CONSENTIMIENTO INFORMADO PARA ASISTIR A INTERVENCIÓN",
        f"Yo, {consent.full_name}, RUT {request.case.person.rut_display}, de acuerdo con lo que "
        f"se me ha informado y como parte de mi proceso, participaré en el programa "
        f"«{program.name}» ({program.owner_label}).",
        "PRIMERO. Me comprometo a aceptar las reglas del programa que se refieren a mi asistencia "
        "y participación, y a cumplir con todas las tareas y actividades que sean parte del "
        "programa.",
        "SEGUNDO. "
        + (
            "SÍ doy mi consentimiento para que algunas actividades del programa sean grabadas, "
            "resguardando mi identidad."
            if consent.recording_allowed
            else "NO doy mi consentimiento para que las actividades del programa sean grabadas."
        ),
        "TERCERO. En caso de requerir la presencia de alguna persona, por dificultades durante "
        "mi asistencia o por condición del programa, los profesionales se comunicarán con: "
        + (contact or "no indica persona de contacto")
        + ".",
        "CUARTO. Dejo constancia de que he sido informado/a de las condiciones del programa en "
        f"cuanto a número de sesiones, horario y lugar: {consent.conditions}",
        "QUINTO. He recibido copia de este consentimiento informado.",
    ]
    return "\n\n".join(p.strip() for p in paragraphs)


def render_consent_pdf(consent, signature_png: bytes = b"") -> bytes:
    image = (
        f"data:image/png;base64,{base64.b64encode(signature_png).decode()}" if signature_png else ""
    )
    return render_pdf(
        "cupos/pdf/annex_c.html",
        {
            "consent": consent,
            "request": consent.request,
            "paragraphs": [p for p in consent.signed_text.split("\n\n") if p.strip()],
            "image": image,
            "signed_at": timezone.localtime(consent.signed_at),
        },
        document=Document(
            name="Consentimiento informado (anexo C)",
            number=f"{consent.request.case_id}-{consent.request.pk}",
            program=consent.request.case.program.name,
        ),
    )
