from django.core.management.base import BaseCommand

from reinsercion.agenda.actions import refresh_all


class Command(BaseCommand):
    help = (
        "Recalcula la agenda guardada de todos los casos abiertos. Ejecútelo una vez al día "
        "(lo que vence según la fecha) y después de una carga masiva."
    )

    def handle(self, *args, **options):
        rows = refresh_all()
        self.stdout.write(f"Agenda recalculada: {rows} pendientes.")
