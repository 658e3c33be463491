"""The indicator pages pass axe-core with no serious or critical violation at 1280 px and at
390 px (with every definition opened), and do not scroll sideways on a phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command

from reinsercion.programs.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-indicadores-123"
PAGES = [
    "/equipo/indicadores/",
    "/equipo/indicadores/LAE/",
    "/equipo/indicadores/LAS/?periodo=quarter&trimestre=3",
    "/equipo/indicadores/OPV/?periodo=range&desde=2012-01-01&hasta=2018-12-31",
]
WIDTHS = (1280, 390)


def test_the_indicator_pages_pass_axe_and_fit_a_phone(live_server, chromium, screenshots):
    # given: the demo's direction user, who reads OPV, LAE and LAS
    call_command("demo_casos", stdout=io.StringIO())
    user = User.objects.get(username="direccion")
    user.set_password(PASSWORD)
    user.save()
    axe = Axe()
    problems = []
    for width in WIDTHS:
        page = chromium.new_page(locale="es-CL", viewport={"width": width, "height": 900})
        page.goto(f"{live_server.url}/cuenta/ingresar/")
        page.fill("#id_username", "direccion")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
        for n, path in enumerate(PAGES):
            # when each page is opened with its definitions and tables unfolded
            page.goto(live_server.url + path)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            # then axe finds nothing serious, and nothing is wider than the window
            violations = axe.run(page).response["violations"]
            problems += [
                f"{width} {path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{width} {path}: {scroll} px wide")
            page.screenshot(path=screenshots / f"indicators-{width}-{n}.png", full_page=True)
        page.close()
    assert not problems, "\n".join(problems)
