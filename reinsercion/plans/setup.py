"""The plan (PII): audit, the case tab, its deadline on the agenda and its timeline."""

from auditlog.registry import auditlog

from reinsercion.cases.models import Case
from reinsercion.extensions import (
    CaseSection,
    register_agenda_source,
    register_case_section,
    register_timeline_source,
    register_work_queue,
)
from reinsercion.people.models import Person
from reinsercion.plans import queries
from reinsercion.plans.models import (
    FeedbackSession,
    InterventionPlan,
    PlanEvent,
    PlanExtension,
    PlanObjective,
)
from reinsercion.programs.models import TeamMembership


def register() -> None:
    for model in (InterventionPlan, PlanObjective, PlanEvent, FeedbackSession, PlanExtension):
        auditlog.register(model)
    register_case_section(CaseSection("plan", "Plan de intervención", "team:plan_list", 20))
    register_agenda_source(
        "plan_due", queries.plan_due_agenda, depends_on=[InterventionPlan, PlanEvent, PlanExtension]
    )
    register_timeline_source("plans", queries.plan_timeline)
    register_work_queue(
        "plans", queries.plan_queues, depends_on=[InterventionPlan, Case, Person, TeamMembership]
    )
