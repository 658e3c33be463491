"""No inline script runs on the site, the team pages or the partners' portal (issue 17: the
CSP allowed inline scripts for three inline handlers)."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = ["templates", "reinsercion", "familias", "red", "contratos", "cms"]
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)


def script_src(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


@pytest.mark.django_db
def test_team_and_portal_pages_forbid_inline_scripts(client_for, case, coordinator, client):
    assert script_src(client.get(reverse("login"))) == ["'self'"]
    team_page = client_for(coordinator).get(case.get_absolute_url())
    assert "'unsafe-inline'" not in script_src(team_page)


@pytest.mark.django_db
def test_only_the_wagtail_admin_keeps_its_inline_scripts(client_for, admin_user):
    assert "'unsafe-inline'" in script_src(client_for(admin_user).get("/admin/"))


def test_no_template_carries_an_inline_script_or_handler():
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in (ROOT / folder).rglob("*.html"):
            text = path.read_text()
            if INLINE_HANDLER.search(text) or INLINE_SCRIPT.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_confirmations_come_from_the_static_script(client_for, professional):
    client = client_for(professional)
    client.post(reverse("team:calendar_settings"))  # her calendar address exists
    html = client.get(reverse("team:calendar_settings")).content.decode()
    assert 'data-confirm="La dirección actual dejará de funcionar. ¿Crear una nueva?"' in html
    assert "/static/js/confirm.js" in html
