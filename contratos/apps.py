from django.apps import AppConfig


class ContratosConfig(AppConfig):
    name = "contratos"
    verbose_name = "Contratos sociales"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from contratos import setup  # noqa: PLC0415

        setup.register()
