"""Reads over notifications: the unread count and the «Respuestas de la red» queue.

Both come from one query per request: the person's unread notifications, kept on the user
object the request carries (the bell and the navigation's queue count read it on every page).
"""

from reinsercion.extensions import QueueItem
from reinsercion.notifications.choices import NETWORK_ANSWER_KINDS
from reinsercion.notifications.models import Notification

_CACHE = "_unread_notifications"


def unread_notifications(user) -> list[Notification]:
    """``user``'s unread notifications, oldest first; one query per user object."""
    if not user.is_authenticated:
        return []
    if _CACHE not in user.__dict__:
        user.__dict__[_CACHE] = list(
            Notification.objects.filter(recipient=user)
            .unread()
            .only("kind", "reference", "url", "case_id", "created_at")
            .order_by("created_at", "pk")
        )
    return user.__dict__[_CACHE]


def forget_unread(user) -> None:
    user.__dict__.pop(_CACHE, None)


def unread_count(user) -> int:
    return len(unread_notifications(user))


def network_answers_queue(user) -> list[QueueItem]:
    """Partner answers and outcomes on ``user``'s cases not yet seen: unread until they open
    the referral (or mark the notification read)."""
    return [
        QueueItem(
            queue="network_answers",
            kind_label=n.get_kind_display(),
            title=n.reference,
            since=n.created_at,
            url=n.url,
            case_id=n.case_id,
        )
        for n in unread_notifications(user)
        if n.kind in NETWORK_ANSWER_KINDS
    ]
