"""The Wagtail admin speaks Spanish, including the strings Wagtail's own catalogue leaves out."""

import re

import pytest

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
