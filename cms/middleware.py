"""Site-wide middleware."""

import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers

REFRESHED_AT = "_refreshed_at"


def stamp_on_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: a new session counts as refreshed when it is created."""
    request.session[REFRESHED_AT] = int(time.time())


class SessionRefreshMiddleware:
    """Keep an idle timeout without writing the session on every request.

    ``SESSION_SAVE_EVERY_REQUEST`` would write the session row (and take SQLite's write lock)
    on every page view. Instead, a session in use is saved again, moving its expiry to
    ``SESSION_COOKIE_AGE`` from now, only when ``SESSION_REFRESH_INTERVAL`` seconds have passed
    since the last save. A session therefore ends between ``SESSION_COOKIE_AGE`` minus the
    interval and ``SESSION_COOKIE_AGE`` after the last request, never later.

    Goes right after SessionMiddleware, so its response phase runs before the session is saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not (session.keys() - {REFRESHED_AT}):
            return response  # no session, or an expired one: nothing to keep alive
        now = int(time.time())
        interval = settings.SESSION_REFRESH_INTERVAL
        if session.modified or now - session.get(REFRESHED_AT, 0) >= interval:
            session[REFRESHED_AT] = now
        return response


class PrivatePagesNoStoreMiddleware:
    """``Cache-Control: no-store`` on every team, portal, account and admin page.

    A shared municipal PC must not show a case file from its cache after the worker logged out
    (issue 17): the browser may neither store nor reuse any response under these paths,
    downloads (PDF, CSV, XLSX) included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.PRIVATE_PATH_PREFIXES):
            add_never_cache_headers(response)
        return response


class AdminScriptsCSPMiddleware:
    """Let the Wagtail admin run its inline scripts; nowhere else may they run.

    Wagtail 8's admin panels (inline panels, date widgets) still write ``<script>`` blocks.
    Listed after ``CSPMiddleware``, so its response phase runs first and hands the policy
    change to django-csp.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
