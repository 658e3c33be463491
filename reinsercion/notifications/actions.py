"""Notify people in the app and, as each prefers, by e-mail; queue outgoing e-mail.

Other components and apps (``red``, ``contratos``) call ``notify`` and ``queue_email`` from
their actions: the background worker sends, never the request.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reinsercion.extensions import work_queues_changed
from reinsercion.notifications import tasks
from reinsercion.notifications.choices import EmailFrequency, NotificationKind
from reinsercion.notifications.models import Notification, NotificationSettings, OutgoingEmail
from reinsercion.notifications.queries import forget_unread


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def case_reference(case) -> str:
    """How a notification or an e-mail names a case: its number and program, never the
    person."""
    return f"Caso N° {case.pk} · {case.program.code}"


def queue_email(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachment_path: str = "",
    attachment_name: str = "",
    attachment_type: str = "",
) -> OutgoingEmail | None:
    """Record an e-mail and hand it to the worker once the transaction commits."""
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(
        to=recipients,
        subject=subject[:250],
        body=body,
        attachment_path=attachment_path,
        attachment_name=attachment_name,
        attachment_type=attachment_type,
    )
    transaction.on_commit(lambda: tasks.schedule(email.pk))
    return email


def email_frequency(user) -> str:
    settings_row = NotificationSettings.objects.filter(user=user).first()
    return settings_row.email_frequency if settings_row else EmailFrequency.IMMEDIATE


def set_email_frequency(*, user, actor, email_frequency: str) -> NotificationSettings:
    """Each person chooses for themselves how they get the notifications by e-mail."""
    if actor.pk != user.pk:
        raise PermissionDenied("Cada persona elige sus propios avisos.")
    if email_frequency not in EmailFrequency.values:
        raise ValueError(email_frequency)
    row, _ = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_frequency": email_frequency}
    )
    return row


def notification_email(notifications: list[Notification]) -> tuple[str, str]:
    """Subject and body of an e-mail about ``notifications``: what and a link, no names."""
    if len(notifications) == 1:
        subject = (
            f"Reinserción: {notifications[0].get_kind_display()} · {notifications[0].reference}"
        )
    else:
        subject = f"Reinserción: {len(notifications)} avisos sin leer"
    body = render_to_string(
        "reinsercion/notifications/email.txt",
        {
            "items": [(n, absolute(n.url)) for n in notifications],
            "inbox": absolute(reverse("team:notifications")),
            "preferences": absolute(reverse("team:notification_settings")),
        },
    )
    return subject, body


def notify(
    *,
    recipients: Iterable,
    kind: NotificationKind,
    reference: str,
    url: str,
    case=None,
    target: str = "",
    actor=None,
) -> list[Notification]:
    """Tell each recipient (but the one who acted) in the app, and by e-mail at once to those
    who want it so; those who want a daily digest get it from ``send_notification_digest``."""
    people = {
        u.pk: u
        for u in recipients
        if u is not None and u.is_active and (actor is None or u.pk != actor.pk)
    }
    if not people:
        return []
    frequency = dict(
        NotificationSettings.objects.filter(user__in=list(people)).values_list(
            "user_id", "email_frequency"
        )
    )
    now = timezone.now()
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                reference=reference,
                url=url,
                case=case,
                target=target,
                created_at=now,
            )
            for user in people.values()
        ]
    )
    emailed = []
    for notification in created:
        user = people[notification.recipient_id]
        wants = frequency.get(user.pk, EmailFrequency.IMMEDIATE)
        if wants == EmailFrequency.IMMEDIATE and user.email:
            subject, body = notification_email([notification])
            queue_email(to=[user.email], subject=subject, body=body)
            emailed.append(notification.pk)
    if emailed:
        Notification.objects.filter(pk__in=emailed).update(emailed_at=now)
    work_queues_changed()  # «Respuestas de la red» counts unread notifications
    return created


def mark_read(*, user, notification: Notification | None = None) -> int:
    """Mark one of ``user``'s notifications read, or all of them."""
    mine = Notification.objects.filter(recipient=user)
    if notification is not None:
        mine = mine.filter(pk=notification.pk)
    forget_unread(user)
    work_queues_changed()
    return mine.mark_read()


def mark_seen(*, user, target: str) -> int:
    """``user`` opened the page of ``target``: what notified them of it is read."""
    if not target or not user.is_authenticated:
        return 0
    forget_unread(user)
    read = Notification.objects.filter(recipient=user, target=target).mark_read()
    if read:
        work_queues_changed()
    return read


def send_daily_digests(*, now=None) -> int:
    """One e-mail per person who asked for a daily digest, with their unread notifications
    not yet e-mailed. Returns how many e-mails were queued."""
    now = now or timezone.now()
    daily = NotificationSettings.objects.filter(email_frequency=EmailFrequency.DAILY).values(
        "user_id"
    )
    pending = (
        Notification.objects.unread()
        .filter(emailed_at__isnull=True, recipient__in=daily, recipient__is_active=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    with transaction.atomic():
        for items in by_user.values():
            user = items[0].recipient
            if not user.email:
                continue
            subject, body = notification_email(items)
            queue_email(to=[user.email], subject=subject, body=body)
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
            sent += 1
    return sent
