from django import forms
from django.utils import timezone

from contratos.forms import SignatureForm
from red.choices import SharedField
from reinsercion.forms import DateInput

from .choices import Answer, ReportKind, RequestStatus
from .models import InterventionProgram


class RequestForm(forms.Form):
    program = forms.ModelChoiceField(label="Programa", queryset=InterventionProgram.objects.none())
    objective = forms.ModelChoiceField(label="Objetivo del plan", queryset=None)
    reason = forms.CharField(
        label="Motivo de la solicitud",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lo que se espera del programa. Lo leerá quien responde.",
    )
    shared_fields = forms.MultipleChoiceField(
        label="Datos del caso que se comparten",
        choices=SharedField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="El nombre de la persona siempre se comparte; nada más del caso sale del equipo.",
    )

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = InterventionProgram.objects.filter(
            is_active=True
        ).select_related("institution", "owner_program")
        self.fields["program"].label_from_instance = lambda p: (
            f"{p.name} · {p.owner_label} · {p.slots} cupos · {p.get_ambit_display()}"
        )
        self.fields["objective"].queryset = objectives
        self.fields["objective"].label_from_instance = lambda o: (
            f"{o.sort_order}. {o.area_name}: {o.objective[:80]}"
        )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label="Respuesta", choices=Answer.choices, widget=forms.RadioSelect)
    start_on = forms.DateField(label="Fecha de inicio", required=False, widget=DateInput())
    refusal_reason = forms.CharField(
        label="Motivo del rechazo", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(
        label="Observación", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        if request.status == RequestStatus.OFFERED:
            # An offer of a freed slot is confirmed or refused, not put on the list again.
            self.fields["answer"].choices = [
                c for c in Answer.choices if c[0] != Answer.WAITING_LIST
            ]


class EndForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Término de la participación",
        choices=[
            (RequestStatus.COMPLETED, "Finalizó el programa"),
            (RequestStatus.DROPPED_OUT, "Abandonó el programa"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Observación", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Motivo", widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label="Informe", choices=ReportKind.choices, widget=forms.RadioSelect)
    contents = forms.CharField(
        label="Contenidos u objetivos abordados y grado de logro",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Uno por línea, con «logrado», «parcialmente logrado» o «no logrado».",
    )
    progress = forms.CharField(
        label="Descripción de lo logrado y no logrado", widget=forms.Textarea(attrs={"rows": 3})
    )
    to_strengthen = forms.CharField(
        label="Aspectos a fortalecer en sesión individual o grupal",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    suggestions = forms.CharField(
        label="Sugerencias y conclusiones",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsentForm(SignatureForm):
    """Annex C signed on the device: the contract's signature step (pad, typed fallback)
    plus the identity read from the ID card and the annex's own answers."""

    name = forms.CharField(label="Nombre completo (según cédula de identidad)", max_length=200)
    rut = forms.CharField(label="RUT (según cédula de identidad)", max_length=12)
    conditions = forms.CharField(
        label="Condiciones informadas: número de sesiones, horario y lugar",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recording_allowed = forms.BooleanField(
        label="Acepta que algunas actividades se graben, resguardando su identidad",
        required=False,
    )
    contact_name = forms.CharField(label="Persona de contacto: nombre", required=False)
    contact_phone = forms.CharField(label="Persona de contacto: teléfono", required=False)
    contact_address = forms.CharField(label="Persona de contacto: dirección", required=False)
    contact_relationship = forms.CharField(label="Persona de contacto: relación", required=False)
    place = forms.CharField(label="Lugar de la firma", max_length=120)
    confirm = forms.BooleanField(
        label="Confirmo que la persona leyó el consentimiento y firmó en mi presencia.",
        error_messages={"required": "Confirme que la firma se hizo en su presencia."},
    )

    field_order = [
        "name",
        "rut",
        "conditions",
        "recording_allowed",
        "contact_name",
        "contact_phone",
        "contact_address",
        "contact_relationship",
        "signature",
        "use_typed",
        "typed_name",
        "place",
        "confirm",
    ]


class StartForm(forms.Form):
    on_date = forms.DateField(
        label="Fecha de la primera sesión", widget=DateInput(), initial=timezone.localdate
    )


PRESENT, JUSTIFIED, ABSENT = "present", "justified", "absent"


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Fecha", widget=DateInput(), initial=timezone.localdate)
    topic = forms.CharField(label="Tema de la sesión", max_length=200)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for request in self.participants:
            self.fields[f"p_{request.pk}"] = forms.ChoiceField(
                label=request.case.person.full_name,
                choices=[
                    (PRESENT, "Asistió"),
                    (JUSTIFIED, "No asistió (justificada)"),
                    (ABSENT, "No asistió"),
                ],
                initial=PRESENT,
                widget=forms.RadioSelect,
            )

    def attendance(self) -> dict:
        return {
            r.pk: (
                self.cleaned_data[f"p_{r.pk}"] == PRESENT,
                self.cleaned_data[f"p_{r.pk}"] == JUSTIFIED,
            )
            for r in self.participants
        }
