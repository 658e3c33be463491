from django.urls import path

from reinsercion.indicators import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("indicadores/", views.IndicatorOverviewView.as_view(), name="indicators"),
    path(
        "indicadores/<slug:program_code>/",
        views.ProgramIndicatorsView.as_view(),
        name="program_indicators",
    ),
    path(
        "indicadores/<slug:program_code>/exportar/<slug:table>/",
        views.ProgramIndicatorExportView.as_view(),
        name="program_indicators_export",
    ),
    path(
        "indicadores/<slug:program_code>/informe.pdf",
        views.ProgramReportPdfView.as_view(),
        name="program_indicators_pdf",
    ),
]
