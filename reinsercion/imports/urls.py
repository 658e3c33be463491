from django.urls import path

from reinsercion.imports import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("importar/", views.UploadView.as_view(), name="import_upload"),
    path(
        "importar/planilla-modelo.xlsx",
        views.TemplateDownloadView.as_view(),
        name="import_template",
    ),
    path("importar/<uuid:token>/", views.PreviewView.as_view(), name="import_preview"),
    path(
        "generaciones/<int:cohort_pk>/importar/",
        views.UploadView.as_view(),
        name="cohort_import",
    ),
]
