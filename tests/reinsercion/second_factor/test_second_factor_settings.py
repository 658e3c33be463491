"""MFA_REQUIRED: on in production unless the environment turns it off (a demo); off in dev.
MFA_REMEMBER_DAYS above 30 refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRINT = "from django.conf import settings; print(settings.MFA_REQUIRED, settings.MFA_REMEMBER_DAYS)"


def start(module, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "MFA_"))
    }
    clean.update(
        DJANGO_SETTINGS_MODULE=module,
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/reinsercion-settings-test.sqlite3",
        **env,
    )
    code = f"import django; django.setup(); {PRINT}"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_enforces_the_second_factor_unless_told_otherwise():
    assert start("cms.settings.production").stdout.split() == ["True", "30"]
    assert start("cms.settings.production", MFA_REQUIRED="False").stdout.split()[0] == "False"


def test_development_does_not_enforce_it():
    assert start("cms.settings.dev").stdout.split()[0] == "False"


def test_a_device_is_never_remembered_for_more_than_30_days():
    result = start("cms.settings.production", MFA_REMEMBER_DAYS="31")
    assert result.returncode != 0
    assert "MFA_REMEMBER_DAYS must be between 1 and 30" in result.stderr
