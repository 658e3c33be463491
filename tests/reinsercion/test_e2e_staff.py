"""A coordinator's day in headless Chromium: log in, find a case, open it, move its phase."""

import pytest

from reinsercion.programs.choices import Phase
from tests.factories import PersonFactory, open_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(chromium):
    return chromium.new_page(locale="es-CL", viewport={"width": 1280, "height": 900})


def test_coordinator_finds_a_case_and_moves_it_forward(
    live_server, page, screenshots, opv, coordinator, professional
):
    # given
    case = open_case(
        program=opv,
        actor=coordinator,
        professionals=[professional],
        person=PersonFactory(first_names="Rosa Elena", last_names="Araya Tapia", rut="12345678-5"),
    )
    # when: log in
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", "coordinadora")
    page.fill("#id_password", "clave-de-prueba-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/equipo/")
    # search the caseload by RUT typed with dots
    page.click("nav >> text=Casos")
    page.fill("#id_q", "12.345.678-5")
    page.click("form.filters button[type=submit]")
    page.screenshot(path=screenshots / "staff-caseload.png", full_page=True)
    page.click("text=Rosa Elena Araya Tapia")
    assert page.locator("h1").inner_text() == "Rosa Elena Araya Tapia"
    # move the phase
    page.click("text=Cambiar fase")
    page.select_option("#id_to_phase", Phase.CLOSED)
    assert page.is_visible("#id_summary")  # the exit fields, only when closing
    page.select_option("#id_to_phase", Phase.EXTRA_PENITENTIARY)
    assert not page.is_visible("#id_summary")
    page.click("main button[type=submit]")
    # then
    assert "El caso pasó a la fase «Extrapenitenciaria»" in page.inner_text(".messages")
    page.screenshot(path=screenshots / "staff-case.png", full_page=True)
    case.refresh_from_db()
    assert case.phase == Phase.EXTRA_PENITENTIARY
