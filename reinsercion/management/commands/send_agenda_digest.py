from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities import queries as activity_queries
from reinsercion.agenda import queries as agenda
from reinsercion.programs.choices import Role
from reinsercion.programs.models import User
from reinsercion.programs.permissions import programs_with_role


class Command(BaseCommand):
    help = (
        "Envía a cada profesional un correo con lo vencido y lo que vence en su agenda "
        "(ejecutar una vez al día desde cron o el programador de tareas)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        professionals = (
            User.objects.filter(is_active=True, memberships__role=Role.PROFESSIONAL)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        sent = 0
        for user in professionals:
            rows = agenda.collect(agenda.my_cases(user), today)
            workshops = activity_queries.pending_workshops(
                programs_with_role(user, Role.COORDINATION, Role.PROFESSIONAL)
            )
            if not rows and not workshops:
                continue
            overdue = sum(1 for r in rows if r.is_overdue)
            subject = (
                f"Su agenda del {today:%d-%m-%Y}: {overdue} vencido(s), "
                f"{len(rows) - overdue} por vencer"
            )
            pending = "".join(
                f"- {w.session.series.title} ({w.session.series.cohort.program.code}, "
                f"{w.session.series.cohort}), sesión del "
                f"{timezone.localtime(w.session.starts_at):%d-%m-%Y}: plazo "
                f"{w.due_on:%d-%m-%Y}\n  "
                f"{agenda.absolute(reverse('team:workshop_attendance', args=[w.session.pk]))}\n"
                for w in workshops
            )
            if pending:
                pending = f"Talleres sin asistencia registrada ({len(workshops)}):\n{pending}\n"
            body = (
                f"Hola {user.first_name or user.username}:\n\n"
                f"Esto es lo pendiente en sus casos al {today:%d-%m-%Y}.\n\n"
                f"{agenda.digest_text(rows, today)}\n"
                f"{pending}"
                f"Su agenda completa: {agenda.absolute(reverse('team:agenda'))}\n"
            )
            send_mail(subject, body, None, [user.email])
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Resúmenes de agenda enviados: {sent}."))
