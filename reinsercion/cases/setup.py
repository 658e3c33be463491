from auditlog.registry import auditlog

from reinsercion.cases.models import Case, PhasePeriod


def register() -> None:
    auditlog.register(Case, m2m_fields={"professionals"})
    auditlog.register(PhasePeriod)
