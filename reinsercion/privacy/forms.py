from django import forms

from reinsercion.forms import DateInput
from reinsercion.privacy.models import DataSubjectRequest


class RequestForm(forms.ModelForm):
    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "received_on", "details"]
        widgets = {"received_on": DateInput(), "details": forms.Textarea(attrs={"rows": 4})}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Respuesta", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
