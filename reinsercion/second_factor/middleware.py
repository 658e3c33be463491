"""The gate: a logged-in user reaches no private page before passing the second factor.

The password step (Django's LoginView, django-axes) logs the user in; until the session is
marked as verified, every page under ``PRIVATE_PATH_PREFIXES`` (team, partner portal, account,
Wagtail admin) redirects to the code step, or to enrolment if the user has no authenticator
and ``MFA_REQUIRED`` is on. A user with an authenticator is always asked for the code, even
where enforcement is off (dev, demo).

The verdict is kept in the session, so only the first request of a session pays a query.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from reinsercion.second_factor.actions import is_enrolled
from reinsercion.second_factor.remember import remembered_device

VERIFIED = "second_factor_verified"
# The steps a half-logged-in user must reach: log in, log out, enrol, enter the code.
OPEN_PATHS = ("/cuenta/ingresar/", "/cuenta/salir/", "/cuenta/segundo-factor/")


def mark_verified(request) -> None:
    request.session[VERIFIED] = True


def on_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: a user with nothing to verify is verified at once."""
    if request is not None and not (settings.MFA_REQUIRED or is_enrolled(user)):
        mark_verified(request)


class SecondFactorMiddleware:
    """After AuthenticationMiddleware and SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            request.user.is_authenticated
            and path.startswith(settings.PRIVATE_PATH_PREFIXES)
            and not path.startswith(OPEN_PATHS)
            and not request.session.get(VERIFIED)
        ):
            step = self.step(request)
            if step:
                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def step(self, request) -> str | None:
        user = request.user
        if is_enrolled(user):
            if remembered_device(request, user) is not None:
                mark_verified(request)
                return None
            return "second_factor:verify"
        if settings.MFA_REQUIRED:
            return "second_factor:enrol"
        mark_verified(request)
        return None
