"""Benchmark only (``make bench``): production settings served on loopback without TLS.

Never deploy this: it has a fixed secret key, plain-HTTP cookies, and it mounts Django's stock
admin changelist of ``Case`` at ``/bench-admin/`` as the benchmark's reference (bench/urls.py).
"""

import os

# production.py refuses to start without these; the benchmark runs on loopback only.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 32)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
# A national deployment's indicators: computed nightly (refresh_indicators), a day fresh.
os.environ.setdefault("INDICATORS_MAX_AGE_MINUTES", "1440")

from .production import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Outgoing mail (none expected while reading pages) stays in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ROOT_URLCONF = "bench.urls"
# django.contrib.admin is already installed (base.py); the bench admin site needs nothing else.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W004", "security.W008"]  # noqa: F405
