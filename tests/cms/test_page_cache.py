"""Whole public pages from the cache: no stale page, nothing private."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import HomePage

from .test_contact import URL as CONTACT_URL


def test_a_public_page_is_served_whole_from_the_cache(client, site_tree):
    # given a visitor without a session who opened the home page once
    first = client.get("/")
    assert first.status_code == 200
    # when another visitor opens it
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/")
    # then it comes from the cache: the same page, not one query
    assert again.status_code == 200
    assert again.content == first.content
    assert len(queries) == 0


def test_a_published_change_shows_on_the_next_visit(client, site_tree):
    client.get("/")
    home = HomePage.objects.get()
    home.title = "Reinserción en Quillota: nuevo título"
    home.save_revision().publish()
    assert "nuevo título" in client.get("/").content.decode()


def test_a_logged_in_user_never_gets_a_cached_page(client_for, client, coordinator, site_tree):
    client.get("/")  # cached for visitors without a session
    staff = client_for(coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/").status_code == 200
    assert len(queries) > 0


def test_team_pages_and_pages_with_a_form_are_never_cached(client, coordinator, site_tree):
    # a form carries a CSRF token tied to the visitor's cookie: never shared
    client.get(CONTACT_URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CONTACT_URL).status_code == 200
    assert len(queries) > 0
    # the team area redirects to the login, and is never stored either
    client.get("/equipo/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/equipo/casos/")
    assert client.get("/equipo/").status_code == 302
