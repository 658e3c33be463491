from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Each app loads its own demo data; the order follows the one-way dependencies.
DEMO_COMMANDS = [
    "demo_casos",  # reinsercion: programs, teams, people, cases
    "demo_evaluaciones",  # reinsercion: assessments and plans
    "demo_actividades",  # reinsercion: sessions, workshops, follow-up
    "demo_documentos",  # reinsercion: a document on each open case
    "demo_familias",
    "demo_red",
    "demo_contratos",
    "demo_cupos",  # cupos: programs with slots, requests, waiting lists
    "demo_sitio",  # cms: the public site tree
]


class Command(BaseCommand):
    help = "Carga todos los datos de demostración: casos, familias, red, contratos y sitio."

    def handle(self, *args, **options):
        available = get_commands()
        for name in DEMO_COMMANDS:
            if name in available:
                call_command(name, stdout=self.stdout)
        # The agendas read stored rows; rebuild them all once the demo is in.
        call_command("refresh_agenda", stdout=self.stdout)
