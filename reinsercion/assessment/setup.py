"""Assessment: audit, admin catalogues, the case tab, contact rules, agenda and timeline."""

from auditlog.registry import auditlog

from reinsercion.assessment import admin, queries
from reinsercion.assessment.models import Assessment, DomainScore
from reinsercion.extensions import (
    CaseSection,
    register_agenda_source,
    register_case_section,
    register_contact_provider,
    register_timeline_source,
)


def register() -> None:
    auditlog.register(Assessment)
    auditlog.register(DomainScore)
    admin.register()
    register_case_section(CaseSection("assessments", "Evaluación", "team:assessment_list", 10))
    register_contact_provider("assessment", queries.contact_requirements)
    register_agenda_source(
        "reassessment", queries.reassessment_agenda, depends_on=[Assessment, DomainScore]
    )
    register_timeline_source("assessments", queries.assessment_timeline)
