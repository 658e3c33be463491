from django.urls import path

from reinsercion.programs import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path(
        "sugerencias/profesionales/",
        views.ProfessionalSuggestionsView.as_view(),
        name="suggest_professionals",
    ),
    path(
        "sugerencias/generaciones/", views.CohortSuggestionsView.as_view(), name="suggest_cohorts"
    ),
    path("generaciones/", views.CohortListView.as_view(), name="cohort_list"),
    path("generaciones/<int:pk>/", views.CohortDetailView.as_view(), name="cohort_detail"),
    path(
        "programas/<slug:program_code>/nueva-generacion/",
        views.CohortCreateView.as_view(),
        name="cohort_create",
    ),
]
