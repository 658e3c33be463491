"""Every URL of the project requires login, unless it is deliberately public.

Walks the whole URLconf, so a view added later is covered by default.
"""

import re

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Deliberately public: the login page, the site search, the favicon and Wagtail's own public
# serving (_util/: Wagtail's login for private pages).
PUBLIC_PREFIXES = ("cuenta/ingresar/", "cuenta/salir/", "_util/", "buscar/", "favicon.ico")
PUBLIC_NAMESPACES = {"wagtaildocs", "wagtailimages_serve"}


def walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def sample_path(route: str) -> str:

    path = route
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<slug:[^>]+>", "opv", path)
    path = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<(str:)?[^>]+>", "x", path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


def protected_routes():
    for route, namespace, _ in walk(get_resolver()):
        if not route or "(?P" in route or "\\" in route:
            continue  # Wagtail's catch-all page serving and regex admin internals
        if route.startswith("admin/"):
            continue  # Wagtail admin: checked below
        if route.startswith(PUBLIC_PREFIXES) or namespace in PUBLIC_NAMESPACES:
            continue
        yield route


@pytest.mark.parametrize("route", sorted(set(protected_routes())))
def test_anonymous_visitors_never_reach_a_protected_view(client, route):
    response = client.get(sample_path(route))
    assert response.status_code in (302, 403, 404), route
    if response.status_code == 302:
        assert "/cuenta/ingresar/" in response.url or "/admin/login/" in response.url


def test_the_wagtail_admin_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
