from django.apps import AppConfig


class ReinsercionConfig(AppConfig):
    name = "reinsercion"
    verbose_name = "Casos"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Case, Cohort, Person, PhasePeriod, Program, TeamMembership

        auditlog.register(Person)
        auditlog.register(Case, m2m_fields={"professionals"})
        auditlog.register(PhasePeriod)
        auditlog.register(Cohort)
        auditlog.register(Program)
        auditlog.register(TeamMembership)

        from . import signals

        signals.connect()

        # Sessions, workshops, follow-up, timeline and agenda (issue 4).
        from .activities_setup import register as register_activities

        register_activities()
