"""Reads over notifications: the unread count and the «Respuestas de la red» queue."""

from reinsercion.extensions import QueueItem
from reinsercion.notifications.choices import NETWORK_ANSWER_KINDS
from reinsercion.notifications.models import Notification


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def network_answers_queue(user) -> list[QueueItem]:
    """Partner answers and outcomes on ``user``'s cases not yet seen: unread until they open
    the referral (or mark the notification read). One query."""
    if not user.is_authenticated:
        return []
    unread = (
        Notification.objects.filter(recipient=user, kind__in=NETWORK_ANSWER_KINDS)
        .unread()
        .order_by("created_at")
    )
    return [
        QueueItem(
            queue="network_answers",
            kind_label=n.get_kind_display(),
            title=n.reference,
            since=n.created_at,
            url=n.url,
            case_id=n.case_id,
        )
        for n in unread
    ]
