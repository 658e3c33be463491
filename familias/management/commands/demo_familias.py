from django.core.management.base import BaseCommand

from familias.demo import families as demo


class Command(BaseCommand):
    help = "Carga grupos familiares de demostración para casos OPV (idempotente)."

    def handle(self, *args, **options):
        created = demo.build(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Familias de demostración creadas: {created}."))
