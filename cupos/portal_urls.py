"""The partner portal's pages about slot requests, mounted at ``/red/cupos/``."""

from django.urls import path

from . import views

app_name = "cupos_portal"

urlpatterns = [
    path("", views.PortalInboxView.as_view(), name="inbox"),
    path("<int:pk>/", views.PortalRequestView.as_view(), name="request_detail"),
    path("programas/<int:pk>/sesiones/", views.PortalSessionView.as_view(), name="sessions"),
]
