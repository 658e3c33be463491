"""Sessions, workshops, follow-up and court reports: audit, the timeline tab, their agenda
rules, and the follow-up contacts scheduled when a case enters its follow-up."""

from auditlog.registry import auditlog

from reinsercion.activities import actions, queries
from reinsercion.activities.models import (
    ActivityRecord,
    Appointment,
    ContactException,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)
from reinsercion.extensions import (
    CaseSection,
    register_agenda_source,
    register_case_section,
    register_phase_listener,
    register_timeline_source,
)
from reinsercion.programs.choices import Phase


def schedule_follow_up_on_entry(*, case, to_phase, actor, on_date, closing_answers) -> None:
    """Entering the follow-up schedules its monthly contacts."""
    if to_phase == Phase.FOLLOW_UP:
        actions.schedule_follow_up(case=case, actor=actor, starts_on=on_date)


def has_follow_up(case) -> bool:
    return Phase.FOLLOW_UP in case.program.phases


def register() -> None:
    # The reverse one-to-ones (follow-up contact, appointment) would cost a query per save.
    auditlog.register(ActivityRecord, exclude_fields=["follow_up_contact", "appointment"])
    auditlog.register(Appointment)
    auditlog.register(WorkshopSeries)
    auditlog.register(WorkshopSession)
    auditlog.register(FollowUpContact)
    auditlog.register(CourtReport)
    auditlog.register(NonComplianceReport, m2m_fields={"absences"})
    auditlog.register(ContactException)

    register_case_section(
        CaseSection(
            key="timeline", label="Línea de tiempo", url_name="team:case_timeline", order=30
        )
    )
    register_case_section(
        CaseSection(
            key="follow_up",
            label="Seguimiento",
            url_name="team:follow_up",
            order=35,
            shown_for=has_follow_up,
        )
    )
    register_timeline_source("activities", queries.activity_timeline)
    for key, source in queries.OWN_SOURCES.items():
        register_agenda_source(
            key,
            source,
            depends_on=[
                ActivityRecord,
                Appointment,
                CourtReport,
                FollowUpContact,
                NonComplianceReport,
            ],
        )
    register_phase_listener("follow_up_contacts", schedule_follow_up_on_entry)
