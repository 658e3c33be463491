"""Plugs sessions, workshops, follow-up and the agenda into the case module (called from
``ReinsercionConfig.ready()``)."""

from .extensions import (
    CaseSection,
    TimelineEntry,
    register_agenda_source,
    register_case_section,
    register_timeline_source,
)


def activity_timeline(case) -> list[TimelineEntry]:
    """Sessions, court reports and non-compliance reports of a case, for its timeline."""
    from .models import CourtReport, NonComplianceReport
    from .models.activities import Attendance

    entries = []
    for record in case.activity_records.select_related("recorded_by", "workshop_session"):
        state = record.get_attendance_display()
        if record.is_absence and record.absence_reason:
            state = f"{state}: {record.absence_reason}"
        detail = [state]
        if record.duration_minutes:
            detail.append(f"{record.duration_minutes} min")
        if record.plan_objective:
            detail.append(f"Objetivo: {record.plan_objective}")
        if record.is_late:
            detail.append("registro atrasado (más de 48 horas)")
        if record.notes:
            detail.append(record.notes)
        title = record.get_kind_display()
        if record.attendance == Attendance.SCHEDULED:
            title = f"{title} (programada)"
        entries.append(
            TimelineEntry(
                when=record.occurred_at,
                kind=f"activity:{record.kind}",
                kind_label=record.get_kind_display(),
                title=title,
                detail=" · ".join(detail),
                ambit=record.ambit,
                url=record.get_absolute_url(),
            )
        )
    for report in CourtReport.objects.filter(case=case):
        entries.append(
            TimelineEntry(
                when=report.sent_on,
                kind="court_report",
                kind_label="Informe al tribunal",
                title=f"Informe de seguimiento enviado (vencía el {report.due_on:%d-%m-%Y})",
                detail=report.notes,
            )
        )
    for report in NonComplianceReport.objects.filter(case=case):
        entries.append(
            TimelineEntry(
                when=report.report_date,
                kind="noncompliance_report",
                kind_label="Informe de incumplimiento",
                title="Informe de incumplimiento (anexo J)",
                detail=report.periodic_contact[:200],
                url=report.get_absolute_url(),
            )
        )
    return entries


def register() -> None:
    from auditlog.registry import auditlog

    from . import agenda
    from .models import (
        ActivityRecord,
        CourtReport,
        FollowUpContact,
        NonComplianceReport,
        WorkshopSeries,
        WorkshopSession,
    )

    # The reverse one-to-one to a follow-up contact would cost a query per saved record.
    auditlog.register(ActivityRecord, exclude_fields=["follow_up_contact"])
    auditlog.register(WorkshopSeries)
    auditlog.register(WorkshopSession)
    auditlog.register(FollowUpContact)
    auditlog.register(CourtReport)
    auditlog.register(NonComplianceReport, m2m_fields={"absences"})

    register_case_section(
        CaseSection(
            key="timeline", label="Línea de tiempo", url_name="team:case_timeline", order=30
        )
    )
    register_timeline_source("activities", activity_timeline)
    for key, source in agenda.OWN_SOURCES.items():
        register_agenda_source(key, source)
