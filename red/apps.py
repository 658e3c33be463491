from django.apps import AppConfig


class RedConfig(AppConfig):
    name = "red"
    verbose_name = "Red de instituciones"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from red import setup  # noqa: PLC0415

        setup.register()
