import uuid

import pytest

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import NewsPage


def case_module_urls(case, cohort):
    """Every URL mounted under /equipo/ (namespace ``team`` and the case apps that join it),
    filled with real objects."""
    values = {"case_pk": case.pk, "person_pk": case.person_id}
    urls = []

    def value(name, converter, pattern_name):
        kind = type(converter).__name__
        if kind == "IntConverter":
            if name == "pk" and pattern_name.startswith("cohort"):
                return cohort.pk
            if name == "pk" and pattern_name.startswith("person"):
                return case.person_id
            return values.get(name, case.pk)
        if kind == "UUIDConverter":
            return uuid.uuid4()
        return case.program.code

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                kwargs = {
                    name: value(name, converter, pattern.name)
                    for name, converter in pattern.pattern.converters.items()
                }
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                urls.append(reverse(name, kwargs=kwargs))

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and str(top.pattern) == "equipo/":
            walk(top.url_patterns, top.namespace)
    return urls


def test_web_editor_gets_403_or_404_on_every_case_module_url(client_for, editor, case):
    # given the web editor logged in
    client = client_for(editor)
    urls = case_module_urls(case, case.cohort)
    assert len(urls) >= 10
    for url in urls:
        # when they open a case-module page, or post to it
        # then it is refused, whatever the page
        assert client.get(url).status_code in (403, 404), url
        assert client.post(url, {}).status_code in (403, 404), url


def test_anonymous_visitors_cannot_reach_case_data(client, case):
    for url in case_module_urls(case, case.cohort):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response.url.startswith(reverse("login")), url


def test_wagtail_admin_is_closed_to_anonymous_visitors(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    assert client.get("/admin/pages/").status_code == 302


@pytest.mark.parametrize("persona", ["professional", "director"])
def test_case_module_users_do_not_get_the_wagtail_admin(client_for, request, persona, site_tree):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/admin/").status_code in (302, 403)


def test_web_editor_may_edit_and_publish_every_page(editor, site_tree):
    for page in Page.objects.filter(depth__gt=1):
        permissions = page.permissions_for_user(editor)
        assert permissions.can_edit() and permissions.can_publish(), page


def test_web_editor_edits_and_publishes_a_news_page_in_the_admin(client_for, editor, site_tree):
    # given a news page and the web editor in the Wagtail admin
    news = NewsPage.objects.get(slug="septima-generacion-opv")
    client = client_for(editor)
    assert client.get("/admin/").status_code == 200
    # when they change its title and publish
    data = nested_form_data(
        {
            "title": "La 7ª generación del OPV comienza en el CDP Quillota",
            "slug": news.slug,
            "date": "02-04-2018",
            "intro": news.intro,
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[news.pk]), data)
    # then the public page shows the new title
    assert response.status_code == 302, response.content.decode()[:2000]
    news.refresh_from_db()
    assert news.title == "La 7ª generación del OPV comienza en el CDP Quillota"
    assert news.live and not news.has_unpublished_changes


def test_web_editor_keeps_the_network_institutions(client_for, editor, site_tree):
    client = client_for(editor)
    response = client.get(reverse("wagtailsnippets_cms_networkinstitution:list"))
    assert response.status_code == 200
    assert "Oficina Municipal de Intermediación Laboral" in response.content.decode()


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    # when
    response = client.get("/favicon.ico")
    # then
    assert response.status_code == 301
    assert response["Location"] == static("cms/favicon.svg")
    assert finders.find("cms/favicon.svg")


def test_team_pages_link_the_icon(client, db):
    # when
    login = client.get(reverse("login")).content.decode()
    # then
    assert f'<link rel="icon" href="{static("cms/favicon.svg")}"' in login
