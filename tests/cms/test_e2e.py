"""Browser flow: home → OPV program page → results page, in headless Chromium.

Screenshots go to artifacts/screenshots/ (git-ignored). Run with
``python -m pytest -m e2e -p no:xdist``.
"""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page(viewport={"width": 1280, "height": 900}, locale="es-CL")


# serialized_rollback: the flush after a transactional test would drop the data migrations
# (Wagtail root page, groups) that later tests rely on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_visitor_goes_from_home_to_the_opv_results(
    live_server, opv_history, site_tree, browser_page, screenshots
):
    page = browser_page
    # given the home page
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Programas de reinserción social"
    page.screenshot(path=screenshots / "01-inicio.png", full_page=True)
    # when the visitor opens the OPV program page from the main navigation
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Oportunidades para la Vida (OPV)"
    ).click()
    page.wait_for_url("**/oportunidades-para-la-vida/")
    assert page.get_by_role("heading", name="Objetivo general").is_visible()
    page.screenshot(path=screenshots / "02-programa-opv.png", full_page=True)
    # and follows the link to its results
    page.get_by_role("link", name="Resultados del programa OPV 2012–2016").click()
    page.wait_for_url("**/resultados-2012-2016/")
    # then the figures of the program's report are there, computed from the cases
    assert page.get_by_text("92 %").first.is_visible()
    table = page.locator("#tabla-generaciones")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 5
    assert table.locator("tfoot").inner_text().split() == [
        "Total",
        "2012–2016",
        "49",
        "45",
        "92",
        "%",
        "4",
        "8",
        "%",
    ]
    assert page.locator("svg[role=img] title").text_content().startswith("Personas egresadas")
    page.screenshot(path=screenshots / "03-resultados-opv.png", full_page=True)
    # and the page prints without navigation
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    page.screenshot(path=screenshots / "04-resultados-opv-impresion.png", full_page=True)
