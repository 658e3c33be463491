"""«Recordar este dispositivo»: a signed cookie, bound to the user and to their authenticator,
that skips the code for at most ``MFA_REMEMBER_DAYS`` (≤ 30) days.

The value names the user and the authenticator's persistent id; Django's signing (with the
SECRET_KEY and its own salt) makes it unforgeable, and ``max_age`` refuses it once older than
the setting. Resetting the second factor deletes the authenticator, so every remembered
browser must ask again.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings

COOKIE = "segundo_factor_recordado"
SALT = "reinsercion.second_factor.remember"


def max_age() -> int:
    return settings.MFA_REMEMBER_DAYS * 24 * 60 * 60


def remember(response, user, device: TOTPDevice) -> None:
    response.set_signed_cookie(
        COOKIE,
        f"{user.pk}:{device.persistent_id}",
        salt=SALT,
        max_age=max_age(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def remembered_device(request, user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if this browser carries a valid cookie for it."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=max_age())
    if not value:
        return None
    user_pk, _, persistent_id = value.partition(":")
    if user_pk != str(user.pk):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or device.persistent_id != persistent_id:
        return None
    return device
