from django.apps import AppConfig
from django.db.backends.signals import connection_created

from reinsercion.people.collation import register_sqlite_collation


class ReinsercionConfig(AppConfig):
    name = "reinsercion"
    verbose_name = "Casos"

    def ready(self):
        # cycle: setup imports the models, which load only after the app registry is ready.
        from reinsercion import setup  # noqa: PLC0415

        setup.register_all()
        connection_created.connect(register_sqlite_collation, dispatch_uid="spanish_collation")
