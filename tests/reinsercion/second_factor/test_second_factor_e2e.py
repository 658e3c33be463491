"""Enrolment of the second factor in headless Chromium, at phone width: the password, the QR
code, a code computed as the authenticator app would, the recovery codes, then the team pages.
Screenshots: second-factor-enrol.png, second-factor-codes.png, second-factor-verify.png.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Axe()


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def serious_violations(page):
    violations = AXE.run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_professional_enrols_on_first_login_from_a_phone(
    live_server, chromium, screenshots, professional, settings
):
    settings.MFA_REQUIRED = True
    page = chromium.new_page(locale="es-CL", viewport={"width": 390, "height": 844})
    # when: Ana logs in for the first time
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    assert "Demostración" not in page.inner_text("main")
    page.fill("#id_username", "ana")
    page.fill("#id_password", "clave-de-prueba-123")
    page.click("main button[type=submit]")
    # then: enrolment, with the QR code drawn (an image from a data: URI, allowed by the CSP)
    page.wait_for_url("**/cuenta/segundo-factor/activar/**")
    qr = page.locator("img.qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert no_sideways_scroll(page)
    assert serious_violations(page) == []
    page.screenshot(path=screenshots / "second-factor-enrol.png", full_page=True)
    # when: she types the code her app shows
    device = TOTPDevice.objects.get(user=professional)
    page.fill("#id_code", code_of(device))
    page.click("main form button[type=submit] >> text=Activar")
    # then: her recovery codes, once
    assert page.locator(".recovery-codes li").count() == 10
    assert no_sideways_scroll(page)
    assert serious_violations(page) == []
    page.screenshot(path=screenshots / "second-factor-codes.png", full_page=True)
    page.click("text=Ya los guardé, continuar")
    page.wait_for_url(f"{live_server.url}/equipo/")
    # and: next time, the code after the password
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", "clave-de-prueba-123")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cuenta/segundo-factor/verificar/**")
    assert no_sideways_scroll(page)
    assert serious_violations(page) == []
    page.screenshot(path=screenshots / "second-factor-verify.png", full_page=True)
