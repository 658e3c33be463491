from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Planilla (.xlsx o .csv)",
        help_text="Una fila por persona, con los encabezados de la planilla modelo.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
