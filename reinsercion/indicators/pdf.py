"""The management report (informe de gestión) of a program and period as a PDF: figures,
charts, tables and definitions. The charts are the page's SVG, embedded as images."""

import base64
import io

from xhtml2pdf import pisa

from django.template.loader import render_to_string


def chart_svg(chart) -> str:
    return render_to_string("reinsercion/indicators/chart_svg.html", {"chart": chart})


def render_report_pdf(report) -> bytes:
    charts = [
        (
            chart,
            "data:image/svg+xml;base64,"
            + base64.b64encode(chart_svg(chart).encode("utf-8")).decode("ascii"),
        )
        for chart in report.charts
    ]
    html = render_to_string(
        "reinsercion/indicators/report_pdf.html",
        {"report": report, "charts": charts, "tables": report.tables()},
    )
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError("No se pudo generar el informe de gestión.")
    return out.getvalue()
