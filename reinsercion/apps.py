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

        self.register_assessments_and_plans()

    def register_assessments_and_plans(self):
        """Assessment and plan (PII): audit, case tabs, contact rules, agenda, timeline."""
        from auditlog.registry import auditlog

        from . import assessment_admin, assessment_queries, plan_queries
        from .extensions import (
            CaseSection,
            register_agenda_source,
            register_case_section,
            register_contact_provider,
            register_timeline_source,
        )
        from .models import (
            Assessment,
            DomainScore,
            FeedbackSession,
            InterventionPlan,
            PlanEvent,
            PlanExtension,
            PlanObjective,
        )

        for model in (
            Assessment,
            DomainScore,
            InterventionPlan,
            PlanObjective,
            PlanEvent,
            FeedbackSession,
            PlanExtension,
        ):
            auditlog.register(model)
        assessment_admin.register()
        register_case_section(CaseSection("assessments", "Evaluación", "team:assessment_list", 10))
        register_case_section(CaseSection("plan", "Plan de intervención", "team:plan_list", 20))
        register_contact_provider("assessment", assessment_queries.contact_requirements)
        register_agenda_source("plan_due", plan_queries.plan_due_agenda)
        register_agenda_source("reassessment", assessment_queries.reassessment_agenda)
        register_timeline_source("assessments", assessment_queries.assessment_timeline)
        register_timeline_source("plans", plan_queries.plan_timeline)
