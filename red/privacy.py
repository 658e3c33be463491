"""What red holds about a person: the referrals, with what was shared, with whom, and the
person's consent; and who at the institutions opened them (Ley 21.719)."""

from red.models import Referral, ReferralAccess
from reinsercion.extensions import SubjectSection, rows_of


def subject_sections(person):
    referrals = Referral.objects.filter(case__person=person)
    yield SubjectSection(
        "referrals",
        "Derivaciones a instituciones (datos compartidos y consentimiento)",
        rows_of(
            referrals.select_related(
                "case", "institution", "professional", "approved_by", "consent_recorded_by"
            )
        ),
    )
    yield SubjectSection(
        "referral_accesses",
        "Quién abrió las derivaciones en las instituciones",
        rows_of(
            ReferralAccess.objects.filter(referral__in=referrals).select_related(
                "referral__institution", "user"
            )
        ),
    )


def anonymise(person):
    for referral in Referral.objects.filter(case__person=person).exclude(contact_phone=""):
        referral.contact_phone = ""
        referral.save()
