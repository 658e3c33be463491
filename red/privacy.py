"""What red holds about a person: the referrals, with what was shared, with whom, and the
person's consent; and who at the institutions opened them (Ley 21.719)."""

from red.choices import SharedField
from red.models import Referral, ReferralAccess
from reinsercion.extensions import SubjectSection, rows_of


def subject_sections(person, cases):
    referrals = Referral.objects.filter(case__in=cases).select_related(
        "case", "institution", "professional", "approved_by", "consent_recorded_by"
    )
    labels = dict(SharedField.choices)
    rows = []
    for referral, row in zip(referrals, rows_of(referrals), strict=True):
        row["Datos que se comparten"] = ", ".join(
            ["Nombre", *(str(labels.get(f, f)) for f in referral.shared_fields)]
        )
        rows.append(row)
    yield SubjectSection(
        "referrals",
        "Derivaciones a instituciones (datos compartidos y consentimiento)",
        tuple(rows),
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
