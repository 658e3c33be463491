from django.core.management.base import BaseCommand

from cms.demo.site import build


class Command(BaseCommand):
    help = "Construye el árbol del sitio público en español (idempotente)."

    def handle(self, *args, **options):
        build(stdout=self.stdout)
