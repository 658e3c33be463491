from django import forms

from reinsercion.forms import DateInput

from .models import DocumentType
from .validation import allowed_extensions_display, allowed_types


class DocumentForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label="Tipo de documento",
        queryset=DocumentType.objects.filter(is_active=True),
        empty_label="—",
    )
    document_date = forms.DateField(label="Fecha del documento", widget=DateInput())
    description = forms.CharField(label="Descripción", max_length=300, required=False)
    upload = forms.FileField(
        label="Archivo",
        error_messages={
            "required": "Elija el archivo que va a subir.",
            "empty": "El archivo está vacío.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = f"Tipos permitidos: {allowed_extensions_display()}."
        self.fields["upload"].widget.attrs["accept"] = ",".join(
            f".{e}" for e in sorted(allowed_types())
        )
