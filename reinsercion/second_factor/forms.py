from django import forms
from django.conf import settings


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Código",
        max_length=16,
        help_text="Los 6 dígitos de su aplicación de autenticación, o un código de recuperación.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()


class VerifyForm(CodeForm):
    remember = forms.BooleanField(
        label="Recordar este dispositivo",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remember"].help_text = (
            "No vuelve a pedir el código en este navegador durante "
            f"{settings.MFA_REMEMBER_DAYS} días. No lo marque en un computador compartido."
        )


class EnrolForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "Los 6 dígitos que muestra ahora la aplicación."
