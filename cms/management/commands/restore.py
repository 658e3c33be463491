from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.private_files import restore


class Command(BaseCommand):
    help = "Restaura la base de datos y los archivos privados desde un respaldo (.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Respaldo hecho con `manage.py backup`.")

    def handle(self, *args, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"No existe el respaldo {file}.")
        restore(Path(file))
        self.stdout.write(f"Restaurado desde {file}")
