import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from reinsercion.indicators import snapshots
from reinsercion.programs.models import Program


class Command(BaseCommand):
    help = (
        "Calcula y guarda los indicadores de cada programa activo para los periodos habituales "
        "(este año y el anterior, este trimestre y el anterior, este mes y el anterior). "
        "Ejecútelo cada noche, después de refresh_agenda."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--program", action="append", help="Código del programa (puede repetirse)."
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Solo los periodos que aún no tienen cifras calculadas hoy.",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        programs = Program.objects.filter(is_active=True).order_by("code")
        if options["program"]:
            programs = programs.filter(code__in=[c.upper() for c in options["program"]])
        for program in programs:
            for period in snapshots.usual_periods(today):
                if options["missing"] and snapshots.stored(program, period, today):
                    continue
                started = time.perf_counter()
                snapshots.compute(program, period, today)
                self.stdout.write(
                    f"{program.code} · {period.label}: {time.perf_counter() - started:.1f} s"
                )
