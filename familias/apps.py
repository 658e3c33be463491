from django.apps import AppConfig


class FamiliasConfig(AppConfig):
    name = "familias"
    verbose_name = "Familias"

    def ready(self):
        from auditlog.registry import auditlog

        from reinsercion.extensions import (
            CaseSection,
            register_case_section,
            register_timeline_source,
        )

        from .models import (
            FamilyIntervention,
            FamilyMember,
            FamilyProblem,
            GroupTalk,
            SignificantReferent,
        )
        from .timeline import family_timeline

        auditlog.register(FamilyMember)
        auditlog.register(FamilyProblem)
        auditlog.register(SignificantReferent)
        auditlog.register(GroupTalk)
        auditlog.register(FamilyIntervention, m2m_fields={"attendees"})

        register_case_section(CaseSection("family", "Familia", "familias:family", order=40))
        register_timeline_source("family_interventions", family_timeline)
