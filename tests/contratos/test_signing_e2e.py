"""The signing wizard in headless Chromium: the pad draws with a mouse and with touch."""

import re

import pytest
from playwright.sync_api import expect

from contratos.models import SocialContract

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1100, "height": 900}, has_touch=True)
    return context, context.new_page()


def draw_with_mouse(page, box):
    page.mouse.move(box["x"] + 40, box["y"] + 60)
    page.mouse.down()
    for i in range(1, 40):
        page.mouse.move(box["x"] + 40 + i * 10, box["y"] + 60 + (i % 5) * 12, steps=2)
    page.mouse.up()


def draw_with_touch(context, page, box):
    cdp = context.new_cdp_session(page)
    points = [(box["x"] + 50 + i * 9, box["y"] + 90 + (i % 6) * 10) for i in range(40)]
    x, y = points[0]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for x, y in points[1:]:
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_signing_with_mouse_and_touch(live_server, browser_page, draft, professional):
    # given
    context, page = browser_page
    professional.set_password("clave-e2e-segura-123")
    professional.save()
    signers = list(draft.signers.order_by("order", "pk"))
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("input[name=username]", professional.username)
    page.fill("input[name=password]", "clave-e2e-segura-123")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/equipo/casos/{draft.case_id}/contrato/{draft.pk}/firmar/")
    page.check("input[name='review-read']")
    page.click("button:has-text('Continuar')")
    for s in signers:
        page.fill(f"input[name='identity-rut_{s.pk}']", s.rut_display)
    page.click("button:has-text('Continuar')")
    # when: the beneficiary signs with the mouse, the mother with a finger
    pointer_types = []
    for index, signer in enumerate(signers):
        # this signer's step is shown, and the pad's script (at the end of the page) has run
        pad = page.get_by_role("img", name=f"Recuadro de firma de {signer.full_name}")
        expect(pad).to_be_visible()
        page.wait_for_load_state("load")
        page.evaluate(
            "() => { window.types = []; document.querySelector('canvas')"
            ".addEventListener('pointerdown', e => window.types.push(e.pointerType)); }"
        )
        box = pad.bounding_box()
        if index == 0:
            draw_with_mouse(page, box)
        else:
            draw_with_touch(context, page, box)
        pointer_types += page.evaluate("() => window.types")
        expect(page.locator("input[name$='-signature']")).to_have_value(
            re.compile(r"^data:image/png;base64,")
        )
        page.click("button:has-text('Continuar')")
    page.check("input[name='confirm-confirm']")
    page.click("button:has-text('Firmar y cerrar')")
    # then
    assert pointer_types == ["mouse", "touch"]
    assert "Contrato firmado" in page.content()
    contract = SocialContract.objects.get(pk=draft.pk)
    assert contract.is_signed and contract.hash_matches()
    assert all(s.signature_method == "drawn" for s in contract.signers.all())
