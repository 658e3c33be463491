import pytest

from django.core.management import call_command

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo.site import build
from cms.models import (
    ContactPage,
    HomePage,
    NetworkInstitution,
    NetworkPage,
    NewsIndexPage,
    NewsPage,
    ProgramPage,
    ResultsPage,
    StandardPage,
)


class TestPageTree(WagtailPageTestCase):
    def test_editors_can_create_the_site_structure(self):
        self.assertCanCreateAt(HomePage, ProgramPage)
        self.assertCanCreateAt(ProgramPage, ResultsPage)
        self.assertCanCreateAt(HomePage, NetworkPage)
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanCreateAt(ProgramPage, StandardPage)

    def test_results_live_under_a_program_and_news_under_the_index(self):
        self.assertCanNotCreateAt(HomePage, ResultsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertAllowedSubpageTypes(ResultsPage, {})
        self.assertAllowedParentPageTypes(ResultsPage, {ProgramPage})

    def test_every_demo_page_is_renderable(self):

        build()
        for page in Page.objects.live().filter(depth__gt=1).specific():
            self.assertPageIsRenderable(page)


def public_pages():
    return list(Page.objects.live().public().filter(depth__gt=1).specific())


def test_anonymous_visitors_reach_every_public_page(client, site_tree):
    # given the demo site
    pages = public_pages()
    assert len(pages) >= 12
    for page in pages:
        # when an anonymous visitor opens it
        response = client.get(page.url)
        # then it answers in Spanish, with one main heading
        html = response.content.decode()
        assert response.status_code == 200, page.url
        assert '<html lang="es-CL">' in html
        assert html.count("<h1") == 1, page.url
        assert 'media="print"' in html


def test_demo_sitio_is_idempotent(site_tree):
    # given the site built once
    pages, institutions = Page.objects.count(), NetworkInstitution.objects.count()
    # when the command runs again
    call_command("demo_sitio")
    # then nothing is duplicated
    assert Page.objects.count() == pages
    assert NetworkInstitution.objects.count() == institutions == 17


def test_program_pages_carry_the_documents_content(client, site_tree):
    opv = client.get("/oportunidades-para-la-vida/").content.decode()
    assert "Objetivo general" in opv and "Intracarcelarios" in opv and "Extracarcelarios" in opv
    assert "Psicosocial" in opv and "Familiar" in opv and "Laboral" in opv
    assert "Seguimiento" in opv and "contrato social" in opv
    lae = client.get("/libertad-asistida-especial/").content.decode()
    assert "artículo 14" in lae and "6 meses" in lae
    assert "52 %" in lae and "90 %" in lae  # the indicators' targets
    las = client.get("/libertad-asistida-simple/").content.decode()
    assert "Libertad Asistida Especial" in las


def test_network_page_lists_institutions_with_their_ambito(
    client, site_tree, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = client.get("/red-de-instituciones/")
    html = response.content.decode()
    assert "Redes regionales" in html and "Redes comunales" in html and "Otras redes" in html
    assert "Oficina Municipal de Intermediación Laboral de Quillota" in html
    assert "50 % o 100 %" in html  # OTEC's ámbito of coordination


def test_news_index_lists_news_newest_first(client, site_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = client.get("/noticias/")
    html = response.content.decode()
    first = html.index("Servicio Nacional de Reinserción Social Juvenil asume")
    assert first < html.index("7ª generación")


@pytest.mark.parametrize(
    "query, expected",
    [("Libertad Asistida", "Libertad Asistida Especial (LAE)"), ("generación", "Oportunidades")],
)
def test_site_search_finds_pages(client, site_tree, query, expected, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = client.get("/buscar/", {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_site_search_says_when_nothing_matches(client, site_tree):
    response = client.get("/buscar/", {"q": "xilófono"})
    assert "No encontramos páginas" in response.content.decode()
