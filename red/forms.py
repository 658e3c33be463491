from django import forms
from django.utils import timezone

from reinsercion.documents.models import CaseDocument

from .choices import CostReduction, OutcomeKind, SharedField, Status
from .models import Institution, Referral
from .workflow import PARTNER, allowed_moves

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd-mm-aaaa"}, format="%d-%m-%Y")


class ReferralForm(forms.ModelForm):
    shared_fields = forms.MultipleChoiceField(
        label="Datos del caso que se comparten",
        choices=SharedField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="El nombre de la persona siempre se comparte. Marque solo lo que la "
        "institución necesita para atender la solicitud; nada más del caso sale del equipo.",
    )

    shared_documents = forms.ModelMultipleChoiceField(
        label="Documentos del caso que se comparten",
        queryset=CaseDocument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="La institución solo puede descargar los documentos marcados.",
    )

    class Meta:
        model = Referral
        fields = [
            "institution",
            "purpose",
            "purpose_detail",
            "shared_fields",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"purpose_detail": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        case = case or (self.instance.case if self.instance.pk else None)
        documents = self.fields["shared_documents"]
        documents.queryset = CaseDocument.objects.filter(case=case).select_related("document_type")
        documents.label_from_instance = lambda d: (
            f"{d.document_type} del {d.document_date:%d-%m-%Y}"
            + (f" · {d.description}" if d.description else "")
        )
        if self.instance.pk:
            documents.initial = list(self.instance.shared_documents.values_list("pk", flat=True))
        self.order_fields([*self.Meta.fields[:4], "shared_documents"])
        self.fields["institution"].queryset = Institution.objects.filter(is_active=True)
        self.fields["institution"].label_from_instance = lambda i: (
            f"{i.name} · responde en {i.response_hours} h"
        )


class ConsentForm(forms.Form):
    on_date = forms.DateField(
        label="Fecha en que la persona firmó", widget=DATE_WIDGET, initial=timezone.localdate
    )
    confirm = forms.BooleanField(
        label="La persona firmó el formulario de derivación y acepta ser derivada (es voluntario).",
        required=True,
        error_messages={"required": "Confirme que la persona firmó el formulario."},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Mensaje",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Escriba el mensaje."},
    )


class PartnerMoveForm(forms.Form):
    to_status = forms.ChoiceField(label="Nuevo estado", widget=forms.RadioSelect)
    note = forms.CharField(
        label="Observación para el/la profesional",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    rejection_reason = forms.CharField(
        label="Motivo del rechazo (obligatorio si rechaza)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        moves = allowed_moves(referral.status, PARTNER)
        if referral.status == Status.SENT:
            # Answering also acknowledges reception (red.actions.move_referral).
            moves += allowed_moves(Status.RECEIVED, PARTNER)
        labels = {Status.RECEIVED: "Recibida (acusar recibo; responder después)"}
        self.fields["to_status"].choices = [(m, labels.get(m, Status(m).label)) for m in moves]
        self.fields["to_status"].error_messages["required"] = "Elija el nuevo estado."
        if Status.REJECTED not in moves:
            del self.fields["rejection_reason"]

    def clean(self):
        data = super().clean()
        if (
            data.get("to_status") == Status.REJECTED
            and not data.get("rejection_reason", "").strip()
        ):
            self.add_error("rejection_reason", "Indique el motivo del rechazo.")
        return data


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Avance",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Escriba el avance."},
    )

    def __init__(self, *args, **kwargs):
        # Shown on the referral page next to the move form, which also has a ``note``.
        kwargs.setdefault("auto_id", "id_progress_%s")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    outcome_kind = forms.ChoiceField(
        label="Resultado",
        choices=[("", "Elija el resultado"), *OutcomeKind.choices],
        error_messages={"required": "Elija el resultado."},
    )
    outcome_on = forms.DateField(
        label="Fecha del resultado", widget=DATE_WIDGET, initial=timezone.localdate
    )
    employer = forms.CharField(
        label="Empleador/a", required=False, help_text="Obligatorio si fue contratado/a."
    )
    job_start_on = forms.DateField(
        label="Fecha de inicio del trabajo",
        required=False,
        widget=DATE_WIDGET,
        help_text="Obligatoria si fue contratado/a.",
    )
    cost_reduction = forms.TypedChoiceField(
        label="Rebaja de costo de la capacitación (OTEC)",
        choices=[("", "No aplica"), *CostReduction.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Según informe social.",
    )
    notes = forms.CharField(
        label="Detalle", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AnswerElsewhereForm(PartnerMoveForm):
    """The team records an answer the institution gave outside the portal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = "Cómo y quién respondió"
        self.fields["note"].required = True
        self.fields["note"].error_messages["required"] = (
            "Indique cómo y quién de la institución respondió."
        )
        self.fields["note"].help_text = "Por ejemplo: «Llamado de la encargada, Sra. Rojas»."
