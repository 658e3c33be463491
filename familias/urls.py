from django.urls import path

from . import views

app_name = "familias"

prefix = "casos/<int:case_pk>/familia/"

urlpatterns = [
    path(prefix, views.FamilyView.as_view(), name="family"),
    path(f"{prefix}integrantes/nuevo/", views.MemberCreateView.as_view(), name="member_create"),
    path(
        f"{prefix}integrantes/<int:pk>/editar/",
        views.MemberUpdateView.as_view(),
        name="member_update",
    ),
    path(
        f"{prefix}integrantes/<int:pk>/eliminar/",
        views.MemberDeleteView.as_view(),
        name="member_delete",
    ),
    path(f"{prefix}referente/", views.ReferentView.as_view(), name="referent"),
    path(f"{prefix}referente/termino/", views.ReferentEndView.as_view(), name="referent_end"),
    path(f"{prefix}problematicas/nueva/", views.ProblemCreateView.as_view(), name="problem_create"),
    path(
        f"{prefix}problematicas/<int:pk>/superada/",
        views.ProblemResolveView.as_view(),
        name="problem_resolve",
    ),
    path(
        f"{prefix}intervenciones/nueva/",
        views.InterventionCreateView.as_view(),
        name="intervention_create",
    ),
    path(
        f"{prefix}intervenciones/<int:pk>/editar/",
        views.InterventionUpdateView.as_view(),
        name="intervention_update",
    ),
]
