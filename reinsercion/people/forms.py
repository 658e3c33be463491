from django import forms
from django.urls import reverse
from django.utils.html import format_html

from reinsercion.forms import PHONE_ERRORS, DateInput
from reinsercion.people.models import Person
from reinsercion.people.rut import normalize_rut


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "rut",
            "first_names",
            "last_names",
            "birth_date",
            "sex",
            "nationality",
            "comuna",
            "address",
            "phone",
        ]
        widgets = {"birth_date": DateInput()}
        error_messages = {"phone": PHONE_ERRORS}

    def clean_rut(self):
        rut = normalize_rut(self.cleaned_data["rut"])
        existing = Person.objects.filter(rut=rut).exclude(pk=self.instance.pk).first()
        if existing:
            raise forms.ValidationError(
                format_html(
                    'Ya existe una persona con el RUT {}: <a href="{}">{}</a>.',
                    existing.rut_display,
                    reverse("team:person_detail", args=[existing.pk]),
                    existing.full_name,
                ),
                code="duplicate_rut",
            )
        return rut

    def validate_unique(self):
        # clean_rut already answers duplicates with a link to the existing person.
        exclude = self._get_validation_exclusions()
        exclude.add("rut")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as e:
            self._update_errors(e)
