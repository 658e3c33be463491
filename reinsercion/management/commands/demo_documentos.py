from django.core.management.base import BaseCommand

from reinsercion.demo import documents as demo_documents


class Command(BaseCommand):
    help = "Adjunta un documento de demostración a cada caso abierto (idempotente)."

    def handle(self, *args, **options):
        count = demo_documents.build(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Documentos de demostración: {count}."))
