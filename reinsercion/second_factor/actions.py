"""Second factor (TOTP and recovery codes, django-otp): enrolment, verification and reset.

Every action that changes someone's second factor writes an audit entry on the user
(django-auditlog), with the actor: who enrolled, who reset whose.
"""

from auditlog.models import LogEntry
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.exceptions import PermissionDenied
from django.db import transaction

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Aplicación de autenticación"
RECOVERY_DEVICE_NAME = "Códigos de recuperación"


def _audit(user, *, actor, change: tuple[str, str]) -> None:
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"segundo factor": list(change)},
        actor=actor,
    )


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created on the first visit to enrolment."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_enrolment(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; return the new recovery codes, or None
    if the code is wrong. The recovery codes are shown once and kept only as django-otp's
    static tokens (each works once)."""
    if device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save()
    user = device.user
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        recovery.token_set.create(token=code)
    _audit(user, actor=user, change=("sin activar", "activado"))
    return codes


@transaction.atomic
def reset_second_factor(*, user, actor) -> None:
    """An administrator removes someone's authenticator and recovery codes: they enrol again
    on their next login (and every device they had remembered stops being remembered)."""
    if not actor.is_superuser:
        raise PermissionDenied("Solo la administración puede restablecer un segundo factor.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, actor=actor, change=("activado", "restablecido"))
