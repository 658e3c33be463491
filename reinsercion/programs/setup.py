from auditlog.registry import auditlog

from reinsercion.programs.models import Cohort, Program, TeamMembership


def register() -> None:
    auditlog.register(Cohort)
    auditlog.register(Program)
    auditlog.register(TeamMembership)
