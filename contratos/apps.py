from django.apps import AppConfig


class ContratosConfig(AppConfig):
    name = "contratos"
    verbose_name = "Contratos sociales"
