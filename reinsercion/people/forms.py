from django import forms
from django.urls import reverse
from django.utils.html import format_html

from reinsercion.forms import PHONE_ERRORS, DateInput
from reinsercion.people.models import Comuna, Person
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
            "home_comuna",
            "address",
            "phone",
        ]
        widgets = {"birth_date": DateInput()}
        error_messages = {"phone": PHONE_ERRORS}
        labels = {"home_comuna": "Comuna"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["home_comuna"]
        field.queryset = Comuna.objects.select_related("region")
        field.label_from_instance = lambda c: f"{c.name} ({c.region.short_name})"
        field.help_text = "Del listado oficial de las 346 comunas de Chile."
        if self.instance.pk and self.instance.comuna_outside_list:
            field.help_text = (
                f"Registrada antes como «{self.instance.comuna}», que no está en el listado "
                "oficial: elija la comuna."
            )

    def clean_rut(self):
        rut = normalize_rut(self.cleaned_data["rut"])
        existing = Person.objects.filter(rut=rut).exclude(pk=self.instance.pk).first()
        if existing is None:
            return rut
        if self.user is not None and existing.is_visible_to(self.user):
            raise forms.ValidationError(
                format_html(
                    'Ya existe una persona con el RUT {}: <a href="{}">{}</a>.',
                    existing.rut_display,
                    reverse("team:person_detail", args=[existing.pk]),
                    existing.full_name,
                ),
                code="duplicate_rut",
            )
        # Followed only by programs the user does not work in: neither name nor link.
        raise forms.ValidationError(
            "Ya existe una persona con el RUT %(rut)s, con un caso en un programa al que "
            "usted no tiene acceso. Si la persona ingresa también a su programa, "
            "coordínelo con ese programa.",
            code="duplicate_rut",
            params={"rut": existing.rut_display},
        )

    def validate_unique(self):
        # clean_rut already answers duplicates with a link to the existing person.
        exclude = self._get_validation_exclusions()
        exclude.add("rut")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as e:
            self._update_errors(e)
