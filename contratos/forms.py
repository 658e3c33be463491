from django import forms
from django.core.exceptions import ValidationError

from reinsercion.forms import DateInput
from reinsercion.people.rut import normalize_rut

from .choices import ClauseSection
from .signatures import check_png, comparable_name, decode_data_url


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TemplateVersionForm(forms.Form):
    title = forms.CharField(label="Título del contrato", max_length=200)
    preamble = forms.CharField(
        label="Introducción",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Puede usar {beneficiario}, {rut}, {programa}, {institucion} y {comuna}.",
    )
    closing = forms.CharField(
        label="Cierre", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    change_note = forms.CharField(label="Qué cambia en esta versión", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in ClauseSection:
            self.fields[section.value] = forms.CharField(
                label=section.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="Una cláusula por línea.",
            )
        order = ["title", "preamble", *ClauseSection.values, "closing", "change_note"]
        self.order_fields(order)

    @staticmethod
    def initial_from(version) -> dict:
        initial = {
            "title": version.title,
            "preamble": version.preamble,
            "closing": version.closing,
        }
        for section in ClauseSection:
            initial[section.value] = "\n".join(version.clauses.get(section.value, []))
        return initial

    def clauses(self) -> dict:
        return {s: split_lines(self.cleaned_data.get(s, "")) for s in ClauseSection.values}


class PrepareContractForm(forms.Form):
    family_member_ids = forms.TypedMultipleChoiceField(
        label="Familiares que firman",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="El beneficiario/a firma siempre. Un menor de edad firma solo junto a un "
        "adulto responsable que también firme.",
    )
    particular_clauses = forms.CharField(
        label="Cláusulas particulares de este caso",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Opcional; una cláusula por línea.",
    )
    amendment_reason = forms.CharField(
        label="Motivo de la enmienda", widget=forms.Textarea(attrs={"rows": 3})
    )
    victim_confirmed = forms.BooleanField(
        label="Confirmo que la víctima del delito firmará el contrato como familiar.",
        required=False,
    )
    victim_reason = forms.CharField(
        label="Motivo para que firme la víctima",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatorio si elige como firmante a un familiar registrado como víctima.",
    )

    def __init__(self, *args, members, amending, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = []
        for m in members:
            label = f"{m.full_name} · {m.relationship}"
            label += f" · {m.age} años" if m.age is not None else " · sin fecha de nacimiento"
            if m.is_minor:
                label += " (menor de edad)"
            if m.is_victim:
                label += " — ATENCIÓN: víctima del delito"
            if not m.rut:
                label += " — falta RUT"
            choices.append((m.id, label))
        self.fields["family_member_ids"].choices = choices
        adults = [(m.id, m.full_name) for m in members if not m.is_minor and m.rut]
        for m in members:
            if m.is_minor:
                self.fields[f"responsible_{m.id}"] = forms.TypedChoiceField(
                    label=f"Adulto responsable que firma junto a {m.full_name}",
                    choices=[("", "—")] + adults,
                    coerce=int,
                    required=False,
                    empty_value=None,
                )
        if not amending:
            del self.fields["amendment_reason"]
        if not any(m.is_victim for m in members):
            del self.fields["victim_confirmed"], self.fields["victim_reason"]

    def clean(self):
        cleaned = super().clean()
        victims = {m.id: m for m in self.members if m.is_victim}
        chosen = [victims[i] for i in cleaned.get("family_member_ids") or [] if i in victims]
        if chosen:
            names = ", ".join(m.full_name for m in chosen)
            if not cleaned.get("victim_confirmed"):
                self.add_error(
                    "victim_confirmed",
                    f"{names} está registrado/a como víctima del delito: confirme "
                    "expresamente que firmará el contrato.",
                )
            if not (cleaned.get("victim_reason") or "").strip():
                self.add_error("victim_reason", "Indique el motivo para que firme la víctima.")
        return cleaned

    def responsible_adults(self) -> dict:
        return {
            m.id: self.cleaned_data.get(f"responsible_{m.id}")
            for m in self.members
            if m.is_minor and self.cleaned_data.get(f"responsible_{m.id}")
        }


# The signing wizard ----------------------------------------------------------------------
class ReviewForm(forms.Form):
    read = forms.BooleanField(
        label="Se leyó el texto completo junto a los firmantes y declaran entenderlo.",
        error_messages={"required": "Confirme que se leyó el texto con los firmantes."},
    )


class IdentityForm(forms.Form):
    """Each signer's name and RUT, read from their ID card; both must match the signer."""

    def __init__(self, *args, signers, **kwargs):
        super().__init__(*args, **kwargs)
        self.signers = signers
        for s in signers:
            self.fields[f"name_{s.pk}"] = forms.CharField(
                label=f"Nombre completo ({s.get_role_display().lower()})", max_length=200
            )
            self.fields[f"rut_{s.pk}"] = forms.CharField(
                label=f"RUT de {s.full_name}",
                max_length=14,
                help_text="Tal como aparece en su cédula de identidad.",
            )

    def clean(self):
        cleaned = super().clean()
        for s in self.signers:
            name_key, rut_key = f"name_{s.pk}", f"rut_{s.pk}"
            rut = cleaned.get(rut_key)
            if rut:
                try:
                    normalized = normalize_rut(rut)
                except ValidationError as e:
                    self.add_error(rut_key, e)
                else:
                    if normalized != s.rut:
                        self.add_error(
                            rut_key,
                            f"Este RUT no corresponde a {s.full_name}: verifique su cédula.",
                        )
                    else:
                        cleaned[rut_key] = normalized
            name = cleaned.get(name_key)
            if name and comparable_name(name) != comparable_name(s.full_name):
                self.add_error(
                    name_key, f"El nombre no coincide con el del firmante ({s.full_name})."
                )
        return cleaned

    def identities(self) -> dict:
        return {
            s.pk: (self.cleaned_data[f"name_{s.pk}"], self.cleaned_data[f"rut_{s.pk}"])
            for s in self.signers
        }


class SignatureForm(forms.Form):
    signature = forms.CharField(required=False, widget=forms.HiddenInput)
    use_typed = forms.BooleanField(
        label="No puede firmar en pantalla: firma escribiendo su nombre completo",
        required=False,
    )
    typed_name = forms.CharField(label="Nombre completo escrito por el firmante", required=False)

    def __init__(self, *args, signer, **kwargs):
        super().__init__(*args, **kwargs)
        self.signer = signer

    def clean(self):
        cleaned = super().clean()
        name = self.signer.full_name
        if cleaned.get("use_typed"):
            typed = (cleaned.get("typed_name") or "").strip()
            if not typed:
                self.add_error("typed_name", f"Escriba el nombre completo de {name}.")
            elif comparable_name(typed) != comparable_name(name):
                self.add_error("typed_name", f"El nombre escrito no coincide con «{name}».")
            cleaned["png"] = b""
            return cleaned
        try:
            png = decode_data_url(cleaned.get("signature", ""))
            if not png:
                raise ValidationError(
                    f"Falta la firma de {name}: debe firmar en el recuadro (o marque la opción "
                    "de nombre escrito).",
                    code="missing_signature",
                )
            png = check_png(png)  # re-encoded: nothing appended survives
        except ValidationError as e:
            self.add_error(None, e)
            return cleaned
        cleaned["png"] = png
        return cleaned

    def signature_data(self) -> dict:
        if self.cleaned_data.get("use_typed"):
            return {"typed_name": self.cleaned_data["typed_name"].strip()}
        return {"png": self.cleaned_data["png"]}


class ConfirmForm(forms.Form):
    place = forms.CharField(label="Lugar de la firma", max_length=120)
    confirm = forms.BooleanField(
        label="Confirmo que cada firmante firmó en mi presencia.",
        error_messages={"required": "Confirme que las firmas se hicieron en su presencia."},
    )


class BreachForm(forms.Form):
    occurred_on = forms.DateField(label="Fecha del incumplimiento", widget=DateInput())
    description = forms.CharField(label="Descripción", widget=forms.Textarea(attrs={"rows": 3}))


class EmailForm(forms.Form):
    signer = forms.TypedChoiceField(label="Firmante", coerce=int)
    email = forms.EmailField(label="Correo electrónico")

    def __init__(self, *args, signers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = [(s.pk, s.full_name) for s in signers]


class TemplateCreateForm(TemplateVersionForm):
    name = forms.CharField(label="Nombre de la plantilla", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["change_note"]
        self.order_fields(["name", "title", "preamble", *ClauseSection.values, "closing"])
