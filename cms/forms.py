"""The contact form: Wagtail's form builder plus two quiet spam checks.

- a honeypot field that people never see (hidden by CSS, skipped by screen readers) and bots
  tend to fill in;
- a signed time stamp of when the form was shown: a submission faster than a person can type,
  or older than a day, is refused.

Neither check needs a third-party service or JavaScript; both fields are removed from the
data before the submission is stored or e-mailed.
"""

import time

from django import forms
from django.core import signing

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "sitio_web"
TIMESTAMP_FIELD = "formulario_mostrado"
TIMESTAMP_SALT = "cms.contact.rendered_at"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 60 * 60


def sign_timestamp(at: float | None = None) -> str:
    return signing.dumps(at if at is not None else time.time(), salt=TIMESTAMP_SALT)


class SpamProtectedForm(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="No complete este campo",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=sign_timestamp
        )

    def visible_public_fields(self):
        return [f for f in self if f.name not in (HONEYPOT_FIELD, TIMESTAMP_FIELD)]

    def clean(self):
        cleaned = super().clean()
        refused = "No pudimos enviar su mensaje. Recargue la página e inténtelo nuevamente."
        if cleaned.pop(HONEYPOT_FIELD, ""):
            raise forms.ValidationError(refused, code="spam")
        try:
            shown_at = signing.loads(
                cleaned.pop(TIMESTAMP_FIELD, ""), salt=TIMESTAMP_SALT, max_age=MAX_SECONDS
            )
        except signing.BadSignature:
            raise forms.ValidationError(refused, code="spam") from None
        elapsed = time.time() - float(shown_at)
        if elapsed > MAX_SECONDS:
            raise forms.ValidationError(refused, code="stale")
        if elapsed < MIN_SECONDS:
            raise forms.ValidationError(
                "El formulario se envió demasiado rápido. Espere unos segundos y envíelo "
                "nuevamente.",
                code="too_fast",
            )
        return cleaned


class SpamProtectedFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (SpamProtectedForm,), self.formfields)
