from django.urls import path

from reinsercion.reports import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("casos/<int:case_pk>/informes/", views.ReportListView.as_view(), name="report_list"),
    path(
        "casos/<int:case_pk>/informes/<int:pk>/",
        views.ReportDetailView.as_view(),
        name="report_detail",
    ),
    path(
        "casos/<int:case_pk>/informes/<int:pk>/pdf/",
        views.ReportPdfView.as_view(),
        name="report_pdf",
    ),
    path(
        "casos/<int:case_pk>/solicitudes/",
        views.SentenceRequestsView.as_view(),
        name="sentence_requests",
    ),
    path(
        "casos/<int:case_pk>/solicitudes/<int:pk>/pdf/",
        views.SentenceRequestPdfView.as_view(),
        name="sentence_request_pdf",
    ),
    path(
        "casos/<int:case_pk>/solicitudes/<int:pk>/respuesta/",
        views.SentenceRequestAnswerView.as_view(),
        name="sentence_request_answer",
    ),
    path(
        "casos/<int:case_pk>/informes/<int:pk>/estado/<str:to>/",
        views.ReportTransitionView.as_view(),
        name="report_transition",
    ),
    path("casos/<int:case_pk>/pena-mixta/", views.PenaMixtaListView.as_view(), name="pena_mixta"),
    path(
        "casos/<int:case_pk>/pena-mixta/<int:pk>/",
        views.PenaMixtaDetailView.as_view(),
        name="pena_mixta_detail",
    ),
    path(
        "casos/<int:case_pk>/pena-mixta/<int:pk>/pdf/",
        views.PenaMixtaPdfView.as_view(),
        name="pena_mixta_pdf",
    ),
    path(
        "casos/<int:case_pk>/pena-mixta/<int:pk>/accion/<str:to>/",
        views.PenaMixtaActionView.as_view(),
        name="pena_mixta_action",
    ),
]
