from django.urls import path

from . import views

app_name = "contratos"

prefix = "casos/<int:case_pk>/contrato/"

urlpatterns = [
    path(prefix, views.ContractListView.as_view(), name="list"),
    path(f"{prefix}preparar/", views.ContractPrepareView.as_view(), name="prepare"),
    path(f"{prefix}<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path(f"{prefix}<int:pk>/firmar/", views.SignContractWizard.as_view(), name="sign"),
    path(f"{prefix}<int:pk>/descartar/", views.ContractDiscardView.as_view(), name="discard"),
    path(f"{prefix}<int:pk>/pdf/", views.ContractPdfView.as_view(), name="pdf"),
    path(f"{prefix}<int:pk>/enviar/", views.ContractEmailView.as_view(), name="email"),
    path(
        f"{prefix}<int:pk>/incumplimientos/nuevo/",
        views.BreachCreateView.as_view(),
        name="breach_create",
    ),
    path("contratos/plantillas/", views.TemplateListView.as_view(), name="template_list"),
    path(
        "contratos/plantillas/nueva/<slug:program_code>/",
        views.TemplateCreateView.as_view(),
        name="template_create",
    ),
    path(
        "contratos/plantillas/<int:pk>/",
        views.TemplateDetailView.as_view(),
        name="template_detail",
    ),
    path(
        "contratos/plantillas/<int:pk>/editar/",
        views.TemplateEditView.as_view(),
        name="template_edit",
    ),
]
