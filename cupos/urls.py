"""The team's pages about programs with slots, mounted at ``/equipo/`` (namespace ``cupos``)."""

from django.urls import path

from . import views

app_name = "cupos"

REQUEST = "casos/<int:case_pk>/programas/<int:pk>/"

urlpatterns = [
    path(
        "casos/<int:case_pk>/programas/", views.CaseRequestListView.as_view(), name="case_requests"
    ),
    path(
        "casos/<int:case_pk>/programas/solicitar/",
        views.RequestCreateView.as_view(),
        name="request_create",
    ),
    path(REQUEST, views.RequestDetailView.as_view(), name="request_detail"),
    path(f"{REQUEST}retirar/", views.RequestWithdrawView.as_view(), name="request_withdraw"),
    path(f"{REQUEST}iniciar/", views.RequestStartView.as_view(), name="request_start"),
    path(f"{REQUEST}consentimiento/", views.ConsentSignView.as_view(), name="consent_sign"),
    path(f"{REQUEST}consentimiento.pdf", views.ConsentPdfView.as_view(), name="consent_pdf"),
    path("programas-con-cupos/", views.ProgramListView.as_view(), name="program_list"),
    path("programas-con-cupos/<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("programas-con-cupos/<int:pk>/sesiones/", views.SessionView.as_view(), name="sessions"),
    path("solicitudes-de-cupo/<int:pk>/", views.AnswerView.as_view(), name="answer"),
]
