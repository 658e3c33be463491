"""What red plugs into the case module (registered in ``RedConfig.ready``)."""

from django.urls import reverse
from django.utils import timezone

from reinsercion.extensions import AgendaItem, TimelineEntry

from .choices import Status
from .models import Referral, ReferralEvent


def overdue_answers(cases, today):
    """Referrals of ``cases`` still waiting for the institution's answer, due on the day the
    institution's response time runs out. One query whatever the number of cases."""
    referrals = (
        Referral.objects.awaiting_answer()
        .filter(case__in=cases)
        .select_related("institution")
        .order_by("answer_due_at")
    )
    now = timezone.now()
    items = []
    for referral in referrals:
        overdue = referral.is_overdue(now)
        items.append(
            AgendaItem(
                due_on=timezone.localtime(referral.answer_due_at).date(),
                kind="referral_answer",
                kind_label="Respuesta atrasada de la red" if overdue else "Respuesta de la red",
                title=(
                    f"{referral.institution} debe responder la derivación N° {referral.number}"
                    + (" (plazo vencido)" if overdue else "")
                ),
                case_id=referral.case_id,
                url=reverse("red:referral_detail", args=[referral.case_id, referral.pk]),
            )
        )
    return items


def referral_timeline(case):
    """Each move and progress note of the case's referrals. One query."""
    events = ReferralEvent.objects.filter(referral__case=case).select_related(
        "referral__institution", "actor"
    )
    entries = []
    for event in events:
        referral = event.referral
        if event.is_progress_note:
            title = f"Avance de {referral.institution} en la derivación N° {referral.number}"
        elif event.to_status == Status.SENT:
            title = f"Derivación N° {referral.number} enviada a {referral.institution}"
        else:
            title = (
                f"Derivación N° {referral.number} a {referral.institution}: "
                f"{Status(event.to_status).label.lower()}"
            )
        entries.append(
            TimelineEntry(
                when=event.at,
                kind="referral",
                kind_label="Derivación",
                title=title,
                detail=event.note,
                url=reverse("red:referral_detail", args=[case.pk, referral.pk]),
            )
        )
    return entries
