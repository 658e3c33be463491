"""Plugs cupos into the audit log and the case module's extension points (called from
``CuposConfig.ready()``, when the models are loaded)."""

from auditlog.registry import auditlog

from reinsercion.extensions import (
    CaseSection,
    register_agenda_source,
    register_case_section,
    register_subject_source,
    register_timeline_source,
)

from . import privacy, queries
from .models import (
    InterventionProgram,
    ProgramConsent,
    ProgramSession,
    ProgressReport,
    SessionAttendance,
    SlotRequest,
    SlotRequestEvent,
)


def register() -> None:
    for model in (
        InterventionProgram,
        SlotRequest,
        SlotRequestEvent,
        ProgramConsent,
        ProgramSession,
        SessionAttendance,
        ProgressReport,
    ):
        auditlog.register(model)
    register_subject_source("cupos", privacy.subject_sections)
    register_case_section(
        CaseSection("slot_requests", "Programas", "cupos:case_requests", order=65)
    )
    register_agenda_source(
        "slot_requests",
        queries.agenda_items,
        depends_on=[SlotRequest, SlotRequestEvent, ProgressReport],
    )
    register_timeline_source("slot_requests", queries.timeline_entries)
