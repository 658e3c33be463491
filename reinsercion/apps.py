from django.apps import AppConfig


class ReinsercionConfig(AppConfig):
    name = "reinsercion"
    verbose_name = "Casos"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from reinsercion import setup  # noqa: PLC0415

        setup.register_all()
