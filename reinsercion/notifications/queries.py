"""Reads over notifications: the bell's unread count (one count per request, kept on the
user object) and the «Respuestas de la red» queue (a count and the oldest items, cached with
the other work queues)."""

from reinsercion.extensions import WORK_QUEUES, Queue, QueueItem
from reinsercion.notifications.choices import NETWORK_ANSWER_KINDS
from reinsercion.notifications.models import Notification

_CACHE = "_unread_notifications"


def unread_count(user) -> int:
    """How many notifications ``user`` has not read (the bell): one count per user object."""
    if not user.is_authenticated:
        return 0
    if _CACHE not in user.__dict__:
        user.__dict__[_CACHE] = Notification.objects.filter(recipient=user).unread().count()
    return user.__dict__[_CACHE]


def forget_unread(user) -> None:
    user.__dict__.pop(_CACHE, None)


def network_answers_queue(user, *, limit: int) -> list[Queue]:
    """Partner answers and outcomes on ``user``'s cases not yet seen: unread until they open
    the referral (or mark the notification read). A count and the ``limit`` oldest."""
    if not user.is_authenticated:
        return []
    unread = (
        Notification.objects.filter(recipient=user, kind__in=NETWORK_ANSWER_KINDS)
        .unread()
        .order_by("created_at", "pk")
    )
    count = unread.count()
    oldest = unread.only("kind", "reference", "url", "case_id", "created_at")[:limit]
    items = [
        QueueItem(
            queue="network_answers",
            kind_label=n.get_kind_display(),
            title=n.reference,
            since=n.created_at,
            url=n.url,
            case_id=n.case_id,
        )
        for n in (oldest if limit and count else [])
    ]
    return [Queue("network_answers", WORK_QUEUES["network_answers"], count, items)]
