from django import forms

from reinsercion.forms import DateInput
from reinsercion.reports.models import CourtAnswer, ObjectiveResult, SentenceRequest


class StartReportForm(forms.Form):
    due_on = forms.DateField(label="Vencimiento del informe", widget=DateInput())


class ReportForm(forms.Form):
    """The draft's sections, with one result, reason and description per plan objective."""

    attendance = forms.CharField(
        label="Asistencia y cumplimiento del contacto",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_period = forms.CharField(
        label="Áreas a abordar el próximo periodo",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    requests_to_court = forms.CharField(
        label="Solicitud al tribunal", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i, row in enumerate(rows):
            self.fields[f"result_{i}"] = forms.ChoiceField(
                label=f"Objetivo {i + 1}: {row['objective'][:80]}",
                choices=ObjectiveResult.choices,
                initial=row["result"],
            )
            self.fields[f"reason_{i}"] = forms.CharField(
                label="Motivo del no cumplimiento",
                required=False,
                initial=row["reason"],
            )
            self.fields[f"description_{i}"] = forms.CharField(
                label="Descripción",
                required=False,
                initial=row["description"],
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def objectives(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "result": data[f"result_{i}"],
                "reason": data[f"reason_{i}"],
                "description": data[f"description_{i}"],
            }
            for i in range(len(self.rows))
        ]


class ReturnReportForm(forms.Form):
    comment = forms.CharField(
        label="Observaciones para quien lo redactó", widget=forms.Textarea(attrs={"rows": 3})
    )


class SentenceRequestForm(forms.ModelForm):
    class Meta:
        model = SentenceRequest
        fields = ["kind", "substitute_with", "requested_on", "grounds"]
        widgets = {"requested_on": DateInput(), "grounds": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self):
        pass


class CourtAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Respuesta del tribunal",
        choices=[(CourtAnswer.GRANTED, "Acogida"), (CourtAnswer.REFUSED, "Rechazada")],
    )
    answered_on = forms.DateField(label="Fecha de la respuesta", widget=DateInput())
    note = forms.CharField(label="Observaciones", required=False)
