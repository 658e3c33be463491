"""/cuenta/ pages of the second factor (mounted by cms/urls.py)."""

from django.urls import path

from reinsercion.second_factor import views

app_name = "second_factor"

urlpatterns = [
    path("segundo-factor/activar/", views.enrol, name="enrol"),
    path("segundo-factor/verificar/", views.verify, name="verify"),
    path("usuarios/segundo-factor/", views.user_list, name="user_list"),
    path(
        "usuarios/segundo-factor/<int:pk>/restablecer/",
        views.reset,
        name="reset",
    ),
]
