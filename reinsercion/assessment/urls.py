from django.urls import path

from reinsercion.assessment import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path(
        "casos/<int:case_pk>/evaluaciones/",
        views.AssessmentListView.as_view(),
        name="assessment_list",
    ),
    path(
        "casos/<int:case_pk>/evaluaciones/nueva/<int:version_pk>/",
        views.AssessmentWizardView.as_view(),
        name="assessment_create",
    ),
    path(
        "casos/<int:case_pk>/evaluaciones/<int:pk>/",
        views.AssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
    path(
        "evaluaciones/modificaciones-de-nivel/",
        views.OverrideShareView.as_view(),
        name="assessment_overrides",
    ),
]
