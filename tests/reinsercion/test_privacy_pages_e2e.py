"""The access-trail and data-subject pages on a phone and a desktop: no sideways scroll and
no serious or critical axe-core violation (the demo sweep has no data request to open)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.urls import reverse

from reinsercion.privacy import actions
from reinsercion.privacy.models import RequestKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-privacidad-123"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_the_privacy_pages_fit_a_phone_and_pass_axe(
    live_server, chromium, screenshots, case, coordinator
):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    data_request = actions.register_request(
        case=case,
        actor=coordinator,
        kind=RequestKind.ERASURE,
        received_on=case.opened_on,
        details="Pide suprimir sus datos.",
    )
    pages = {
        "readers": reverse("team:case_readers", args=[case.pk]),
        "requests": reverse("team:data_requests"),
        "request": reverse("team:data_request", args=[data_request.pk]),
        "request-new": reverse("team:data_request_create", args=[case.pk]),
        "export-purpose": reverse("team:case_list") + "?_export=csv",
    }
    page = chromium.new_page(locale="es-CL", viewport=PHONE)
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
    axe, problems, wide = Axe(), [], {}
    for name, path in pages.items():
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > size["width"]:
                wide[f"{name} {size['width']}"] = width
            problems += [
                f"{name} {size['width']}: {v['id']} ({v['impact']})"
                for v in axe.run(page).response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            page.screenshot(
                path=screenshots / f"privacy-{name}-{size['width']}.png", full_page=True
            )
    page.close()
    assert not wide
    assert not problems
