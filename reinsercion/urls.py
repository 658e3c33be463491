from django.urls import path

from .views import cases, cohorts, home, people

app_name = "team"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("casos/", cases.CaseListView.as_view(), name="case_list"),
    path("casos/<int:case_pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("casos/<int:case_pk>/editar/", cases.CaseUpdateView.as_view(), name="case_update"),
    path("casos/<int:case_pk>/fase/", cases.PhaseMoveView.as_view(), name="case_move"),
    path("casos/<int:case_pk>/historial/", cases.CaseHistoryView.as_view(), name="case_history"),
    path("personas/nueva/", people.PersonCreateView.as_view(), name="person_create"),
    path("personas/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("personas/<int:pk>/editar/", people.PersonUpdateView.as_view(), name="person_update"),
    path(
        "personas/<int:person_pk>/abrir-caso/", cases.CaseCreateView.as_view(), name="case_create"
    ),
    path("generaciones/", cohorts.CohortListView.as_view(), name="cohort_list"),
    path("generaciones/<int:pk>/", cohorts.CohortDetailView.as_view(), name="cohort_detail"),
    path(
        "programas/<slug:program_code>/nueva-generacion/",
        cohorts.CohortCreateView.as_view(),
        name="cohort_create",
    ),
]
