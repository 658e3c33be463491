import datetime

import pytest
import time_machine

from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "clave-de-prueba-123"


def attempt(client, username, password, ip):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_takes_a_team_member_to_their_home(client, professional):
    response = attempt(client, "ana", PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("team:home")


def test_a_wrong_password_is_answered_in_spanish(client, professional):
    response = attempt(client, "ana", "equivocada", "10.0.0.1")
    assert response.status_code == 200
    assert "Por favor, introduzca un nombre de usuario y clave correctos" in (
        response.content.decode()
    )


def test_five_failures_lock_the_username_whatever_the_ip_address(client, professional):
    # given: five failures from five different machines of the same office
    for i in range(5):
        attempt(client, "ana", "equivocada", f"10.0.0.{i + 1}")
    # when: the right password, from yet another address
    response = attempt(client, "ana", PASSWORD, "10.0.0.99")
    # then
    assert response.status_code == 429
    assert "Cuenta bloqueada temporalmente" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_not_per_office(client, professional, other_professional):
    # given: Ana's account is locked from the shared office address
    for _ in range(5):
        attempt(client, "ana", "equivocada", "200.1.1.1")
    # when: Bruno logs in from the same address
    response = attempt(client, "bruno", PASSWORD, "200.1.1.1")
    # then
    assert response.status_code == 302


def test_sessions_expire_after_30_minutes_of_inactivity(client, professional):
    home = reverse("team:home")
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False
    ) as clock:
        attempt(client, "ana", PASSWORD, "10.0.0.1")
        # activity every 25 minutes keeps the session alive
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(home).status_code == 200
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(home).status_code == 200
        # 31 minutes without activity end it
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(home)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_logout_ends_the_session(client_for, professional):
    client = client_for(professional)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("team:home")).status_code == 302


def test_password_change(client, db):
    user = UserFactory(username="carla")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "una-clave-nueva-y-larga",
            "new_password2": "una-clave-nueva-y-larga",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("una-clave-nueva-y-larga")
