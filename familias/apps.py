from django.apps import AppConfig


class FamiliasConfig(AppConfig):
    name = "familias"
    verbose_name = "Familias"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from familias import setup  # noqa: PLC0415

        setup.register()
