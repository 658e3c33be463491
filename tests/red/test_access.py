"""Who reaches what. The URL lists are introspected, so a new URL is covered by default:

- every portal URL of a referral answers 404 to a user of another institution (and for a
  draft, even to the addressee);
- every portal URL answers 403 to a user without a partner membership, and sends an
  anonymous visitor to the login page;
- no partner user reaches any page of the case module (everything mounted at /equipo/) nor
  the Wagtail admin.
"""

import uuid

import pytest

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import UUIDConverter

from red import portal_urls
from red.choices import Status
from red.models import ReferralAccess

from .factories import draft_referral

PORTAL_PATTERNS = [p for p in portal_urls.urlpatterns if isinstance(p, URLPattern)]
REFERRAL_PATTERNS = [p for p in PORTAL_PATTERNS if "pk" in p.pattern.converters]
OTHER_PORTAL_PATTERNS = [p for p in PORTAL_PATTERNS if "pk" not in p.pattern.converters]


def _case_module_patterns():
    """(namespace, pattern) for every URL mounted under /equipo/ (team, red, familias, …)."""
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "equipo/":
            for pattern in entry.url_patterns:
                found.append((entry.namespace, pattern))
    return found


CASE_MODULE_PATTERNS = _case_module_patterns()


def fill(pattern, values):
    kwargs = {}
    for name, converter in pattern.pattern.converters.items():
        if converter.regex == "[0-9]+":
            kwargs[name] = values.get(name, 1)
        elif isinstance(converter, UUIDConverter):
            kwargs[name] = uuid.UUID(int=1)
        else:
            kwargs[name] = "OPV"
    return kwargs


def portal_url(pattern, referral):
    return reverse(f"portal:{pattern.name}", kwargs=fill(pattern, {"pk": referral.pk}))


def test_the_url_lists_are_not_empty():
    # A guard: if introspection broke, the loops below would test nothing.
    assert len(REFERRAL_PATTERNS) >= 5
    assert {ns for ns, _ in CASE_MODULE_PATTERNS} >= {"team", "red"}
    assert len(CASE_MODULE_PATTERNS) >= 20


@pytest.mark.parametrize("pattern", REFERRAL_PATTERNS, ids=lambda p: p.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_institution_gets_404_on_every_portal_url(
    client_for, partner_b, referral_a, referral_b, pattern, method
):
    # given: partner B has a referral of their own, so the portal is open to them
    client = client_for(partner_b)
    # when
    response = getattr(client, method)(
        portal_url(pattern, referral_a), {"to_status": Status.RECEIVED, "body": "x", "note": "x"}
    )
    # then
    assert response.status_code == 404
    assert ReferralAccess.objects.filter(referral=referral_a).count() == 0


@pytest.mark.parametrize("pattern", REFERRAL_PATTERNS, ids=lambda p: p.name)
def test_a_draft_is_invisible_even_to_its_addressee(
    client_for, case, professional, institution_a, partner_a, pattern
):
    # given
    draft = draft_referral(case=case, actor=professional, institution=institution_a)
    # when
    response = client_for(partner_a).get(portal_url(pattern, draft))
    # then
    assert response.status_code == 404


# Files, not pages: the PDF, and a shared document (tests/red/test_shared_documents.py).
FILES = ("referral_pdf", "referral_document")


@pytest.mark.parametrize(
    "pattern", [p for p in REFERRAL_PATTERNS if p.name not in FILES], ids=lambda p: p.name
)
def test_the_addressee_opens_every_portal_page(client_for, partner_a, referral_a, pattern):
    # when
    response = client_for(partner_a).get(portal_url(pattern, referral_a))
    # then: pages render; POST-only URLs render the referral too
    assert response.status_code == 200


@pytest.mark.parametrize("pattern", PORTAL_PATTERNS, ids=lambda p: p.name)
@pytest.mark.parametrize("user", ["professional", "coordinator", "editor", "admin_user"])
def test_the_portal_is_only_for_partners(request, client_for, referral_a, pattern, user):
    # given
    client = client_for(request.getfixturevalue(user))
    url = reverse(f"portal:{pattern.name}", kwargs=fill(pattern, {"pk": referral_a.pk}))
    # when
    response = client.get(url)
    # then: the landing page sends the team to the case module and the web editor to the
    # Wagtail admin; everything else is refused
    if pattern.name == "landing":
        expected = reverse("wagtailadmin_home" if user == "editor" else "team:home")
        assert response.status_code == 302 and response.url == expected
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("pattern", PORTAL_PATTERNS, ids=lambda p: p.name)
def test_anonymous_visitors_are_sent_to_login(client, referral_a, pattern):
    url = reverse(f"portal:{pattern.name}", kwargs=fill(pattern, {"pk": referral_a.pk}))
    response = client.get(url)
    assert response.status_code == 302 and "/cuenta/ingresar/" in response.url


@pytest.mark.parametrize(
    ("namespace", "pattern"),
    CASE_MODULE_PATTERNS,
    ids=lambda v: v.name if hasattr(v, "name") else str(v),
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_partner_user_reaches_the_case_module(
    client_for, partner_a, referral_a, namespace, pattern, method
):
    # given: real ids, so that only permissions can stop the partner
    values = {
        "case_pk": referral_a.case_id,
        "pk": referral_a.pk,
        "person_pk": referral_a.case.person_id,
    }
    url = reverse(f"{namespace}:{pattern.name}", kwargs=fill(pattern, values))
    # when
    response = getattr(client_for(partner_a), method)(url)
    # then
    assert response.status_code in (403, 404), url


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/institucion/", "/admin/usuario_institucion/", "/admin/pages/"],
)
def test_no_partner_user_reaches_the_wagtail_admin(client_for, partner_a, url):
    response = client_for(partner_a).get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response.url


@pytest.mark.parametrize("url", ["/admin/institucion/", "/admin/usuario_institucion/"])
def test_web_editors_do_not_manage_the_network(client_for, editor, url):
    response = client_for(editor).get(url)
    assert response.status_code in (302, 403)


def test_web_editors_see_no_referral(client_for, editor, referral_a):
    response = client_for(editor).get(referral_a.get_absolute_url())
    assert response.status_code == 403


def test_an_administrator_manages_the_catalogue(client_for, admin_user, institution_a):
    response = client_for(admin_user).get("/admin/institucion/")
    assert response.status_code == 200
    assert institution_a.name in response.content.decode()


@pytest.mark.parametrize("user", ["other_professional", "lae_professional"])
def test_team_members_who_may_not_see_the_case_get_404(request, client_for, referral_a, user):
    response = client_for(request.getfixturevalue(user)).get(referral_a.get_absolute_url())
    assert response.status_code == 404


def test_after_login_a_partner_lands_on_the_portal(client, partner_a):
    # when
    response = client.post(
        "/cuenta/ingresar/",
        {"username": partner_a.username, "password": "clave-de-prueba-123"},
        follow=True,
    )
    # then
    assert response.redirect_chain[-1][0] == reverse("portal:inbox")


def test_after_login_the_team_lands_on_the_case_module(client, professional):
    response = client.post(
        "/cuenta/ingresar/",
        {"username": professional.username, "password": "clave-de-prueba-123"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("team:home")
