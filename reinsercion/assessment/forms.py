from django import forms
from django.utils import timezone

from reinsercion.assessment.actions import plain_number
from reinsercion.assessment.models import AssessmentReason
from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel
from reinsercion.forms import DateInput

BLANK = [("", "---------")]


class DomainScoresForm(forms.Form):
    """Step 1: date, reason and each domain's score (and need level from the paper sheet
    where the institution has not configured cut-offs)."""

    assessed_on = forms.DateField(label="Fecha de evaluación", widget=DateInput())
    reason = forms.ChoiceField(label="Motivo", choices=AssessmentReason.choices)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["assessed_on"].initial = timezone.localdate()
        self.domain_rows = []
        for domain in version.domains.all():
            score_name = f"score_{domain.pk}"
            bounds = (
                f"{plain_number(domain.min_score)}–{plain_number(domain.max_score)}"
                if domain.max_score is not None
                else f"desde {plain_number(domain.min_score)}"
            )
            self.fields[score_name] = forms.DecimalField(
                label=domain.name,
                min_value=domain.min_score,
                max_value=domain.max_score,
                decimal_places=2,
                help_text=domain.help_text or f"Puntaje {bounds}.",
            )
            need_name = ""
            if not domain.is_static and not domain.need_cutoffs_configured:
                need_name = f"need_{domain.pk}"
                self.fields[need_name] = forms.ChoiceField(
                    label=f"Necesidad en «{domain.name}» (hoja de puntuación)",
                    choices=BLANK + list(NeedLevel.choices),
                )
            self.domain_rows.append((domain, score_name, need_name))
        if version.gives_risk_level and not version.risk_cutoffs_configured:
            self.fields["paper_level"] = forms.ChoiceField(
                label="Nivel de riesgo según la hoja de puntuación",
                choices=BLANK + list(RiskLevel.choices),
                help_text="Los puntos de corte de esta versión están a configurar por la "
                "institución: registre el nivel que obtuvo en papel.",
            )

    def bound_rows(self):
        """(domain, score field, need field or None) for the table of the template."""
        return [
            (domain, self[score], self[need] if need else None)
            for domain, score, need in self.domain_rows
        ]

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("La fecha de evaluación no puede estar en el futuro.")
        return value

    def scores(self):
        return {d.pk: self.cleaned_data.get(s) for d, s, _ in self.domain_rows}

    def paper_needs(self):
        return {d.pk: self.cleaned_data.get(n) for d, _, n in self.domain_rows if n}


class ProtectiveFactorsForm(forms.Form):
    protective_factors = forms.CharField(
        label="Factores protectores",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Fortalezas y recursos que pueden moderar las necesidades identificadas.",
    )
    significant_other = forms.CharField(
        label="Referente significativo",
        required=False,
        max_length=200,
        help_text="Persona adulta que apoya y ayuda a controlar el proceso (nombre y vínculo). "
        "Nunca una persona menor de edad, un par antisocial ni la víctima.",
    )
    notes = forms.CharField(
        label="Observaciones", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    override_level = forms.ChoiceField(
        label="Modificar el nivel de riesgo (opcional)",
        required=False,
        choices=[("", "No modificar: usar el nivel obtenido")] + list(RiskLevel.choices),
        help_text="Excepcional: las normas esperan que no supere el 10 % de los casos.",
    )
    override_reason = forms.CharField(
        label="Justificación de la modificación",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, allows_override=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allows_override:
            del self.fields["override_level"]
            del self.fields["override_reason"]

    def clean(self):
        data = super().clean()
        if data.get("override_level") and not (data.get("override_reason") or "").strip():
            self.add_error(
                "override_reason",
                "Modificar el nivel calculado requiere una justificación escrita.",
            )
        return data
