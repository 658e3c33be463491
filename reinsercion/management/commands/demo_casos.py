from django.core.management.base import BaseCommand

from reinsercion.demo import cases as demo_cases


class Command(BaseCommand):
    help = "Carga programas, equipos y casos de demostración (idempotente)."

    def handle(self, *args, **options):
        logins, cases = demo_cases.build(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Casos de demostración: {cases}."))
        self.stdout.write("\nUsuarios de demostración (claves nuevas en cada ejecución):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<20} {password:<16} {role}")
