from django import forms

from reinsercion.forms import DateInput
from reinsercion.programs.models import Cohort


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["year", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def _post_clean(self):
        pass
