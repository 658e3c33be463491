from django.urls import path

from reinsercion.activities import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path(
        "casos/<int:case_pk>/linea-de-tiempo/",
        views.CaseTimelineView.as_view(),
        name="case_timeline",
    ),
    path(
        "casos/<int:case_pk>/sesiones/nueva/",
        views.ActivityCreateView.as_view(),
        name="activity_create",
    ),
    path(
        "casos/<int:case_pk>/sesiones/<int:pk>/",
        views.ActivityUpdateView.as_view(),
        name="activity_update",
    ),
    path(
        "casos/<int:case_pk>/citas/",
        views.AppointmentCreateView.as_view(),
        name="appointment_create",
    ),
    path(
        "casos/<int:case_pk>/citas/<int:pk>/",
        views.AppointmentUpdateView.as_view(),
        name="appointment_update",
    ),
    path("casos/<int:case_pk>/seguimiento/", views.FollowUpView.as_view(), name="follow_up"),
    path(
        "casos/<int:case_pk>/excepciones-contacto/",
        views.ContactExceptionsView.as_view(),
        name="contact_exceptions",
    ),
    path(
        "casos/<int:case_pk>/excepciones-contacto/<int:pk>/resolver/",
        views.ContactExceptionDecideView.as_view(),
        name="contact_exception_decide",
    ),
    path(
        "casos/<int:case_pk>/seguimiento/<int:pk>/registrar/",
        views.FollowUpRecordView.as_view(),
        name="follow_up_record",
    ),
    path(
        "casos/<int:case_pk>/informes-tribunal/nuevo/",
        views.CourtReportCreateView.as_view(),
        name="court_report_create",
    ),
    path(
        "casos/<int:case_pk>/incumplimiento/nuevo/",
        views.NonComplianceCreateView.as_view(),
        name="noncompliance_create",
    ),
    path(
        "casos/<int:case_pk>/incumplimiento/<int:pk>/",
        views.NonComplianceDetailView.as_view(),
        name="noncompliance_detail",
    ),
    path(
        "generaciones/<int:pk>/talleres/",
        views.CohortWorkshopsView.as_view(),
        name="cohort_workshops",
    ),
    path("talleres/<int:pk>/", views.WorkshopDetailView.as_view(), name="workshop_detail"),
    path(
        "talleres/sesiones/<int:pk>/asistencia/",
        views.WorkshopAttendanceView.as_view(),
        name="workshop_attendance",
    ),
    path(
        "indicadores/actividad/",
        views.ActivityIndicatorsView.as_view(),
        name="activity_indicators",
    ),
]
