from django.urls import path

from reinsercion.privacy import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("datos-personales/", views.RequestListView.as_view(), name="data_requests"),
    path(
        "casos/<int:case_pk>/datos-personales/nueva/",
        views.RequestCreateView.as_view(),
        name="data_request_create",
    ),
    path("datos-personales/<int:pk>/", views.RequestDetailView.as_view(), name="data_request"),
    path(
        "datos-personales/<int:pk>/datos.zip",
        views.RequestExportView.as_view(),
        name="data_request_export",
    ),
    path(
        "datos-personales/<int:pk>/anonimizar/",
        views.AnonymiseView.as_view(),
        name="data_request_anonymise",
    ),
]
