from django.urls import path

from reinsercion.people import views

# Mounted under /equipo/ in the "team" namespace by reinsercion/urls.py.
urlpatterns = [
    path("personas/nueva/", views.PersonCreateView.as_view(), name="person_create"),
    path("personas/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("personas/<int:pk>/editar/", views.PersonUpdateView.as_view(), name="person_update"),
]
