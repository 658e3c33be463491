from django import forms

from reinsercion.assessment.rules.contact import ControlFrequency
from reinsercion.assessment.rules.levels import RiskLevel
from reinsercion.forms import DateInput
from reinsercion.reports.models import (
    CourtAnswer,
    MixedSentenceOutcome,
    ObjectiveResult,
    SentenceRequest,
)


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


class OpenEvaluationForm(forms.Form):
    received_on = forms.DateField(label="Ingreso del requerimiento al centro", widget=DateInput())
    papers_complete_on = forms.DateField(
        label="Antecedentes completos",
        required=False,
        widget=DateInput(),
        help_text="Acta de voluntad, certificación de revocabilidad e informe de conducta. "
        "Los 60 días corren desde esta fecha; déjela en blanco si falta alguno.",
    )


class PapersCompleteForm(forms.Form):
    on = forms.DateField(label="Antecedentes completos el", widget=DateInput())


class EvaluationReportForm(forms.Form):
    """Annex O (favourable, with its PII) or annex P (unfavourable, with the risk factors)."""

    outcome = forms.ChoiceField(
        label="Informe", choices=MixedSentenceOutcome.choices, widget=forms.RadioSelect
    )
    synthesis = forms.CharField(
        label="I. Síntesis criminológica",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    risk_level = forms.ChoiceField(
        label="II. Riesgo de reincidencia",
        required=False,
        choices=[("", "—")] + list(reversed(RiskLevel.choices)),
    )
    plan = forms.ModelChoiceField(
        label="PII que acompaña el informe (anexo O)",
        required=False,
        queryset=None,
        help_text="Obligatorio en un informe favorable.",
    )
    control_frequency = forms.ChoiceField(
        label="Frecuencia del control propuesta (anexo O)",
        required=False,
        choices=[("", "—")] + list(ControlFrequency.choices),
    )
    risk_factors = forms.CharField(
        label="Factores de riesgo según la evaluación efectuada (anexo P)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Uno por línea: «factor — observaciones».",
    )
    summary = forms.CharField(
        label="Beneficio de cumplir el saldo de la pena en libertad (anexo O) o razones por "
        "las que no se sugiere (anexo P)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = case.plans.order_by("-number")
        self.fields["plan"].label_from_instance = lambda p: (
            f"PII versión {p.number} · {p.get_status_display()}"
        )


class MixedSentenceAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Resolución del tribunal",
        choices=[(CourtAnswer.GRANTED, "Otorgó la pena mixta"), (CourtAnswer.REFUSED, "La denegó")],
    )
    answered_on = forms.DateField(label="Fecha de la resolución", widget=DateInput())
