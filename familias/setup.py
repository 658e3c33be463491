"""Plugs familias into the audit log and the case module's extension points (called from
``FamiliasConfig.ready()``, when the models are loaded)."""

from auditlog.registry import auditlog

from familias import privacy
from familias.models import (
    FamilyIntervention,
    FamilyMember,
    FamilyProblem,
    GroupTalk,
    SignificantReferent,
)
from familias.timeline import family_timeline
from reinsercion.extensions import (
    CaseSection,
    register_anonymiser,
    register_case_section,
    register_subject_source,
    register_timeline_source,
)


def register() -> None:
    auditlog.register(FamilyMember)
    auditlog.register(FamilyProblem)
    auditlog.register(SignificantReferent)
    auditlog.register(GroupTalk)
    auditlog.register(FamilyIntervention, m2m_fields={"attendees"})

    register_case_section(CaseSection("family", "Familia", "familias:family", order=40))
    register_timeline_source("family_interventions", family_timeline)
    register_subject_source("familias", privacy.subject_sections)
    register_anonymiser("familias", privacy.anonymise)
