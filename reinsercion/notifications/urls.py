from django.urls import path

from reinsercion.notifications import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("avisos/", views.NotificationListView.as_view(), name="notifications"),
    path("avisos/leer-todos/", views.MarkAllReadView.as_view(), name="notifications_read_all"),
    path("avisos/<int:pk>/leido/", views.MarkReadView.as_view(), name="notification_read"),
    path(
        "avisos/preferencias/",
        views.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
]
