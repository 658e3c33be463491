from pathlib import Path

from django.core.management.base import BaseCommand

from cms.private_files import backup, default_backup_path


class Command(BaseCommand):
    help = "Respalda juntos la base de datos y los archivos privados en un .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Archivo de destino (.tar.gz).")

    def handle(self, *args, file=None, **options):
        target = backup(Path(file) if file else default_backup_path())
        self.stdout.write(f"Respaldo escrito en {target}")
