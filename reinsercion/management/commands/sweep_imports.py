from django.core.management.base import BaseCommand
from django.utils import timezone

from reinsercion.imports.actions import STALE_AFTER
from reinsercion.imports.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Borra las planillas importadas o abandonadas hace más de un día: guardan el RUT y "
        "el nombre de cada fila, que ya están en los casos o no se importaron."
    )

    def handle(self, *args, **options):
        deleted, _ = ImportBatch.objects.filter(
            created_at__lt=timezone.now() - STALE_AFTER
        ).delete()
        self.stdout.write(f"{deleted} planilla(s) borrada(s).")
