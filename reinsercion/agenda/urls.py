from django.urls import path

from reinsercion.agenda import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("agenda/", views.MyAgendaView.as_view(), name="agenda"),
    path("agenda/equipo/", views.TeamAgendaView.as_view(), name="team_agenda"),
    path("agenda/calendario/", views.CalendarSettingsView.as_view(), name="calendar_settings"),
    path(
        "agenda/calendario/<str:token>.ics",
        views.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
]
