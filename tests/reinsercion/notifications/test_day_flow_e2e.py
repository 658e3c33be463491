"""The team's day in the browser (issue 12): a professional books an appointment, records it
the next day from the appointment, and sends her plan to supervision; the supervisor finds it
in «Por visar» and returns it; the author finds it in «Devueltos» and her bell count rises.
Screenshots in artifacts/screenshots/issue12-dia-*.png."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from django.utils import timezone

from reinsercion.activities.models import Appointment
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-del-dia-123"
SANTIAGO = ZoneInfo("America/Santiago")


def login(browser, live_server, user, width=1280):
    page = browser.new_page(locale="es-CL", viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
    return page


def bell(page) -> int:
    badge = page.locator(".nav-bell [data-unread-count]")
    return int(re.match(r"\d+", badge.inner_text()).group()) if badge.count() else 0


def test_book_record_send_return_and_the_bell(live_server, chromium, screenshots, lae, lae_case):
    # given a case manager with a draft plan on her case, and the program's supervisor
    author = lae_case.professionals.get()
    supervisor = member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)
    for user in (author, supervisor):
        user.set_password(PASSWORD)
        user.save()
    version = configured_version()
    assess(lae_case, author, version, peers=2, attitudes=2, employment=2, history=0)
    plan = plan_with_objectives(lae_case, author, version)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # when she books an appointment for tomorrow at 10:00
    page = login(chromium, live_server, author)
    page.goto(f"{live_server.url}/equipo/casos/{lae_case.pk}/citas/")
    page.fill("#id_date", tomorrow.isoformat())
    page.fill("#id_time", "10:00")
    page.fill("#id_place", "Oficina LAE, box 2")
    page.fill("#id_with_whom", "la persona")
    page.click("form button[type=submit]:has-text('Agendar')")
    page.wait_for_selector("text=Cita agendada")
    page.screenshot(path=screenshots / "issue12-dia-1-cita.png", full_page=True)
    appointment = Appointment.objects.get(case=lae_case, place="Oficina LAE, box 2")
    page.close()

    # and the next day, after the session, she records it from the appointment (pre-filled)
    next_day = datetime.datetime.combine(tomorrow, datetime.time(12), tzinfo=SANTIAGO)
    with time_machine.travel(next_day, tick=True):
        page = login(chromium, live_server, author)
        page.goto(f"{live_server.url}/equipo/agenda/")
        page.locator("a", has_text="Registrar").first.click()
        assert "cita=" in page.url
        assert page.input_value("#id_participants") == "la persona"
        page.screenshot(path=screenshots / "issue12-dia-2-registrar.png", full_page=True)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "cita=" not in url)
        page.close()
    appointment.refresh_from_db()
    assert appointment.record is not None and not appointment.record.is_late

    # and she sends her plan to supervision
    page = login(chromium, live_server, author)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.click("a.button:has-text('Enviar a supervisión')")
    page.click("button:has-text('Confirmar')")
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    before = bell(page)
    page.close()

    # then the supervisor's bell rings and the plan waits in her «Por visar»
    page = login(chromium, live_server, supervisor)
    page.goto(f"{live_server.url}/equipo/")
    assert bell(page) == 1
    to_review = page.locator('[data-queue="to_review"]')
    assert to_review.locator(".count").inner_text() == "1"
    page.screenshot(path=screenshots / "issue12-dia-3-por-visar.png", full_page=True)
    # and she returns it with comments
    to_review.locator("a", has_text="PII versión 1").click()
    page.click("a.button:has-text('Devolver con observaciones')")
    page.fill("#id_comment", "Precisar las acciones del objetivo de empleo.")
    page.click("button:has-text('Confirmar')")
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    page.close()

    # then the author finds it in «Devueltos», and her bell count rose
    page = login(chromium, live_server, author)
    page.goto(f"{live_server.url}/equipo/")
    returned = page.locator('[data-queue="returned"]')
    assert returned.locator(".count").inner_text() == "1"
    assert "devuelto con observaciones" in returned.inner_text()
    assert bell(page) == before + 1
    page.screenshot(path=screenshots / "issue12-dia-4-devueltos.png", full_page=True)
    # and the notifications page says what came back, without the person's name
    page.click(".nav-bell")
    page.wait_for_selector("text=Plan devuelto con observaciones")
    assert lae_case.person.last_names not in page.locator("main").inner_text()
    page.screenshot(path=screenshots / "issue12-dia-5-avisos.png", full_page=True)
    page.close()

    # and the new pages pass axe-core and fit a phone, the bell included
    axe, problems = Axe(), []
    for width in (1280, 390):
        page = login(chromium, live_server, author, width)
        for path in ("/equipo/avisos/", "/equipo/avisos/preferencias/", "/equipo/"):
            page.goto(live_server.url + path)
            violations = axe.run(page).response["violations"]
            problems += [
                f"{width} {path}: {v['id']} ({v['impact']})"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{width} {path}: {scroll} px wide")
        if width == 390:
            page.goto(live_server.url + "/equipo/avisos/")
            page.screenshot(path=screenshots / "issue12-dia-6-avisos-390.png", full_page=True)
        page.close()
    assert not problems, "\n".join(problems)
