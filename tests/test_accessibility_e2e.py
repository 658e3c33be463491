"""The pages of the national-scale work (issue 11: caseload and its search with suggestion
filters, both agendas, staff home, partner inbox) pass axe-core with no serious or critical
violation, at 1280 px and at 390 px, and do not scroll sideways on a phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-accesibilidad-123"
PAGES = {
    "coordinacion.opv": ["/equipo/casos/", "/equipo/casos/?q=hector", "/equipo/agenda/equipo/",
                         "/equipo/"],
    "psicologa.opv": ["/equipo/agenda/"],
    "omil.quillota": ["/red/"],
}  # fmt: skip
WIDTHS = (1280, 390)


def test_the_national_scale_pages_pass_axe_and_fit_a_phone(live_server, chromium):
    # given the demo and three of its users
    call_command("demo", stdout=io.StringIO())
    for username in PAGES:
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    axe = Axe()
    problems = []
    for width in WIDTHS:
        for username, paths in PAGES.items():
            page = chromium.new_page(locale="es-CL", viewport={"width": width, "height": 900})
            page.goto(f"{live_server.url}/cuenta/ingresar/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
            for path in paths:
                # when each page is opened
                page.goto(live_server.url + path)
                # then axe finds nothing serious, and nothing is wider than the window
                violations = axe.run(page).response["violations"]
                problems += [
                    f"{width} {path}: {v['id']} ({v['impact']})"
                    for v in violations
                    if v["impact"] in ("serious", "critical")
                ]
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{width} {path}: {scroll} px wide")
            page.close()
    assert not problems, "\n".join(problems)
