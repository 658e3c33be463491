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
    session = forms.ModelChoiceField(
        label="Sesión (opcional)",
        queryset=None,
        required=False,
        empty_label="— Ninguna —",
        help_text="La sesión o actividad del caso a la que corresponde el documento.",
    )
    report = forms.ModelChoiceField(
        label="Informe (opcional)",
        queryset=None,
        required=False,
        empty_label="— Ninguno —",
        help_text="El informe de seguimiento del caso al que se adjunta.",
    )
    upload = forms.FileField(
        label="Archivo",
        error_messages={
            "required": "Elija el archivo que va a subir.",
            "empty": "El archivo está vacío.",
        },
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # The case's own sessions and reports, reached through the relations.
        self.fields["session"].queryset = case.activity_records.order_by("-occurred_at")
        self.fields["report"].queryset = case.follow_up_reports.order_by("-pk")
        self.fields["upload"].help_text = f"Tipos permitidos: {allowed_extensions_display()}."
        self.fields["upload"].widget.attrs["accept"] = ",".join(
            f".{e}" for e in sorted(allowed_types())
        )
