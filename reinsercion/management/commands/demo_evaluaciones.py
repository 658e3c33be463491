from django.core.management.base import BaseCommand

from reinsercion.demo import assessments as demo_assessments


class Command(BaseCommand):
    help = "Carga evaluaciones de riesgo y planes de intervención de demostración (idempotente)."

    def handle(self, *args, **options):
        counts = demo_assessments.build(stdout=self.stdout)
        if counts is None:
            self.stdout.write("Las evaluaciones de demostración ya estaban cargadas.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Evaluaciones: {counts['assessments']}; planes de intervención: {counts['plans']}."
            )
        )
