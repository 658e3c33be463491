from django.urls import path

from reinsercion.cases import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("casos/", views.CaseListView.as_view(), name="case_list"),
    path("casos/<int:case_pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("casos/<int:case_pk>/editar/", views.CaseUpdateView.as_view(), name="case_update"),
    path("casos/<int:case_pk>/fase/", views.PhaseMoveView.as_view(), name="case_move"),
    path(
        "casos/<int:case_pk>/ingreso/aviso-no-presentacion.pdf",
        views.NonPresentationNoticeView.as_view(),
        name="non_presentation_pdf",
    ),
    path("casos/<int:case_pk>/traslados/", views.TransfersView.as_view(), name="transfers"),
    path(
        "casos/<int:case_pk>/traslados/<int:pk>/<str:step>/",
        views.TransferStepView.as_view(),
        name="transfer_step",
    ),
    path("casos/<int:case_pk>/historial/", views.CaseHistoryView.as_view(), name="case_history"),
    path(
        "casos/<int:case_pk>/quien-ha-visto/", views.CaseReadersView.as_view(), name="case_readers"
    ),
    path(
        "personas/<int:person_pk>/abrir-caso/", views.CaseCreateView.as_view(), name="case_create"
    ),
]
