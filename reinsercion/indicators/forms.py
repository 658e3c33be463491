import datetime

from django import forms

from reinsercion.indicators.periods import MONTHS, Period, PeriodKind, default_period


class PeriodForm(forms.Form):
    """Choose the period: a month, a quarter, a year or a range (GET parameters)."""

    periodo = forms.ChoiceField(label="Periodo", choices=PeriodKind.choices, required=False)
    anio = forms.IntegerField(label="Año", min_value=2000, max_value=2100, required=False)
    mes = forms.TypedChoiceField(
        label="Mes",
        choices=[(i, m.capitalize()) for i, m in enumerate(MONTHS, start=1)],
        coerce=int,
        required=False,
    )
    trimestre = forms.TypedChoiceField(
        label="Trimestre",
        choices=[(q, f"{q}.º trimestre") for q in range(1, 5)],
        coerce=int,
        required=False,
    )
    desde = forms.DateField(
        label="Desde", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label="Hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        self.today = today
        kwargs.setdefault(
            "initial",
            {
                "periodo": PeriodKind.YEAR,
                "anio": today.year,
                "mes": today.month,
                "trimestre": (today.month - 1) // 3 + 1,
            },
        )
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("periodo") == PeriodKind.RANGE:
            start, end = cleaned.get("desde"), cleaned.get("hasta")
            if not start or not end:
                raise forms.ValidationError("Indique las fechas desde y hasta del rango.")
            if end < start:
                self.add_error("hasta", "La fecha final no puede ser anterior a la inicial.")
        return cleaned

    def period(self) -> Period:
        """The chosen period; the current year when nothing (valid) was chosen."""
        if not self.is_bound or not self.is_valid():
            return default_period(self.today)
        data = self.cleaned_data
        year = data.get("anio") or self.today.year
        kind = data.get("periodo") or PeriodKind.YEAR
        if kind == PeriodKind.MONTH:
            return Period.month(year, data.get("mes") or self.today.month)
        if kind == PeriodKind.QUARTER:
            return Period.quarter(year, data.get("trimestre") or (self.today.month - 1) // 3 + 1)
        if kind == PeriodKind.RANGE:
            return Period.range(data["desde"], data["hasta"])
        return Period.year(year)
