from django.apps import AppConfig


class ReinsercionConfig(AppConfig):
    name = "reinsercion"
    verbose_name = "Casos"

    def ready(self):
        # cycle: the components' setup imports their models, which load after the app registry.
        from reinsercion import setup

        setup.register_all()
