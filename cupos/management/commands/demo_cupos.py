from django.core.management.base import BaseCommand

from cupos.demo import programs as demo


class Command(BaseCommand):
    help = "Carga programas con cupos (propios y de la red), solicitudes y listas de espera."

    def handle(self, *args, **options):
        logins, programs, requests = demo.build(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Programas con cupos: {programs} programas, {requests} solicitudes."
            )
        )
        self.stdout.write("\nUsuarios de la red para los programas con cupos:")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<20} {password:<16} {role}")
