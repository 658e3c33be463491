from django.apps import AppConfig


class FamiliasConfig(AppConfig):
    name = "familias"
    verbose_name = "Familias"
