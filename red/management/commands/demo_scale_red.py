from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from red.demo import scale as demo_scale
from reinsercion.demo.scale import NotADemoDatabase, fast_bulk_session


class Command(BaseCommand):
    help = (
        "Derivaciones de demostración a escala nacional sobre los casos de `demo_scale` "
        "(normalmente lo ejecuta `manage.py demo_scale`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                fast_bulk_session()
                counts = demo_scale.build(seed=options["seed"], stdout=self.stdout)
        except NotADemoDatabase as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Red a escala: {sum(counts.values()):,} filas."))
