"""The Wagtail admin speaks Spanish, including the strings Wagtail's own catalogue leaves out."""

import re

import pytest

from wagtail.models import Page

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_dashboard_is_in_spanish(admin_client):
    # when
    text = visible_text(admin_client.get("/admin/").content.decode())
    # then
    assert "Panel de control" in text
    assert "Atajos de teclado" in text and "Resumen del sitio" in text
    assert re.search(r"\d+ páginas? creadas? en Reinserción", text)
    for english in ["created in", "Keyboard shortcuts", "Cut", "editor guide", "Your version"]:
        assert english not in text


def test_the_page_explorer_is_in_spanish(admin_client):
    # when
    text = visible_text(admin_client.get("/admin/pages/").content.decode())
    # then
    assert "Explorando" in text and "Tipo de página" in text
    assert "Exploring" not in text and "Page type" not in text


def test_the_page_editor_is_in_spanish(admin_client):
    # given the site's home page
    page = Page.objects.filter(depth=2).first()
    # when an editor opens it
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    text = visible_text(re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))
    # then the side panels, the publishing schedule and the checks speak Spanish
    assert "Cualquier persona puede editar este elemento" in text
    assert "El guardado automático está" in text
    assert 'aria-label="Acciones"' in html and 'aria-label="Actions"' not in html
    for english in [
        "Anyone can edit",
        "Autosave is",
        "This publishing schedule",
        "Troubleshoot your connection",
        "We use a readability formula",
    ]:
        assert english not in text
