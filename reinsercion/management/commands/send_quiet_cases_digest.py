from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from reinsercion.activities import compliance
from reinsercion.agenda import queries as agenda
from reinsercion.cases.models import Case
from reinsercion.programs.choices import Role
from reinsercion.programs.models import User


class Command(BaseCommand):
    help = (
        "Envía a cada coordinación la lista semanal de casos «silenciosos»: sin contacto "
        "presencial por más tiempo del que permite su frecuencia mínima."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        coordinators = (
            User.objects.filter(is_active=True, memberships__role=Role.COORDINATION)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        sent = 0
        for user in coordinators:
            cases = agenda.team_cases(user).open()
            quiet = compliance.quiet_cases(cases, today)
            if not quiet:
                continue
            lines = []
            rows = Case.objects.filter(pk__in=quiet).select_related("person", "program")
            for case in sorted(rows, key=lambda c: -quiet[c.pk].days_without_contact):
                status = quiet[case.pk]
                last = (
                    f"último contacto presencial {status.last_contact:%d-%m-%Y}"
                    if status.last_contact
                    else "sin contactos presenciales desde el ingreso"
                )
                lines.append(
                    f"- {case.program.code} · caso {case.pk} ({agenda.initials(case.person)}): "
                    f"{status.days_without_contact} días sin contacto; mínimo "
                    f"{status.requirement.label.lower()} (cada {status.requirement.interval_days} "
                    f"días); {last}.\n"
                    f"  {agenda.absolute(reverse('team:case_timeline', args=[case.pk]))}"
                )
            subject = f"Casos sin contacto: {len(quiet)} al {today:%d-%m-%Y}"
            body = (
                f"Hola {user.first_name or user.username}:\n\n"
                "Estos casos llevan más tiempo sin contacto presencial del que permite su "
                "frecuencia mínima:\n\n" + "\n".join(lines) + "\n"
            )
            send_mail(subject, body, None, [user.email])
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Resúmenes de casos sin contacto enviados: {sent}."))
