from django import forms
from django.utils import timezone

from reinsercion.assessment.models import Axis
from reinsercion.forms import DateInput
from reinsercion.plans.models import (
    AREA_AXIS,
    FeedbackSession,
    InterventionPlan,
    NotAchievedReason,
    ObjectiveStatus,
    PlanExtension,
    PlanLayout,
    PlanObjective,
    areas_for,
    layouts_for,
)


class PlanForm(forms.ModelForm):
    class Meta:
        model = InterventionPlan
        fields = [
            "layout",
            "synthesis",
            "control_frequency",
            "control_frequency_other",
            "control_justification",
            "development",
            "telematic_monitoring",
            "other_conditions",
        ]
        widgets = {
            "synthesis": forms.Textarea(attrs={"rows": 8}),
            "control_justification": forms.Textarea(attrs={"rows": 3}),
            "development": forms.Textarea(attrs={"rows": 8}),
            "other_conditions": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "layout": "El anexo B agrega monitoreo telemático y otras condiciones del tribunal.",
            "telematic_monitoring": "Solo anexo B.",
            "other_conditions": "Solo anexo B.",
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        layouts = layouts_for(program)
        self.fields["layout"].choices = [(layout.value, layout.label) for layout in layouts]
        if self.initial.get("layout") not in layouts:
            self.initial["layout"] = layouts[0]  # a plan recorded on another program's layout
        if len(layouts) == 1:
            # One layout (OPV): nothing to choose, and the annex B fields do not apply.
            for name in ("layout", "telematic_monitoring", "other_conditions"):
                self.fields[name].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("layout") != PlanLayout.ANNEX_B:
            data["telematic_monitoring"] = False
            data["other_conditions"] = ""
        return data


class ObjectiveForm(forms.Form):
    # A domain's pk (an assessed need) or an area code of the plan (PlanArea).
    domain = forms.ChoiceField(label="Área")
    objective = forms.CharField(label="Objetivo", widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(label="Acciones", widget=forms.Textarea(attrs={"rows": 3}))
    sentence_year = forms.IntegerField(label="Año de condena", min_value=1, max_value=10, initial=1)
    status = forms.ChoiceField(
        label="Estado inicial",
        choices=[
            (ObjectiveStatus.PENDING, ObjectiveStatus.PENDING.label),
            (ObjectiveStatus.IN_PROGRESS, ObjectiveStatus.IN_PROGRESS.label),
        ],
    )

    def __init__(self, *args, domains, layout="", editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        groups = {axis: [] for axis in Axis.values}
        for d in domains:
            groups[d.axis].append((str(d.pk), f"{d.name} ({d.version.instrument.name})"))
        for area in areas_for(layout):
            groups[AREA_AXIS[area]].append((area.value, area.label))
        self.fields["domain"].choices = [
            (Axis(axis).label, choices) for axis, choices in groups.items() if choices
        ]
        if editing:
            del self.fields["domain"]
            del self.fields["status"]


class ObjectiveStatusForm(forms.ModelForm):
    class Meta:
        model = PlanObjective
        fields = ["status", "not_achieved_reason", "status_note", "status_changed_on"]
        widgets = {
            "status_changed_on": DateInput(),
            "status_note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"status_changed_on": "Fecha"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_changed_on"].initial = timezone.localdate()
        self.fields["status_changed_on"].required = True
        self.fields["not_achieved_reason"].choices = [("", "---------")] + list(
            NotAchievedReason.choices
        )

    def _post_clean(self):
        # The action validates the whole rule set (2 in progress, reason when not achieved).
        pass


class TransitionForm(forms.Form):
    on_date = forms.DateField(label="Fecha", widget=DateInput())
    comment = forms.CharField(
        label="Comentario", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    hearing_on = forms.DateField(
        label="Nueva fecha de audiencia", required=False, widget=DateInput()
    )

    def __init__(self, *args, transition, plan=None, asks_justification=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].initial = timezone.localdate()
        if asks_justification:
            # The action refuses an empty one, with the minimum it falls short of.
            self.fields["control_justification"] = forms.CharField(
                label="Justificación de la frecuencia",
                help_text="La frecuencia del plan es menos exigente que el mínimo vigente: "
                "indique el criterio técnico que la justifica.",
                required=False,
                initial=plan.control_justification if plan else "",
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        if transition.needs_comment:
            self.fields["comment"].label = "Observaciones para quien elaboró el plan"
            self.fields["comment"].required = True
        if not transition.needs_hearing:
            del self.fields["hearing_on"]
        else:
            self.fields["hearing_on"].required = True


class NewVersionForm(forms.Form):
    comment = forms.CharField(
        label="Motivo de la nueva versión", widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackSession
        fields = ["held_on", "agreement", "person_words", "notes"]
        widgets = {
            "held_on": DateInput(),
            "agreement": forms.RadioSelect,
            "person_words": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class ExtensionForm(forms.ModelForm):
    class Meta:
        model = PlanExtension
        fields = ["requested_on", "days", "reason"]
        widgets = {"requested_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class LimitsExceptionForm(forms.Form):
    max_objectives = forms.IntegerField(label="Máximo de objetivos", min_value=4, max_value=12)
    max_in_progress = forms.IntegerField(
        label="Máximo de objetivos en proceso a la vez", min_value=2, max_value=12
    )
    reason = forms.CharField(label="Fundamento técnico", widget=forms.Textarea(attrs={"rows": 3}))


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label="Versión", coerce=int)
    b = forms.TypedChoiceField(label="comparar con", coerce=int)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, f"Versión {p.number} · {p.get_status_display()}") for p in plans]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
