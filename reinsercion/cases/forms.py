from django import forms

from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.cases.models import Case, TransferKind
from reinsercion.forms import DateInput, DateTimeInput
from reinsercion.programs.models import Cohort, Program, User


class ProfessionalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


# The intake timeline (LV norms 2.1, 3.3), for the programs with court data.
INTAKE_FIELDS = [
    "sentence_copy_received_at",
    "delegado_assigned_at",
    "presented_on",
    "plan_hearing_on",
    "hearing_requested_at",
    "non_presentation_reported_on",
]


class CaseForm(forms.ModelForm):
    professionals = ProfessionalChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Profesionales asignados/as",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Case
        fields = [
            "cohort",
            "opened_on",
            "professionals",
            "court",
            "rit",
            "ruc",
            "offence",
            "sentence_years",
            "sentence_days",
            "sentence_final_on",
            "sentence_starts_on",
            "sentence_ends_on",
            "expected_release_on",
            "drug_treatment_condition",
            "region",
            *INTAKE_FIELDS,
            "intake_meeting_on",
        ]
        widgets = {
            **{
                f: DateInput()
                for f in [
                    "opened_on",
                    "sentence_final_on",
                    "sentence_starts_on",
                    "sentence_ends_on",
                    "expected_release_on",
                    "intake_meeting_on",
                    "presented_on",
                    "plan_hearing_on",
                    "non_presentation_reported_on",
                ]
            },
            **{
                f: DateTimeInput()
                for f in [
                    "sentence_copy_received_at",
                    "delegado_assigned_at",
                    "hearing_requested_at",
                ]
            },
        }

    def __init__(self, *args, program: Program, can_assign: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["professionals"].queryset = (
            User.objects.filter(
                memberships__program=program, memberships__role="professional", is_active=True
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        if not can_assign:
            self.fields["professionals"].disabled = True
        if program.uses_cohorts:
            # Closed generations take no new members; a case keeps the one it already has.
            cohorts = Cohort.objects.filter(program=program).open()
            if self.instance.cohort_id:
                cohorts = cohorts | Cohort.objects.filter(pk=self.instance.cohort_id)
            self.fields["cohort"].queryset = cohorts
            self.fields["cohort"].required = True
        else:
            del self.fields["cohort"]
        if not program.requires_court_data:
            # A program without court data (OPV) still records the offence, the sentence and
            # the expected release date, which its plan prints.
            for name in [
                "court",
                "rit",
                "ruc",
                "sentence_final_on",
                "sentence_starts_on",
                "sentence_ends_on",
                "drug_treatment_condition",
                "intake_meeting_on",
                "region",
                *INTAKE_FIELDS,
            ]:
                del self.fields[name]
        else:
            del self.fields["expected_release_on"]
            for name in ["court", "offence", "sentence_final_on"]:
                self.fields[name].required = True

    def _post_clean(self):
        # The model is validated by the action, which also checks capacity and permissions.
        pass


class NewCaseProgramForm(forms.Form):
    programa = forms.ModelChoiceField(
        queryset=Program.objects.none(), label="Programa", to_field_name="code"
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programa"].queryset = programs


# What a phase move records only when it closes the case (the program's terminal phase).
EXIT_FIELDS = {
    "summary": "",
    "exit_type": "",
    "outcome": "",
    "recidivism_offence": "",
    "recidivism_on": None,
    "labour_outcome": "",
}


class PhaseMoveForm(forms.Form):
    to_phase = forms.ChoiceField(label="Nueva fase")
    on_date = forms.DateField(label="Fecha del cambio", widget=DateInput())
    note = forms.CharField(
        label="Observación", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label="Resumen del caso",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Obligatorio al cerrar o egresar el caso.",
    )
    exit_type = forms.ChoiceField(
        label="Tipo de egreso", required=False, choices=[("", "—")] + ExitType.choices
    )
    outcome = forms.ChoiceField(
        label="Resultado del seguimiento", required=False, choices=[("", "—")] + Outcome.choices
    )
    recidivism_offence = forms.CharField(label="Delito de reincidencia", required=False)
    recidivism_on = forms.DateField(
        label="Fecha de reincidencia", required=False, widget=DateInput()
    )
    labour_outcome = forms.ChoiceField(
        label="Situación laboral", required=False, choices=[("", "—")] + LabourOutcome.choices
    )

    def __init__(
        self,
        *args,
        moves: list[tuple[str, str]],
        terminal_phase: str,
        exit_types: list[str] | None = None,
        closing_fields: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = moves
        if exit_types is not None:
            self.fields["exit_type"].choices = [("", "—")] + [
                (value, label) for value, label in ExitType.choices if value in exit_types
            ]
        self.terminal_phase = terminal_phase
        # Other apps' questions on closing (``extensions.closing_fields``), with the exit fields.
        self.closing_names = list(closing_fields or {})
        self.fields.update(closing_fields or {})

    def _exit_names(self) -> set[str]:
        return {*EXIT_FIELDS, *self.closing_names}

    def move_fields(self):
        return [f for f in self.visible_fields() if f.name not in self._exit_names()]

    def exit_fields(self):
        return [f for f in self.visible_fields() if f.name in self._exit_names()]

    def closing_answers(self) -> dict:
        """The answers to the other apps' closing questions, by field name."""
        return {name: self.cleaned_data.get(name) for name in self.closing_names}

    def clean(self):
        cleaned = super().clean()
        # Without JavaScript the exit fields stay on screen: a move that does not close the
        # case ignores whatever was typed in them.
        if cleaned.get("to_phase") != self.terminal_phase:
            cleaned.update(EXIT_FIELDS)
            for name in self.closing_names:
                cleaned[name] = None
        return cleaned


class TransferForm(forms.Form):
    to_program = forms.ModelChoiceField(queryset=Program.objects.none(), label="Equipo de destino")
    kind = forms.ChoiceField(label="Tipo de traslado", choices=TransferKind.choices)
    starts_on = forms.DateField(label="Desde", widget=DateInput())
    ends_on = forms.DateField(
        label="Hasta (traslado temporal, máximo 4 meses)", required=False, widget=DateInput()
    )
    reason = forms.CharField(label="Motivo", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_program"].queryset = Program.objects.filter(
            is_active=True, uses_cohorts=False
        ).exclude(pk=case.program_id)


class CourtNoticeForm(forms.Form):
    on = forms.DateField(label="Fecha", widget=DateInput())
