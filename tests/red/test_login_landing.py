import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, username):
    return client.post(
        reverse("login"), {"username": username, "password": "clave-de-prueba-123"}, follow=True
    )


def test_the_web_editor_lands_in_the_wagtail_admin(client, editor):
    response = login(client, editor.username)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert response.status_code == 200


def test_a_team_member_lands_on_the_team_home(client, professional):
    response = login(client, professional.username)
    assert response.redirect_chain[-1][0] == reverse("team:home")
    assert response.status_code == 200
