from django.apps import AppConfig


class CuposConfig(AppConfig):
    name = "cupos"
    verbose_name = "Programas con cupos"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from cupos import setup  # noqa: PLC0415

        setup.register()
