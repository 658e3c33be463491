"""Personas shared by every test module.

OPV team: a coordinator, two professionals (Ana has the case, Bruno has not), a supervisor
and a director; an LAE professional in another program; a web editor; an administrator.
Partner-institution personas live in tests/red/conftest.py.
"""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from reinsercion.programs.choices import Role

from .factories import (
    JudicialProgramFactory,
    ProgramFactory,
    UserFactory,
    member,
    open_case,
    web_editor,
)


@pytest.fixture
def opv(db):
    return ProgramFactory()


@pytest.fixture
def lae(db):
    return JudicialProgramFactory()


@pytest.fixture
def coordinator(opv):
    return member(UserFactory(username="coordinadora", first_name="Carla"), opv, Role.COORDINATION)


@pytest.fixture
def professional(opv):
    return member(UserFactory(username="ana", first_name="Ana"), opv, Role.PROFESSIONAL)


@pytest.fixture
def other_professional(opv):
    return member(UserFactory(username="bruno", first_name="Bruno"), opv, Role.PROFESSIONAL)


@pytest.fixture
def supervisor(opv):
    return member(UserFactory(username="supervisora", first_name="Sofía"), opv, Role.SUPERVISION)


@pytest.fixture
def director(opv):
    return member(UserFactory(username="director", first_name="Diego"), opv, Role.DIRECTION)


@pytest.fixture
def lae_professional(lae):
    return member(UserFactory(username="gestor_lae", first_name="Lucas"), lae, Role.PROFESSIONAL)


@pytest.fixture
def editor(db):
    return web_editor()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def case(opv, coordinator, professional):
    """An OPV case assigned to Ana."""
    return open_case(program=opv, actor=coordinator, professionals=[professional])


@pytest.fixture
def lae_case(lae, lae_professional):
    return open_case(program=lae, actor=lae_professional, professionals=[lae_professional])


@pytest.fixture
def client_for(client):
    """Log a persona in: ``client_for(user)`` returns the logged-in test client."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A transactional test's flush recreates content types with new ids; Django's in-memory
    cache would keep the old ones and audit entries would point nowhere."""

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: database rows are rolled back between tests and
    ids and frozen clocks repeat, so a cached figure or fragment must not outlive its test."""
    cache.clear()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium(monkeypatch):
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""

    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser flows need {CHROMIUM} (apt-get install chromium).")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshots():
    """Where browser flows save their screenshots (git-ignored; named in the README)."""

    path = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
