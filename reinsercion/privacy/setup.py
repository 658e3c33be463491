"""Data-subject requests: audit, their deadline on the agenda."""

from auditlog.registry import auditlog

from reinsercion.extensions import register_agenda_source
from reinsercion.privacy.models import DataSubjectRequest, Incident
from reinsercion.privacy.queries import request_agenda


def register() -> None:
    auditlog.register(DataSubjectRequest)
    auditlog.register(Incident)
    register_agenda_source("data_requests", request_agenda, depends_on=[DataSubjectRequest])
