"""Settings shared by every mode. Values that differ per deployment come from the environment."""

from pathlib import Path

import environ

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Reinserción <no-responder@reinsercion.local>"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    RESULTS_SUPPRESSION_THRESHOLD=(int, 5),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL")

INSTALLED_APPS = [
    # Case module (plain Django; never imports cms)
    "reinsercion",
    "familias",
    "red",
    "contratos",
    "cupos",
    # Public site
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "django_tables2",
    "phonenumber_field",
    "formtools",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.SessionRefreshMiddleware",
    "cms.middleware.PrivatePagesNoStoreMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No private page before the second factor (reinsercion/second_factor/middleware.py).
    "reinsercion.second_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.middleware.AdminScriptsCSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

# Pages no browser or proxy may store (cms.middleware.PrivatePagesNoStoreMiddleware).
PRIVATE_PATH_PREFIXES = ("/equipo/", "/red/", "/cuenta/", "/admin/")

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "reinsercion.context_processors.team",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Seconds a connection is kept between requests (0: one per request); checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many requests at once on one file (make demo): readers never block the writer (WAL);
    # a transaction takes the write lock when it begins (IMMEDIATE), so two of them never
    # deadlock halfway and fail with "database is locked"; a busy one waits up to `timeout` s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
# A read-only replica (PostgreSQL streaming replication) for heavy reports, used explicitly
# with .using("replica"); nothing is routed there implicitly (read-after-write must hold).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "reinsercion.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out username never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:landing"  # partners to /red/, teams to /equipo/
LOGOUT_REDIRECT_URL = "login"

# Lockout on the username: a whole municipal office shares one public IP address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
SILENCED_SYSTEM_CHECKS = [
    # Locking on the username alone is deliberate (see above and docs/decisions).
    "axes.W006",
]

# Second factor (TOTP + recovery codes, django-otp; reinsercion/second_factor/). Enforced for
# every account when MFA_REQUIRED (production's default); off in dev and the demo, where only
# users who enrolled are asked. «Recordar este dispositivo» lasts MFA_REMEMBER_DAYS, 30 at most.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=False)
MFA_REMEMBER_DAYS = env.int("MFA_REMEMBER_DAYS", default=30)
if not 0 < MFA_REMEMBER_DAYS <= 30:
    raise ImproperlyConfigured("MFA_REMEMBER_DAYS must be between 1 and 30.")
OTP_TOTP_ISSUER = "Reinserción"

# Sessions end after 30 minutes without activity. The session is saved again (and its expiry
# moved) at most once per SESSION_REFRESH_INTERVAL seconds, not on every request
# (cms.middleware.SessionRefreshMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_INTERVAL = env.int("SESSION_REFRESH_INTERVAL", default=60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Where sessions live: "db" (default), "cache" (Redis through CACHE_URL: every node sees
# them) or "cached_db" (both).
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[env("SESSION_BACKEND", default="db")]

LANGUAGE_CODE = "es-cl"
# Phone numbers typed without a country code are Chilean; stored as +56… (E.164).
PHONENUMBER_DEFAULT_REGION = "CL"
LANGUAGES = [("es-cl", "Español (Chile)")]
TIME_ZONE = "America/Santiago"
USE_I18N = True
# Fills the gaps of Wagtail's Spanish admin catalogue (see locale/es/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["cms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Signed contracts and other case documents: never under MEDIA_ROOT, served only by
# permission-checked views.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "private")
# Files attached to a case (reinsercion/documents): extension → the content type its bytes
# must have, and the size limit. PDF, images and office documents by default.
DOCUMENT_ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
# TrueType fonts embedded in every PDF (Debian: fonts-dejavu-core); see reinsercion/paperwork.py.
PDF_FONT_DIR = env.path("PDF_FONT_DIR", default="/usr/share/fonts/truetype/dejavu")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several nodes need one storage: a shared volume mounted at MEDIA_ROOT and
# PRIVATE_STORAGE_ROOT (the default above), or S3-compatible object storage
# (STORAGE_BACKEND=s3; `pip install -e ".[s3]"`, credentials in AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY). Both buckets stay private: files are reached through signed URLs,
# and private files only through the permission-checked views.
STORAGE_BACKEND = env("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND == "s3":
    _s3 = {
        "endpoint_url": env("S3_ENDPOINT_URL", default=None),
        "region_name": env("S3_REGION", default=None),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "bucket_name": env("S3_BUCKET"), "location": "media"},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env("S3_PRIVATE_BUCKET", default=env("S3_BUCKET")),
            "location": "private",
        },
    }
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be local or s3, not {STORAGE_BACKEND!r}")

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# Several nodes share one cache: CACHE_URL=redis://host:6379/0. CACHE_KEY_PREFIX separates
# deployments that share a Redis.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="")

# Background tasks (django-tasks): "database" keeps them in PostgreSQL/SQLite for
# `manage.py db_worker` to run, on any machine; "immediate" runs them inside the request.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env("TASKS_BACKEND", default="database")]
    }
}

# Indicators are computed once per program, period and day and stored
# (reinsercion/indicators/snapshots.py): a stored report is served while it is younger than
# this; a program with up to INDICATORS_INLINE_MAX_CASES cases is recomputed inside the
# request, a larger one by the task worker. A national deployment sets 1440 (a day) and runs
# `manage.py refresh_indicators` nightly.
INDICATORS_MAX_AGE_MINUTES = env.int("INDICATORS_MAX_AGE_MINUTES", default=10)
INDICATORS_INLINE_MAX_CASES = env.int("INDICATORS_INLINE_MAX_CASES", default=20000)
# Cases listed below a threshold (events, contact) in a stored report; the count is complete.
INDICATORS_LIST_LIMIT = env.int("INDICATORS_LIST_LIMIT", default=200)

WAGTAIL_SITE_NAME = "Reinserción"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
# What editors publish as documents (reports, forms, spreadsheets); anything else, HTML and
# SVG above all, is refused on upload.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "xlsx",
    "xls",
    "ods",
    "csv",
    "pptx",
    "odp",
    "txt",
]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = [("es-cl", "Español (Chile)")]

AUDITLOG_INCLUDE_ALL_MODELS = False

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Content Security Policy: everything is served by the site itself; no CDN. No inline script
# runs (behaviour comes from static/js via data attributes); only the Wagtail admin, whose
# panels still carry inline scripts, gets 'unsafe-inline'
# (cms.middleware.AdminScriptsCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Public results: breakdown cells below this count are shown as "< N".
RESULTS_SUPPRESSION_THRESHOLD = env("RESULTS_SUPPRESSION_THRESHOLD")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
