"""The signed contract as a PDF (xhtml2pdf), with the content hash on every page."""

import base64
import io

from xhtml2pdf import pisa

from django.template.loader import render_to_string
from django.utils import timezone

from .rendering import paragraphs


class PdfError(Exception):
    pass


def render_contract_pdf(contract, signers) -> bytes:
    rows = []
    for signer in signers:
        data = signer.signature_bytes()
        rows.append(
            {
                "signer": signer,
                "image": f"data:image/png;base64,{base64.b64encode(data).decode()}" if data else "",
            }
        )
    html = render_to_string(
        "contratos/pdf/contract.html",
        {
            "contract": contract,
            "case": contract.case,
            "paragraphs": paragraphs(contract.signed_text),
            "signers": rows,
            "signed_at": timezone.localtime(contract.signed_at),
        },
    )
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:
        raise PdfError("No se pudo generar el PDF del contrato.")
    return output.getvalue()
