from django.core.management.base import BaseCommand

from reinsercion.demo import activities as demo_activities


class Command(BaseCommand):
    help = (
        "Carga sesiones, talleres con asistencia, contactos de seguimiento e informes al "
        "tribunal de demostración (idempotente; requiere demo_casos)."
    )

    def handle(self, *args, **options):
        if demo_activities.build(stdout=self.stdout):
            self.stdout.write(self.style.SUCCESS("Actividades de demostración cargadas."))
        else:
            self.stdout.write("Las actividades de demostración ya estaban cargadas.")
