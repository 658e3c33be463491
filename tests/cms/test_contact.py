import time

import pytest

from django.core import mail

from wagtail.contrib.forms.models import FormSubmission

from cms.forms import HONEYPOT_FIELD, TIMESTAMP_FIELD, sign_timestamp
from tests.accessibility import accessibility_problems

URL = "/contacto/"


def message(**overrides):
    data = {
        "nombre": "Rosa Alarcón",
        "correo_electronico": "rosa@example.org",
        "telefono": "",
        "motivo": "Ofrecer una oportunidad laboral",
        "mensaje": "Tenemos dos puestos de ayudante de bodega.",
        HONEYPOT_FIELD: "",
        TIMESTAMP_FIELD: sign_timestamp(time.time() - 30),
    }
    data.update(overrides)
    return data


def test_contact_form_renders_with_the_hidden_checks(client, site_tree):
    html = client.get(URL).content.decode()
    assert 'name="mensaje"' in html and "(obligatorio)" in html
    assert f'name="{HONEYPOT_FIELD}"' in html and 'class="hp-field" aria-hidden="true"' in html
    assert f'name="{TIMESTAMP_FIELD}"' in html


def test_a_message_is_stored_and_emailed_without_the_spam_fields(client, site_tree):
    # when a person sends a message
    response = client.post(URL, message())
    # then they see the thanks, the submission is stored and the team is e-mailed
    assert response.status_code == 200
    assert "Mensaje recibido" in response.content.decode()
    submission = FormSubmission.objects.get()
    assert submission.get_data()["mensaje"] == "Tenemos dos puestos de ayudante de bodega."
    assert HONEYPOT_FIELD not in submission.form_data
    assert TIMESTAMP_FIELD not in submission.form_data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reinsercion@demo.reinsercion.local"]
    assert "ayudante de bodega" in mail.outbox[0].body
    assert HONEYPOT_FIELD not in mail.outbox[0].body


@pytest.mark.parametrize(
    "overrides, error",
    [
        (lambda: {HONEYPOT_FIELD: "http://spam.example"}, "No pudimos enviar su mensaje"),
        (lambda: {TIMESTAMP_FIELD: sign_timestamp()}, "demasiado rápido"),
        (lambda: {TIMESTAMP_FIELD: "forjado"}, "No pudimos enviar su mensaje"),
        (lambda: {TIMESTAMP_FIELD: sign_timestamp(time.time() - 3 * 24 * 3600)}, "No pudimos"),
    ],
    ids=["honeypot", "too-fast", "forged", "stale"],
)
def test_spam_is_refused_and_the_form_comes_back_filled(client, site_tree, overrides, error):
    response = client.post(URL, message(**overrides()))
    html = response.content.decode()
    assert error in html
    assert "Tenemos dos puestos de ayudante de bodega." in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_required_fields_are_explained_in_spanish(client, site_tree):
    response = client.post(URL, message(mensaje="", correo_electronico="no-es-correo"))
    html = response.content.decode()
    assert "Este campo es necesario." in html
    assert "Introduzca una dirección de correo electrónico válida." in html
    assert not FormSubmission.objects.exists()


def test_the_contact_form_describes_its_fields_with_help_text_that_exists(client, site_tree):
    # when
    html = client.get(URL).content.decode()
    # then
    assert "aria-describedby" in html
    assert accessibility_problems(html) == []
