"""A professional's day in the browser (issue 12): the agenda opens on today, she books an
appointment on a case, finds it in "Esta semana", and the pages pass axe-core at 1280 and
390 px without scrolling sideways. Screenshots in artifacts/screenshots/."""

import datetime
import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from reinsercion.activities.models import Appointment
from reinsercion.cases.models import Case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-la-agenda-123"
WIDTHS = (1280, 390)


def login(browser, live_server, username, width):
    page = browser.new_page(locale="es-CL", viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
    return page


def check(page, axe, width, problems):
    violations = axe.run(page).response["violations"]
    problems += [
        f"{width} {page.url}: {v['id']} ({v['impact']})"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{width} {page.url}: {scroll} px wide")


def test_a_professional_books_an_appointment_and_the_agenda_shows_her_day(
    live_server, chromium, screenshots
):
    # given a fresh demo
    call_command("demo", stdout=io.StringIO())
    for username in ("psicologa.opv", "coordinacion.opv"):
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    ana = get_user_model().objects.get(username="psicologa.opv")
    case = Case.objects.filter(professionals=ana).open().order_by("pk").first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    axe = Axe()
    problems = []
    # when psicologa.opv opens her agenda, it is today's
    page = login(chromium, live_server, "psicologa.opv", 1280)
    page.goto(f"{live_server.url}/equipo/agenda/")
    assert page.locator(".agenda-views [aria-current=page]").inner_text().startswith("Hoy")
    page.screenshot(path=screenshots / "issue12-agenda-hoy.png", full_page=True)
    # and she books an appointment on a case for tomorrow at 18:30
    page.goto(f"{live_server.url}/equipo/casos/{case.pk}/citas/")
    page.fill("#id_date", tomorrow.isoformat())
    page.fill("#id_time", "18:30")
    page.fill("#id_place", "Oficina OPV, box 3")
    page.fill("#id_with_whom", "su hermana")
    page.click("form button[type=submit]:has-text('Agendar')")
    page.wait_for_selector("text=Cita agendada")
    assert "Oficina OPV, box 3" in page.content()
    page.screenshot(path=screenshots / "issue12-cita-agendada.png", full_page=True)
    appointment = Appointment.objects.get(case=case, place="Oficina OPV, box 3")
    assert timezone.localtime(appointment.starts_at).date() == tomorrow
    # then this week's view of her agenda has it, at its time, with the link to record it
    page.goto(f"{live_server.url}/equipo/agenda/?vista=30-dias")
    row = page.locator("tr", has_text="Oficina OPV, box 3")
    assert "a las 18:30" in row.inner_text()
    assert row.locator("a", has_text="Registrar").count() == 1
    page.screenshot(path=screenshots / "issue12-agenda-30-dias.png", full_page=True)
    page.close()
    # and every new page passes axe and fits a phone
    paths = {
        "psicologa.opv": [
            "/equipo/agenda/",
            "/equipo/agenda/?vista=vencidos",
            "/equipo/agenda/?vista=semana",
            f"/equipo/casos/{case.pk}/citas/",
            f"/equipo/casos/{case.pk}/citas/{appointment.pk}/",
        ],
        "coordinacion.opv": ["/equipo/agenda/equipo/?vista=vencidos", "/equipo/agenda/equipo/"],
    }
    for width in WIDTHS:
        for username, urls in paths.items():
            page = login(chromium, live_server, username, width)
            for path in urls:
                page.goto(live_server.url + path)
                check(page, axe, width, problems)
            if width == 390 and username == "coordinacion.opv":
                page.screenshot(path=screenshots / "issue12-agenda-equipo-390.png", full_page=True)
            page.close()
    assert not problems, "\n".join(problems)
