from django.urls import path

from reinsercion.documents import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path(
        "casos/<int:case_pk>/documentos/",
        views.CaseDocumentsView.as_view(),
        name="case_documents",
    ),
    path(
        "casos/<int:case_pk>/documentos/<int:pk>/",
        views.DocumentFileView.as_view(),
        name="document_file",
    ),
]
