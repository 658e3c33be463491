"""Each piece a node shares with others is chosen by an environment variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PRINT = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"],
    "session": settings.SESSION_ENGINE,
    "tasks": settings.TASKS["default"]["BACKEND"],
    "storages": {k: v["BACKEND"] for k, v in settings.STORAGES.items()},
    "private": settings.STORAGES["private"].get("OPTIONS", {}),
    "sqlite": settings.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def settings_with(**env):
    """The production settings as a process started with ``env`` sees them."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/reinsercion-settings-test.sqlite3",
        **env,
    )
    out = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)


def test_one_machine_defaults():
    s = settings_with()
    assert s["session"] == "django.contrib.sessions.backends.db"
    assert s["tasks"] == "django_tasks_db.DatabaseBackend"
    assert s["storages"]["private"] == "django.core.files.storage.FileSystemStorage"
    assert s["sqlite"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def test_several_nodes_share_redis_and_object_storage():
    s = settings_with(
        CACHE_URL="redis://10.0.0.5:6379/1",
        CACHE_KEY_PREFIX="quillota",
        SESSION_BACKEND="cache",
        STORAGE_BACKEND="s3",
        S3_BUCKET="reinsercion",
        S3_PRIVATE_BUCKET="reinsercion-privado",
        S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert s["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["cache"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert s["cache"]["KEY_PREFIX"] == "quillota"
    assert s["session"] == "django.contrib.sessions.backends.cache"
    assert s["storages"]["default"] == "storages.backends.s3.S3Storage"
    assert s["storages"]["private"] == "storages.backends.s3.S3Storage"
    assert s["private"]["bucket_name"] == "reinsercion-privado"
    assert s["private"]["default_acl"] == "private"
    assert s["private"]["location"] == "private"


def test_cache_sessions_without_a_shared_cache_are_refused():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    clean.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", SESSION_BACKEND="cache")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "cms.E001" in result.stderr
