from django.apps import AppConfig


class RedConfig(AppConfig):
    name = "red"
    verbose_name = "Red de instituciones"
