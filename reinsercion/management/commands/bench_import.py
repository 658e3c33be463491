"""Time the spreadsheet import on N rows (docs/performance.md), then undo everything.

    python manage.py bench_import --rows 5000

Builds a CSV of N new people for one generation of a throwaway program, then times the three
steps a coordinator goes through: upload with its preview (every row through the actions,
rolled back), confirmation (every row written and audited) and the preview page. The preview
and the import are what the background tasks run (imports/tasks.py); here they run inline. All of it
runs in one transaction that is rolled back at the end: the database is left as it was.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client

from reinsercion.imports import actions
from reinsercion.people.rut import with_check_digit
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, Program, User


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mide la importación de una planilla de N filas y deshace todo al terminar."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)

    def handle(self, *args, rows, **options):
        try:
            with transaction.atomic():
                self._run(rows)
                raise Rollback
        except Rollback:
            pass

    def _run(self, rows):
        actor = User.objects.create(username="bench-importacion", is_superuser=True)
        program = Program.objects.create(
            code="BENCHIMP",
            name="Programa de medición",
            uses_cohorts=True,
            max_cohort_size=None,
            max_members_per_year=rows + 1,
            phases=[Phase.INTRA_PENITENTIARY, Phase.EXTRA_PENITENTIARY, Phase.CLOSED],
        )
        cohort = Cohort.objects.create(program=program, ordinal=1, year=2026)
        lines = ["RUT;Nombres;Apellidos;Fecha de nacimiento;Sexo;Comuna;Programa;Generación"]
        lines += [
            f"{with_check_digit(45_000_000 + n)};Nombre {n};Apellido {n};17-05-1990;Mujer;"
            f"Quillota;BENCHIMP;{cohort.ordinal}"
            for n in range(rows)
        ]
        content = "\n".join(lines).encode()

        started = time.perf_counter()
        batch = actions.upload(actor=actor, content=content, filename="bench.csv")
        actions.preview(batch=batch)
        preview = time.perf_counter() - started
        errors = batch.error_count

        client = Client(SERVER_NAME="localhost")
        client.force_login(actor)
        started = time.perf_counter()
        status = client.get(batch.get_absolute_url()).status_code
        page = time.perf_counter() - started

        started = time.perf_counter()
        actions.request_import(batch=batch, actor=actor)
        actions.confirm(batch=batch, actor=actor)
        confirm = time.perf_counter() - started
        imported = cohort.cases.count()

        self.stdout.write(
            f"{rows} filas · subida y vista previa {preview:.1f} s · página de vista previa "
            f"{page:.1f} s (HTTP {status}) · confirmación {confirm:.1f} s · "
            f"{imported} casos importados, {errors} errores"
        )
