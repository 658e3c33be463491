from django.core.management.base import BaseCommand

from contratos.demo import contracts as demo


class Command(BaseCommand):
    help = "Carga la plantilla de contrato social OPV y contratos firmados (idempotente)."

    def handle(self, *args, **options):
        signed = demo.build(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Contratos sociales firmados: {signed}."))
