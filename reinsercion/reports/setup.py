"""Follow-up reports: audit and the case tab (court programs only)."""

from auditlog.registry import auditlog

from reinsercion.extensions import CaseSection, register_agenda_source, register_case_section
from reinsercion.reports import pena_mixta
from reinsercion.reports.models import FollowUpReport, MixedSentenceEvaluation, SentenceRequest


def has_court_reports(case) -> bool:
    return case.program.requires_court_data


def register() -> None:
    auditlog.register(FollowUpReport, exclude_fields=["content"])
    auditlog.register(SentenceRequest)
    auditlog.register(MixedSentenceEvaluation, exclude_fields=["content"])
    register_agenda_source(
        "pena_mixta", pena_mixta.pena_mixta_agenda, depends_on=[MixedSentenceEvaluation]
    )
    register_case_section(
        CaseSection(
            key="reports",
            label="Informes al tribunal",
            url_name="team:report_list",
            order=40,
            shown_for=has_court_reports,
        )
    )
    register_case_section(
        CaseSection(
            key="pena_mixta",
            label="Pena mixta",
            url_name="team:pena_mixta",
            order=45,
            shown_for=has_court_reports,
        )
    )
