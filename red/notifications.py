"""Notifications and e-mails about referrals; the e-mails go through the background queue.

E-mail is not a safe channel for case data: messages carry the referral number, the
institution and the state, and a link to the page where the reader logs in to see the rest.
The person's name never goes in an e-mail.

The institution is e-mailed directly. The case's professionals are notified in the app
(``reinsercion.notifications``), which e-mails them as each prefers; the referral's contact
address, when it is nobody's on the team, still gets the e-mail.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from reinsercion.notifications.actions import case_reference, notify, queue_email
from reinsercion.notifications.choices import NotificationKind

from .choices import Status
from .workflow import FINAL


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(subject: str, template: str, context: dict, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    body = render_to_string(template, context)
    queue_email(to=recipients, subject=subject, body=body)


def institution_recipients(institution) -> list[str]:
    users = institution.memberships.filter(is_active=True, user__is_active=True)
    return [institution.email, *users.values_list("user__email", flat=True)]


def professional_recipients(referral) -> list[str]:
    return [referral.contact_email, referral.professional.email]


def case_professionals(referral) -> list:
    """Who works the case: its assigned professionals and the one who made the referral."""
    people = {u.pk: u for u in referral.case.professionals.all()}
    people.setdefault(referral.professional_id, referral.professional)
    return list(people.values())


def target(referral) -> str:
    """The notifications' key of a referral: opening its page marks them seen."""
    return f"red.referral:{referral.pk}"


def _notify_team(referral, *, kind, label: str, actor=None) -> list:
    """Notify the case's professionals; returns their e-mail addresses."""
    people = case_professionals(referral)
    notify(
        recipients=people,
        kind=kind,
        reference=f"Derivación N° {referral.number}: {label} · {case_reference(referral.case)}",
        url=referral.get_absolute_url(),
        case=referral.case,
        target=target(referral),
        actor=actor,
    )
    return [u.email for u in people]


def _contact_only(referral, team_emails) -> list[str]:
    """The referral's contact address, unless it is a notified professional's."""
    notified = {e.lower() for e in team_emails if e}
    return [referral.contact_email] if referral.contact_email.lower() not in notified else []


def referral_approved(referral, *, actor) -> None:
    _notify_team(referral, kind=NotificationKind.REFERRAL_APPROVED, label="aprobada", actor=actor)


def referral_closed_by_team(referral, *, actor) -> None:
    _notify_team(
        referral,
        kind=NotificationKind.REFERRAL_CLOSED,
        label=Status(referral.status).label,
        actor=actor,
    )


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
    kind = (
        NotificationKind.REFERRAL_CLOSED
        if to_status in FINAL and not progress
        else NotificationKind.REFERRAL_ANSWERED
    )
    team = _notify_team(referral, kind=kind, label=label)
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
        _contact_only(referral, team),
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
    team = _notify_team(
        referral, kind=NotificationKind.REFERRAL_OUTCOME, label="resultado registrado"
    )
    _send(
        f"Derivación N° {referral.number}: resultado registrado ({referral.institution})",
        "red/email/outcome.txt",
        {"referral": referral, "url": _absolute(referral.get_absolute_url())},
        _contact_only(referral, team),
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
