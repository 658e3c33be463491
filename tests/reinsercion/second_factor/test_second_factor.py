"""Second factor (issue 17): enrolment on first login, the code after the password, recovery
codes that work once, «Recordar este dispositivo» for at most 30 days, the administrators'
audited reset, django-axes counting wrong codes, and MFA_REQUIRED.
"""

import datetime
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reinsercion.second_factor.remember import COOKIE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "clave-de-prueba-123"
NOW = datetime.datetime(2026, 11, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def enforced(settings):
    settings.MFA_REQUIRED = True


def code_of(device):
    """The code an authenticator app shows for the device now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def later():
    """Move the clock on: django-otp refuses any code for a growing delay after a wrong one."""
    travels = []

    def move(seconds=5):
        now = datetime.datetime.now(datetime.UTC)
        travels.append(time_machine.travel(now + datetime.timedelta(seconds=seconds)))
        travels[-1].start()

    yield move
    for travel in reversed(travels):
        travel.stop()


def wrong_code(device):
    return "123456" if code_of(device) != "123456" else "654321"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="recuperación", confirmed=True)
    recovery.token_set.create(token="recupera1")
    return device


def log_in(client, username, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip
    )


def send_code(client, code, remember=False, next_url="/equipo/"):
    data = {"code": code, "next": next_url}
    if remember:
        data["remember"] = "on"
    return client.post(reverse("second_factor:verify"), data, REMOTE_ADDR="10.0.0.1")


def test_first_login_asks_to_enrol_and_shows_the_recovery_codes_once(
    client, professional, enforced, later
):
    # given: Ana has never enrolled; she logs in with her password
    log_in(client, "ana")
    # when: she opens her home page
    response = client.get(reverse("team:home"))
    # then: she is sent to enrolment, which shows a QR code as an image and the secret
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor:enrol"))
    page = client.get(response.url)
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=professional, confirmed=False)
    # a wrong code is refused
    wrong = client.post(reverse("second_factor:enrol"), {"code": "000000"})
    assert "El código no es correcto" in wrong.content.decode()
    # when: a few seconds later (django-otp slows down guessing), the code her app shows
    later()
    done = client.post(
        reverse("second_factor:enrol"), {"code": code_of(device), "next": "/equipo/"}
    )
    # then: ten recovery codes, shown on this page only; her home opens
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(reverse("team:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    entry = LogEntry.objects.get_for_object(professional).get()
    assert entry.actor == professional
    assert entry.changes_dict == {"segundo factor": ["sin activar", "activado"]}
    # and: enrolment cannot be shown again to read a new secret
    assert client.get(reverse("second_factor:enrol")).status_code == 302


def test_after_the_password_the_code_is_asked_and_a_wrong_one_refused(client, professional, later):
    # given: Ana enrolled (even with enforcement off, an enrolled account is asked)
    device = enrolled(professional)
    log_in(client, "ana")
    home = client.get(reverse("team:home"))
    assert home.status_code == 302
    assert home.url.startswith(reverse("second_factor:verify"))
    # when: a wrong code
    response = send_code(client, wrong_code(device))
    # then: refused, and the team pages stay closed
    assert response.status_code == 200
    assert "El código no es correcto" in response.content.decode()
    assert client.get(reverse("team:home")).status_code == 302
    # when: a few seconds later, the right code
    later()
    response = send_code(client, code_of(device))
    # then: on to the page she asked for
    assert response.status_code == 302
    assert response.url == "/equipo/"
    assert client.get(reverse("team:home")).status_code == 200


def test_the_next_address_after_the_code_stays_on_this_site(client, professional):
    device = enrolled(professional)
    log_in(client, "ana")
    response = send_code(client, code_of(device), next_url="https://example.com/robar")
    assert response.url == reverse("portal:landing")


def test_a_recovery_code_works_once(client, professional):
    enrolled(professional)
    log_in(client, "ana")
    assert send_code(client, "recupera1").status_code == 302
    assert client.get(reverse("team:home")).status_code == 200
    # when: the same recovery code on the next login
    client.post(reverse("logout"))
    log_in(client, "ana")
    response = send_code(client, "recupera1")
    # then
    assert "El código no es correcto" in response.content.decode()
    assert client.get(reverse("team:home")).status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, professional):
    # given: Ana passed her password
    device = enrolled(professional)
    log_in(client, "ana")
    wrong = wrong_code(device)
    # when: five wrong codes
    for _ in range(4):
        assert send_code(client, wrong).status_code == 200
    response = send_code(client, wrong)
    # then: the account is locked and the half-open session closed
    assert response.status_code == 429
    assert "Cuenta bloqueada temporalmente" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # and: even the right password is refused now
    assert log_in(client, "ana").status_code == 429


def test_remember_this_device_skips_the_code_for_30_days_not_more(client, professional):
    with time_machine.travel(NOW, tick=False) as clock:
        # given: Ana ticks «Recordar este dispositivo»
        device = enrolled(professional)
        log_in(client, "ana")
        response = send_code(client, code_of(device), remember=True)
        cookie = response.cookies[COOKIE]
        assert cookie["max-age"] == 30 * 24 * 60 * 60
        assert cookie["httponly"]
        client.post(reverse("logout"))
        # when: she logs in again 30 days minus a minute later, in the same browser
        clock.move_to(NOW + datetime.timedelta(days=30, minutes=-1))
        log_in(client, "ana")
        # then: no code asked
        assert client.get(reverse("team:home")).status_code == 200
        client.post(reverse("logout"))
        # when: 30 days and a minute after she ticked it
        clock.move_to(NOW + datetime.timedelta(days=30, minutes=1))
        log_in(client, "ana")
        # then: the code again
        response = client.get(reverse("team:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("second_factor:verify"))


def test_a_remembered_browser_does_not_skip_the_code_for_another_user(
    client, professional, other_professional
):
    ana_device = enrolled(professional)
    enrolled(other_professional)
    log_in(client, "ana")
    send_code(client, code_of(ana_device), remember=True)
    client.post(reverse("logout"))
    # when: Bruno logs in on the browser Ana told to remember
    log_in(client, "bruno")
    # then: Bruno is asked for his code
    assert client.get(reverse("team:home")).status_code == 302


def test_an_administrator_resets_a_second_factor_and_it_is_audited(
    client, professional, admin_user
):
    # given: Ana enrolled and her browser is remembered
    device = enrolled(professional)
    log_in(client, "ana")
    send_code(client, code_of(device), remember=True)
    remembered = client.cookies[COOKIE].value
    client.post(reverse("logout"))
    # when: the administrator resets her second factor
    client.force_login(admin_user)
    listing = client.get(reverse("second_factor:user_list"))
    assert "ana" in listing.content.decode()
    response = client.post(reverse("second_factor:reset", args=[professional.pk]))
    # then: her devices are gone, and the audit trail says who did it
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=professional).exists()
    assert not StaticDevice.objects.filter(user=professional).exists()
    entry = LogEntry.objects.get_for_object(professional).get()
    assert entry.actor == admin_user
    assert entry.changes_dict == {"segundo factor": ["activado", "restablecido"]}
    # and: her remembered browser no longer skips anything; with enforcement she enrols again
    client.post(reverse("logout"))
    client.cookies[COOKIE] = remembered
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.MFA_REQUIRED", True)
        log_in(client, "ana")
        response = client.get(reverse("team:home"))
    assert response.url.startswith(reverse("second_factor:enrol"))


def test_only_administrators_reach_the_reset(client, professional, coordinator):
    enrolled(professional)
    client.force_login(coordinator)
    assert client.get(reverse("second_factor:user_list")).status_code == 403
    response = client.post(reverse("second_factor:reset", args=[professional.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=professional).exists()
    assert client.get(reverse("second_factor:reset", args=[professional.pk])).status_code == 405


def test_with_enforcement_off_the_password_is_enough_and_the_login_page_says_so(
    client, professional, settings
):
    settings.MFA_REQUIRED = False
    assert "el segundo factor" in client.get(reverse("login")).content.decode()
    log_in(client, "ana")
    assert client.get(reverse("team:home")).status_code == 200


def test_with_enforcement_on_the_login_page_says_nothing_of_a_demo(client, enforced):
    assert "Demostración" not in client.get(reverse("login")).content.decode()


def test_enforcement_covers_sessions_opened_before_it_was_turned_on(client, professional, settings):
    settings.MFA_REQUIRED = False
    log_in(client, "ana")
    assert client.get(reverse("team:home")).status_code == 200
    # when: the setting is turned on while the session lives on... the session already passed
    # the gate, by the rule in force when it logged in; a new login is gated
    settings.MFA_REQUIRED = True
    client.post(reverse("logout"))
    log_in(client, "ana")
    assert client.get(reverse("team:home")).status_code == 302


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def sample_path(route):
    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<(str:|slug:)?[^>]+>", "x", path)
    return "/" + path


GATED = sorted(
    {
        sample_path(route)
        for route in walk(get_resolver())
        if route.startswith(("equipo/", "red/", "admin/"))
        and "(?P" not in route
        and "\\" not in route
        and "^" not in route
    }
    | {"/admin/"}
)


def test_every_team_partner_and_admin_page_sends_an_unenrolled_user_to_enrolment(
    client, admin_user, enforced
):
    # given: an administrator (who may open every page) without a second factor
    client.force_login(admin_user)
    # then: every page of /equipo/, /red/ and /admin/ sends them to enrolment first
    assert len(GATED) > 100
    not_gated = []
    for path in GATED:
        response = client.get(path)
        if response.status_code != 302 or not response.url.startswith(
            reverse("second_factor:enrol")
        ):
            not_gated.append(f"{path} {response.status_code}")
    assert not_gated == []


def test_a_partner_is_gated_too(client, enforced):
    partner = UserFactory(username="socio")
    client.force_login(partner)
    response = client.get("/red/")
    assert response.url.startswith(reverse("second_factor:enrol"))


def test_the_second_factor_pages_take_few_queries(
    client, professional, admin_user, enforced, django_assert_max_num_queries
):
    log_in(client, "ana")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("second_factor:enrol")).status_code == 200
    device = TOTPDevice.objects.get(user=professional)
    device.confirmed = True
    device.save()
    with django_assert_max_num_queries(10):
        assert client.get(reverse("second_factor:verify")).status_code == 200
    client.force_login(admin_user)
    enrolled(admin_user)
    client.session  # noqa: B018
    send_code(client, "recupera1")
    for i in range(20):
        UserFactory(username=f"persona{i}")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("second_factor:user_list")).status_code == 200


def test_the_wagtail_admin_links_administrators_to_the_reset(client, admin_user, editor):
    client.force_login(admin_user)
    assert "Segundo factor de las cuentas" in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert "Segundo factor de las cuentas" not in client.get("/admin/").content.decode()
