"""The whole path in headless Chromium, on a phone (390 px): a professional requests a slot
from a plan objective, the institution answers «lista de espera» in the portal, a slot frees
and the person is offered it, the consent is signed on the device, a monthly report arrives.
Screenshots in artifacts/screenshots/cupos-*.png; axe-core on every new page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.utils import timezone

from cupos import actions
from cupos.models import ProgramConsent, SlotRequest

from .factories import objective, planned_case, request_slot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "clave-e2e-cupos-123"


def log_in(chromium, live_server, user):
    user.set_password(PASSWORD)
    user.save()
    context = chromium.new_context(viewport=PHONE, locale="es-CL")
    page = context.new_page()
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    return page


def check(page, screenshots, name, axe, problems):
    """Fits the phone, no serious or critical axe violation; saved as a screenshot."""
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{name}: {width} px wide")
    for v in axe.run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            problems.append(f"{name}: {v['id']} ({v['impact']})")
    page.screenshot(path=str(screenshots / f"cupos-{name}.png"), full_page=True)


def test_request_waiting_list_freed_slot_consent_and_monthly_report(
    live_server, chromium, screenshots, lae, lae_professional, version, program_a, partner_a
):
    # given a person with a plan, and SENDA's only slot held by someone else
    case = planned_case(program=lae, actor=lae_professional, version=version)
    other = planned_case(program=lae, actor=lae_professional, version=version)
    holder = request_slot(other, lae_professional, program_a)
    actions.answer_request(
        request=holder, actor=partner_a, answer="accepted", start_on=timezone.localdate()
    )
    axe, problems = Axe(), []
    team = log_in(chromium, live_server, lae_professional)

    # when the professional requests a slot from the plan's first objective
    team.goto(f"{live_server.url}/equipo/casos/{case.pk}/programas/")
    check(team, screenshots, "1-caso-programas", axe, problems)
    team.get_by_role("link", name="Solicitar cupo").click()
    team.select_option("select[name=program]", str(program_a.pk))
    team.select_option("select[name=objective]", str(objective(case).pk))
    team.fill("textarea[name=reason]", "Consumo problemático de alcohol; requiere tratamiento.")
    check(team, screenshots, "2-solicitar-cupo", axe, problems)
    team.click("button:has-text('Enviar solicitud')")
    expect(team.locator(".page-head h2")).to_contain_text("Solicitada")
    request = SlotRequest.objects.get(case=case)
    check(team, screenshots, "3-solicitud-enviada", axe, problems)

    # and the institution answers «lista de espera» in the portal
    portal = log_in(chromium, live_server, partner_a)
    portal.goto(f"{live_server.url}/red/cupos/")
    check(portal, screenshots, "4-portal-solicitudes", axe, problems)
    portal.click(f"a[href='/red/cupos/{request.pk}/']")
    expect(portal.locator("body")).not_to_contain_text("Robo con intimidación")
    portal.check("input[name=answer][value=waiting_list]")
    check(portal, screenshots, "5-portal-responder", axe, problems)
    portal.click("button:has-text('Guardar respuesta')")
    expect(portal.locator("h1")).to_contain_text("En lista de espera")

    # the team sees the position and the expected date
    team.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(team.locator("body")).to_contain_text("Posición 1")
    check(team, screenshots, "6-lista-de-espera", axe, problems)

    # when the slot frees (the holder's request is withdrawn), the person is offered it
    team.goto(f"{live_server.url}{holder.get_absolute_url()}")
    team.fill("textarea[name=reason]", "Cambio de domicilio a otra región.")
    team.click("button:has-text('Retirar')")
    team.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(team.locator(".page-head h2")).to_contain_text("Cupo liberado: ofrecido")
    check(team, screenshots, "7-cupo-ofrecido", axe, problems)
    portal.goto(f"{live_server.url}/red/cupos/{request.pk}/")
    portal.check("input[name=answer][value=accepted]")
    portal.fill("input[name=start_on]", timezone.localdate().isoformat())
    portal.click("button:has-text('Guardar respuesta')")
    expect(portal.locator("h1")).to_contain_text("Cupo asignado")

    # the consent is signed on the device, with the finger or mouse on the pad
    team.goto(f"{live_server.url}{request.get_absolute_url()}")
    team.get_by_role("link", name="Firmar el consentimiento").click()
    person = case.person
    team.fill("input[name=name]", person.full_name)
    team.fill("input[name=rut]", person.rut_display)
    team.fill("textarea[name=conditions]", "12 sesiones, martes 10:00, CESFAM Quillota.")
    team.fill("input[name=contact_name]", "Rosa Araya")
    pad = team.get_by_role("img", name=f"Recuadro de firma de {person.full_name}")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    team.mouse.move(box["x"] + 20, box["y"] + 40)
    team.mouse.down()
    for i in range(1, 30):
        team.mouse.move(box["x"] + 20 + i * 10, box["y"] + 40 + (i % 5) * 10, steps=2)
    team.mouse.up()
    expect(team.locator("input[name=signature]")).to_have_value(
        re.compile(r"^data:image/png;base64,")
    )
    team.fill("input[name=place]", "CRS Quillota")
    team.check("input[name=confirm]")
    check(team, screenshots, "8-consentimiento", axe, problems)
    team.click("button:has-text('Firmar el consentimiento')")
    expect(team.locator("body")).to_contain_text("SHA-256")
    consent = ProgramConsent.objects.get(request=request)
    assert consent.signature_method == "drawn" and consent.hash_matches()
    team.fill("input[name=on_date]", timezone.localdate().isoformat())
    team.click("button:has-text('Registrar el inicio')")
    expect(team.locator(".page-head h2")).to_contain_text("En curso")
    check(team, screenshots, "9-en-curso", axe, problems)

    # and a monthly report arrives from the portal
    portal.goto(f"{live_server.url}/red/cupos/{request.pk}/")
    portal.check("input[name=kind][value=monthly]")
    portal.fill("textarea[name=contents]", "Conciencia del consumo: parcialmente logrado.")
    portal.fill("textarea[name=progress]", "Asiste y reconoce situaciones de riesgo.")
    check(portal, screenshots, "10-portal-informe", axe, problems)
    portal.click("button:has-text('Enviar informe')")
    expect(portal.locator("body")).to_contain_text("Informe mensual de avance (anexo E)")

    # then the team reads it on the case's timeline
    team.goto(f"{live_server.url}/equipo/casos/{case.pk}/linea-de-tiempo/")
    expect(team.locator("body")).to_contain_text("Informe mensual de avance (anexo E)")
    check(team, screenshots, "11-linea-de-tiempo", axe, problems)
    team.goto(f"{live_server.url}/equipo/programas-con-cupos/{program_a.pk}/")
    check(team, screenshots, "12-programa", axe, problems)
    team.goto(f"{live_server.url}/equipo/programas-con-cupos/")
    check(team, screenshots, "13-programas", axe, problems)
    portal.goto(f"{live_server.url}/red/cupos/programas/{program_a.pk}/sesiones/")
    expect(portal.locator("body")).to_contain_text(case.person.full_name)
    check(portal, screenshots, "14-portal-sesiones", axe, problems)
    assert request.reports.count() == 1
    assert not problems, problems
