import datetime

from django.core.management.base import BaseCommand

from cms.private_files import sweep_orphans


class Command(BaseCommand):
    help = (
        "Borra los archivos privados que ninguna fila nombra "
        "(firmas o PDF de una firma interrumpida)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=60, help="Minutos de antigüedad mínima (60)."
        )

    def handle(self, *args, older_than, **options):
        orphans = sweep_orphans(older_than=datetime.timedelta(minutes=older_than))
        for name in orphans:
            self.stdout.write(f"Borrado: {name}")
        self.stdout.write(f"{len(orphans)} archivo(s) huérfano(s) borrado(s).")
