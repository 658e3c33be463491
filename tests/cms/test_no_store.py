"""No team, portal or account page may be kept by the browser: a shared municipal PC showed
case pages from its cache after the worker logged out (issue 17)."""

import pytest

from django.urls import get_resolver, reverse

from tests.test_every_view_is_protected import sample_path, walk

pytestmark = pytest.mark.django_db


def private_routes():
    for route, _, _ in walk(get_resolver()):
        if route.startswith(("equipo/", "red/", "cuenta/")):
            yield route


def test_a_case_file_and_its_export_are_not_stored(client_for, case, coordinator):
    client = client_for(coordinator)
    for url in [
        case.get_absolute_url(),
        reverse("team:case_timeline", args=[case.pk]),
        reverse("team:case_list") + "?_export=csv&finalidad=informe+mensual",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_every_team_portal_and_account_list_page_says_no_store(client_for, admin_user):
    """Routes without URL arguments, as an administrator (the header is set by path, so the
    routes with arguments are covered by the case pages above)."""
    client = client_for(admin_user)
    routes = sorted({r for r in private_routes() if "<" not in r})
    assert len(routes) > 15
    stored = [
        r for r in routes if "no-store" not in client.get(sample_path(r)).get("Cache-Control", "")
    ]
    assert stored == []


def test_the_public_site_stays_cacheable(client):
    response = client.get(reverse("search"))
    assert "no-store" not in response.get("Cache-Control", "")
