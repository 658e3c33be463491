"""Production: every secret comes from the environment, with no default."""

from .base import *  # noqa: F403
from .base import DATABASES, SILENCED_SYSTEM_CHECKS, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without one
# Every account passes a second factor (TOTP) in production; MFA_REQUIRED=False only for a demo.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# A gunicorn sync worker serves one request at a time: it keeps its connection for a minute
# (checked before reuse) instead of opening one per request. CONN_MAX_AGE=0 turns this off,
# e.g. behind a transaction-mode pgbouncer.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"

SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,
    # HSTS preload is a decision for the municipality's domain owner, off by default
    # (SECURE_HSTS_PRELOAD=True turns it on).
    "security.W021",
    # Wagtail's live preview renders the page in a same-origin iframe, so SAMEORIGIN, not DENY;
    # frame-ancestors 'self' in the CSP says the same.
    "security.W019",
]
