from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from red.demo import referrals as demo


class Command(BaseCommand):
    help = "Carga la red de instituciones del programa OPV, usuarios de la red y derivaciones."

    def handle(self, *args, **options):
        # Demo referrals notify nobody: the console would drown the logins below.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            logins, institutions, referrals = demo.build(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Red: {institutions} instituciones, {referrals} derivaciones.")
        )
        self.stdout.write(
            "\nUsuarios de la red (claves nuevas en cada ejecución; /cuenta/ingresar/):"
        )
        for username, password, role in logins:
            self.stdout.write(f"  {username:<20} {password:<16} {role}")
