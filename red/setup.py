"""Plugs red into the audit log and the case module's extension points (called from
``RedConfig.ready()``, when the models are loaded)."""

from auditlog.registry import auditlog

from red import plugins, privacy
from red.models import (
    Institution,
    PartnerMembership,
    Referral,
    ReferralAccess,
    ReferralEvent,
    ReferralMessage,
)
from reinsercion.extensions import (
    CaseSection,
    register_agenda_source,
    register_anonymiser,
    register_case_section,
    register_closing_fields,
    register_indicator_source,
    register_phase_listener,
    register_subject_source,
    register_timeline_source,
    register_work_queue,
)


def register() -> None:
    auditlog.register(Institution)
    auditlog.register(PartnerMembership)
    auditlog.register(Referral, m2m_fields={"shared_documents"})
    auditlog.register(ReferralEvent)
    auditlog.register(ReferralMessage)
    auditlog.register(ReferralAccess)
    register_subject_source("red", privacy.subject_sections)
    register_anonymiser("red", privacy.anonymise)

    register_case_section(CaseSection("referrals", "Derivaciones", "red:case_referrals", order=60))
    register_agenda_source(
        "referral_answers", plugins.overdue_answers, depends_on=[Referral, ReferralEvent]
    )
    register_timeline_source("referrals", plugins.referral_timeline)
    register_work_queue("referrals", plugins.referrals_to_approve, depends_on=[Referral])
    register_closing_fields("referrals", plugins.closing_fields)
    register_phase_listener("referrals", plugins.close_referrals_on_closing)
    register_indicator_source("derivaciones", plugins.referral_answer_times)
