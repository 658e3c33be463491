from django.core.management.base import BaseCommand

from reinsercion.notifications.actions import send_daily_digests


class Command(BaseCommand):
    help = (
        "Envía a quien eligió «un resumen diario» un correo con sus avisos sin leer del día "
        "(ejecutar una vez al día desde cron; el envío lo hace el worker: manage.py db_worker)."
    )

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(f"{sent} resúmenes en cola.")
