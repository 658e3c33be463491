from django import forms

from reinsercion.cases.models import Case
from reinsercion.forms import PHONE_ERRORS, DateInput
from reinsercion.people.rut import normalize_rut

from .choices import Ambit, InterventionKind, ProblemKind
from .models import FamilyMember


class MemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = [
            "first_names",
            "last_names",
            "rut",
            "sex",
            "relationship",
            "birth_date",
            "phone",
            "email",
            "address",
            "lives_with_beneficiary",
            "indirect_beneficiary",
            "is_victim",
            "is_antisocial_peer",
            "denies_offence",
            "notes",
        ]
        widgets = {"birth_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"phone": PHONE_ERRORS}

    def clean_rut(self):
        value = self.cleaned_data.get("rut", "")
        return normalize_rut(value) if value else ""


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        age = obj.current_age
        return f"{obj.full_name} · {obj.get_relationship_display()}" + (
            f" · {age} años" if age is not None else " · edad no registrada"
        )


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.get_relationship_display()})"


class ReferentForm(forms.Form):
    member = MemberChoiceField(
        queryset=FamilyMember.objects.none(),
        label="Persona",
        help_text="Un adulto que apoye el proceso y pueda ser figura de control. No puede ser "
        "menor de edad, la víctima, un par antisocial ni alguien que niegue el delito o su daño.",
    )
    started_on = forms.DateField(label="Desde", widget=DateInput())
    reason = forms.CharField(
        label="Motivo de la designación", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class EndReferentForm(forms.Form):
    ended_on = forms.DateField(label="Hasta", widget=DateInput())
    reason = forms.CharField(label="Motivo del término", widget=forms.Textarea(attrs={"rows": 2}))


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(label="Problemática", choices=ProblemKind.choices)
    identified_on = forms.DateField(label="Fecha de identificación", widget=DateInput())
    description = forms.CharField(
        label="Descripción", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        cohort = f" · {obj.cohort}" if obj.cohort_id else ""
        return f"{obj.person.full_name}{cohort}"


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label="Tipo de intervención", choices=InterventionKind.choices)
    held_on = forms.DateField(label="Fecha", widget=DateInput())
    ambit = forms.ChoiceField(label="Ámbito", choices=Ambit.choices)
    attendees = MemberMultipleChoiceField(
        queryset=FamilyMember.objects.none(),
        label="Asistentes de la familia",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    beneficiary_attended = forms.BooleanField(label="Participó el beneficiario/a", required=False)
    notes = forms.CharField(
        label="Observaciones", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    topic = forms.CharField(
        label="Tema de la charla", required=False, help_text="Solo para charlas informativas."
    )
    place = forms.CharField(label="Lugar", required=False)
    other_cases = CaseChoiceField(
        queryset=Case.objects.none(),
        label="Otras familias que asistieron a la charla",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="La charla queda registrada también en esos casos; sus asistentes se marcan "
        "después en cada caso.",
    )

    def __init__(self, *args, members, other_cases=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        if editing:
            for name in ("kind", "topic", "place", "other_cases"):
                del self.fields[name]
        elif other_cases is not None and other_cases.exists():
            self.fields["other_cases"].queryset = other_cases
        else:
            del self.fields["other_cases"]
