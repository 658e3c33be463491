"""Form helpers shared by every component of the case module."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

# A Chilean example in the refusal of a phone number (the library's own example is a 600 line).
PHONE_ERRORS = {"invalid": "Ingrese un número de teléfono válido (ej.: 9 8765 4321)."}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def apply_validation_error(form, error: ValidationError):
    """Show an action's ValidationError next to the matching form fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SuggestInput(forms.TextInput):
    """A text filter that suggests values as the user types (static/js/suggest.js fills a
    ``<datalist>`` from ``url``). Without JavaScript it is a plain text filter, so a list
    that grows with the data (professionals, generations) is never sent whole."""

    def __init__(self, url, attrs=None):
        self.url = url
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-options"
        widget_attrs["data-suggest"] = str(self.url)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-options"
        return html + format_html('<datalist id="{}"></datalist>', list_id)
