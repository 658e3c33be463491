from django.urls import path

from reinsercion.plans import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("casos/<int:case_pk>/plan/", views.PlanListView.as_view(), name="plan_list"),
    path("casos/<int:case_pk>/plan/nuevo/", views.PlanCreateView.as_view(), name="plan_create"),
    path(
        "casos/<int:case_pk>/plan/comparar/", views.PlanCompareView.as_view(), name="plan_compare"
    ),
    path(
        "casos/<int:case_pk>/plan/prorroga/",
        views.ExtensionCreateView.as_view(),
        name="plan_extension",
    ),
    path("casos/<int:case_pk>/plan/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/editar/",
        views.PlanUpdateView.as_view(),
        name="plan_update",
    ),
    path("casos/<int:case_pk>/plan/<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan_pdf"),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/estado/<str:to_status>/",
        views.PlanTransitionView.as_view(),
        name="plan_transition",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/nueva-version/",
        views.PlanNewVersionView.as_view(),
        name="plan_new_version",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/excepcion-limites/",
        views.PlanLimitsExceptionView.as_view(),
        name="plan_limits_exception",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/retroalimentacion/",
        views.FeedbackCreateView.as_view(),
        name="plan_feedback",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/nuevo/",
        views.ObjectiveCreateView.as_view(),
        name="plan_objective_create",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/editar/",
        views.ObjectiveUpdateView.as_view(),
        name="plan_objective_update",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/estado/",
        views.ObjectiveStatusView.as_view(),
        name="plan_objective_status",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/eliminar/",
        views.ObjectiveDeleteView.as_view(),
        name="plan_objective_delete",
    ),
]
