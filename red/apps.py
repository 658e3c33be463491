from django.apps import AppConfig


class RedConfig(AppConfig):
    name = "red"
    verbose_name = "Red de instituciones"

    def ready(self):
        from auditlog.registry import auditlog

        from reinsercion.extensions import (
            CaseSection,
            register_agenda_source,
            register_case_section,
            register_timeline_source,
        )

        from . import plugins
        from .models import (
            Institution,
            PartnerMembership,
            Referral,
            ReferralAccess,
            ReferralEvent,
            ReferralMessage,
        )

        auditlog.register(Institution)
        auditlog.register(PartnerMembership)
        auditlog.register(Referral)
        auditlog.register(ReferralEvent)
        auditlog.register(ReferralMessage)
        auditlog.register(ReferralAccess)

        register_case_section(
            CaseSection("referrals", "Derivaciones", "red:case_referrals", order=60)
        )
        register_agenda_source("referral_answers", plugins.overdue_answers)
        register_timeline_source("referrals", plugins.referral_timeline)
