"""E-mails about referrals, sent after the transaction commits.

E-mail is not a safe channel for case data: messages carry the referral number, the
institution and the state, and a link to the page where the reader logs in to see the rest.
The person's name never goes in an e-mail.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .choices import Status


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(subject: str, template: str, context: dict, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    body = render_to_string(template, context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))


def institution_recipients(institution) -> list[str]:
    users = institution.memberships.filter(is_active=True, user__is_active=True)
    return [institution.email, *users.values_list("user__email", flat=True)]


def professional_recipients(referral) -> list[str]:
    return [referral.contact_email, referral.professional.email]


def new_referral(referral) -> None:
    _send(
        f"Nueva derivación N° {referral.number} · {referral.case.program.code}",
        "red/email/new_referral.txt",
        {
            "referral": referral,
            "url": _absolute(reverse("portal:referral_detail", args=[referral.pk])),
        },
        institution_recipients(referral.institution),
    )


def referral_answered(referral, *, to_status: str, note: str = "", progress=False) -> None:
    label = "Avance" if progress else Status(to_status).label
    _send(
        f"Derivación N° {referral.number}: {label} ({referral.institution})",
        "red/email/answered.txt",
        {
            "referral": referral,
            "label": label,
            "progress": progress,
            "note": note.strip(),
            "url": _absolute(referral.get_absolute_url()),
        },
        professional_recipients(referral),
    )


def referral_withdrawn(referral) -> None:
    """The team closed the referral: the institution stops working on it. The reason stays in
    the portal (free text may name the person)."""
    _send(
        f"Derivación N° {referral.number}: {Status(referral.status).label}",
        "red/email/withdrawn.txt",
        {
            "referral": referral,
            "url": _absolute(reverse("portal:referral_detail", args=[referral.pk])),
        },
        institution_recipients(referral.institution),
    )


def outcome_recorded(referral) -> None:
    _send(
        f"Derivación N° {referral.number}: resultado registrado ({referral.institution})",
        "red/email/outcome.txt",
        {"referral": referral, "url": _absolute(referral.get_absolute_url())},
        professional_recipients(referral),
    )


def new_message(message) -> None:
    referral = message.referral
    if message.from_partner:
        recipients = professional_recipients(referral)
        url = _absolute(referral.get_absolute_url())
    else:
        recipients = institution_recipients(referral.institution)
        url = _absolute(reverse("portal:referral_detail", args=[referral.pk]))
    _send(
        f"Derivación N° {referral.number}: nuevo mensaje",
        "red/email/message.txt",
        {"message": message, "referral": referral, "url": url},
        recipients,
    )
