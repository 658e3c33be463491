"""The management report (informe de gestión) of a program and period as a PDF: figures,
charts, tables and definitions. The charts are the page's SVG, embedded as images."""

import base64

from django.template.loader import render_to_string

from reinsercion.paperwork import Document, render_pdf


def chart_svg(chart) -> str:
    # In the PDF the labels use the embedded font ReportLab knows by this name (not Helvetica,
    # which it never embeds).
    svg = render_to_string("reinsercion/indicators/chart_svg.html", {"chart": chart})
    return svg.replace("<text ", '<text font-family="DejaVuSans" ')


def render_report_pdf(report) -> bytes:
    charts = [
        (
            chart,
            "data:image/svg+xml;base64,"
            + base64.b64encode(chart_svg(chart).encode("utf-8")).decode("ascii"),
        )
        for chart in report.charts
    ]
    return render_pdf(
        "reinsercion/indicators/report_pdf.html",
        {"report": report, "charts": charts, "tables": report.tables()},
        document=Document(
            name="Informe de gestión",
            number=f"{report.program.code}-{report.period.label}",
            program=report.program.name,
        ),
    )
