"""In-app notifications, each person's e-mail preference, and the outgoing e-mail queue.

Notifications are addressed to one person and say what happened and where, never to whom:
``reference`` names the case by its number and the program, never the person. They are not
case data (the case's own records are audited where they are made), so they are not audited.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from reinsercion.notifications.choices import EmailFrequency, EmailStatus, NotificationKind


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinatario/a",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("evento", max_length=30, choices=NotificationKind.choices)
    reference = models.CharField(
        "referencia", max_length=200, help_text="Número de caso y programa; nunca nombres."
    )
    url = models.CharField("enlace", max_length=300)
    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    # What it is about ("red.referral:12"), so that opening that page marks it seen.
    target = models.CharField("objeto", max_length=60, blank=True, db_index=True)
    created_at = models.DateTimeField("creada", default=timezone.now)
    read_at = models.DateTimeField("leída", null=True, blank=True)
    emailed_at = models.DateTimeField("enviada por correo", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "notificación"
        verbose_name_plural = "notificaciones"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.reference}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSettings(models.Model):
    """How a person wants the notifications by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario/a",
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email_frequency = models.CharField(
        "avisos por correo",
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )

    class Meta:
        verbose_name = "preferencia de avisos"
        verbose_name_plural = "preferencias de avisos"

    def __str__(self):
        return f"{self.user}: {self.get_email_frequency_display()}"


class OutgoingEmail(models.Model):
    """An e-mail waiting for, sent by or refused to the background worker.

    Kept so that a failed message is never lost silently: the worker retries it a bounded
    number of times, then marks it failed with the error (Wagtail admin lists them)."""

    to = models.JSONField("destinatarios", default=list)
    subject = models.CharField("asunto", max_length=250)
    body = models.TextField("texto")
    # A file in private storage to attach (the signed contract's PDF).
    attachment_path = models.CharField("adjunto (archivo)", max_length=300, blank=True)
    attachment_name = models.CharField("adjunto (nombre)", max_length=120, blank=True)
    attachment_type = models.CharField("adjunto (tipo)", max_length=60, blank=True)
    status = models.CharField(
        "estado", max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    last_error = models.TextField("último error", blank=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)
    sent_at = models.DateTimeField("enviado", null=True, blank=True)

    class Meta:
        verbose_name = "correo saliente"
        verbose_name_plural = "correos salientes"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"
