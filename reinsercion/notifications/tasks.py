"""Background delivery of e-mail (django-tasks; the backend is the TASKS setting).

A message is first written to ``OutgoingEmail`` and then enqueued, after the transaction
commits; the worker sends it. A refused send is retried later, up to ``MAX_ATTEMPTS`` times,
and then marked failed with its error: never lost silently.
"""

import datetime
import logging

from django_tasks import default_task_backend, task

from django.core.files.storage import storages
from django.core.mail import EmailMessage
from django.utils import timezone

from reinsercion.notifications.choices import EmailStatus
from reinsercion.notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=10)  # times the number of failed attempts


def schedule(email_id: int, *, delay: datetime.timedelta | None = None) -> None:
    """Enqueue the delivery of one ``OutgoingEmail``; later if the backend can defer."""
    runner = deliver_email
    if delay and default_task_backend.supports_defer:
        runner = runner.using(run_after=timezone.now() + delay)
    runner.enqueue(email_id)


def _message(email: OutgoingEmail) -> EmailMessage:
    message = EmailMessage(subject=email.subject, body=email.body, to=list(email.to))
    if email.attachment_path:
        with storages["private"].open(email.attachment_path, "rb") as f:
            message.attach(email.attachment_name, f.read(), email.attachment_type or None)
    return message


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued e-mail; on failure, record the error and retry (bounded)."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status != EmailStatus.QUEUED:
        return email.status if email else "missing"
    email.attempts += 1
    try:
        _message(email).send(fail_silently=False)
    except Exception as exc:  # any refusal (SMTP, file, network) is recorded and retried
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            email.status = EmailStatus.FAILED
            logger.error("E-mail %s failed after %s attempts: %s", email.pk, email.attempts, exc)
        else:
            logger.warning("E-mail %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        email.save(update_fields=["attempts", "last_error", "status"])
        if email.status == EmailStatus.QUEUED:
            schedule(email.pk, delay=RETRY_AFTER * email.attempts)
        return email.status
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["attempts", "status", "sent_at"])
    return email.status
