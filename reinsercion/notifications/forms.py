from django import forms

from reinsercion.notifications.choices import EmailFrequency


class EmailFrequencyForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label="Recibir los avisos por correo",
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text="Los correos no incluyen nombres ni RUT: solo qué pasó y un enlace.",
    )
