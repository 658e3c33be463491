import time

from django.apps import apps
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reinsercion.agenda.actions import refresh_all
from reinsercion.demo.scale import NotADemoDatabase, build, fast_bulk_session, has_scale_data

# Other apps add their share with a command of this prefix (red: `demo_scale_red`); they run
# after the case data, in INSTALLED_APPS order, inside the same transaction.
APP_COMMAND_PREFIX = "demo_scale_"


def app_commands() -> list[str]:
    order = {config.name: n for n, config in enumerate(apps.get_app_configs())}
    found = [(name, app) for name, app in get_commands().items()]
    found = [(name, app) for name, app in found if name.startswith(APP_COMMAND_PREFIX)]
    return [name for name, app in sorted(found, key=lambda item: order.get(item[1], 999))]


class Command(BaseCommand):
    help = (
        "Hace crecer una base de demostración a escala nacional (casos, sesiones, "
        "evaluaciones, planes, derivaciones). Escribe directo a las tablas (COPY en "
        "PostgreSQL), sin auditoría por fila. Se niega a correr sobre una base con datos reales."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000, help="Casos (100000).")
        parser.add_argument(
            "--records-per-case", type=int, default=50, help="Sesiones por caso (50)."
        )
        parser.add_argument(
            "--professionals", type=int, default=None, help="Profesionales (casos/50, máx. 2000)."
        )
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="No hacer nada (y salir sin error) si la base ya tiene datos de escala.",
        )

    def handle(self, *args, **options):
        if options["if_missing"] and has_scale_data():
            self.stdout.write("La base ya tiene datos de escala: nada que hacer.")
            return
        started = time.monotonic()
        try:
            with transaction.atomic():
                fast_bulk_session()
                counts = build(
                    cases=options["cases"],
                    records_per_case=options["records_per_case"],
                    professionals=options["professionals"],
                    seed=options["seed"],
                    stdout=self.stdout,
                )
                for name in app_commands():
                    call_command(name, seed=options["seed"], stdout=self.stdout)
        except NotADemoDatabase as exc:
            raise CommandError(str(exc)) from exc
        # COPY sends no signals: the stored agenda is rebuilt once, as the daily job does.
        entries = refresh_all()
        self.stdout.write(f"Agenda guardada recalculada: {entries:,} pendientes.")
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos de escala: {options['cases']:,} casos, {sum(counts.values()):,} filas "
                f"del módulo de casos en {seconds:.0f} s."
            )
        )
