import datetime

from django import forms
from django.utils import timezone
from django.utils.text import Truncator

from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import (
    ActivityKind,
    ActivityRecord,
    Attendance,
    ContactException,
    CourtReport,
    NonComplianceReport,
    WorkshopSeries,
)
from reinsercion.forms import DateInput


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ActivityRecordForm(forms.ModelForm):
    class Meta:
        model = ActivityRecord
        fields = [
            "kind",
            "occurred_at",
            "duration_minutes",
            "ambit",
            "objective",
            "participants",
            "attendance",
            "absence_reason",
            "notes",
        ]
        widgets = {
            "occurred_at": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "attendance": "«Programada» agenda la sesión; registre la asistencia dentro de las "
            "48 horas siguientes a la sesión.",
            "absence_reason": "Obligatorio si no asistió.",
        }

    def __init__(self, *args, workshop=False, objectives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "objective" in self.fields:
            # The objectives of the case's current plan (see activities.queries).
            field = self.fields["objective"]
            field.queryset = objectives if objectives is not None else field.queryset.none()
            field.empty_label = "— Ninguno en particular —"
            field.label_from_instance = objective_label
            if not field.queryset.exists():
                field.help_text = (
                    "El caso aún no tiene plan de intervención con objetivos: la actividad "
                    "se registra sin objetivo."
                )
        if workshop:
            # Workshop attendance is taken on the workshop session's page.
            for name in ("kind", "occurred_at", "duration_minutes"):
                self.fields[name].disabled = True

    def _post_clean(self):
        # The action validates the record (dates, absences) and saves it.
        pass


def objective_label(objective) -> str:
    words = Truncator(objective.objective).chars(90)
    return f"{objective.get_axis_display()} · {words}"


class FollowUpContactForm(ActivityRecordForm):
    class Meta(ActivityRecordForm.Meta):
        fields = [
            "kind",
            "occurred_at",
            "duration_minutes",
            "ambit",
            "attendance",
            "absence_reason",
            "notes",
        ]


class WorkshopSeriesForm(forms.ModelForm):
    class Meta:
        model = WorkshopSeries
        fields = ["title", "ambit", "facilitators", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class WorkshopSessionForm(forms.Form):
    starts_at = forms.DateTimeField(label="Fecha y hora", widget=DateTimeInput())
    topic = forms.CharField(label="Tema de la sesión", max_length=200)
    duration_minutes = forms.IntegerField(
        label="Duración (minutos)", min_value=10, max_value=600, initial=90
    )


ATTENDANCE_CHOICES = [
    (value, label) for value, label in Attendance.choices if value != Attendance.SCHEDULED
]


class WorkshopAttendanceForm(forms.Form):
    """One row per member of the roster: attendance and, if absent, the reason."""

    def __init__(self, *args, roster, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for case in roster:
            record = existing.get(case.pk)
            att = forms.ChoiceField(
                label=case.person.full_name,
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                initial=record.attendance if record else Attendance.ATTENDED,
            )
            reason = forms.CharField(
                label=f"Motivo de la inasistencia de {case.person.full_name}",
                required=False,
                max_length=300,
                initial=record.absence_reason if record else "",
            )
            self.fields[f"att_{case.pk}"] = att
            self.fields[f"reason_{case.pk}"] = reason
            self.rows.append((case, f"att_{case.pk}", f"reason_{case.pk}"))

    def bound_rows(self):
        return [(case, self[att], self[reason]) for case, att, reason in self.rows]

    def clean(self):
        data = super().clean()
        for _case, att, reason in self.rows:
            value = data.get(att)
            if value and value != Attendance.ATTENDED and not (data.get(reason) or "").strip():
                self.add_error(reason, "Indique el motivo de la inasistencia.")
        return data

    def marks(self) -> dict[int, tuple[str, str]]:
        return {
            case.pk: (self.cleaned_data[att], self.cleaned_data.get(reason, ""))
            for case, att, reason in self.rows
        }


class CourtReportForm(forms.ModelForm):
    class Meta:
        model = CourtReport
        fields = ["due_on", "sent_on", "notes"]
        widgets = {
            "due_on": DateInput(),
            "sent_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class AbsenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        when = timezone.localtime(obj.occurred_at)
        reason = f" — {obj.absence_reason}" if obj.absence_reason else ""
        return f"{when:%d-%m-%Y %H:%M} · {obj.get_kind_display()}{reason}"


class NonComplianceReportForm(forms.ModelForm):
    absences = AbsenceChoiceField(
        queryset=ActivityRecord.objects.none(),
        required=False,
        label="Inasistencias que se informan",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NonComplianceReport
        fields = [
            "report_date",
            "risk_level",
            "control_frequency",
            "residence",
            "periodic_contact",
            "work_or_study",
            "new_conviction",
            "other_conditions",
            "absences",
            "other_background",
            "professional_name",
            "supervisor_name",
        ]
        widgets = {
            "report_date": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "residence",
                    "periodic_contact",
                    "work_or_study",
                    "new_conviction",
                    "other_conditions",
                    "other_background",
                ]
            },
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absences"].queryset = case.activity_records.filter(
            attendance=Attendance.ABSENT_UNJUSTIFIED
        ).order_by("-occurred_at")

    def _post_clean(self):
        pass


class TimelineFilterForm(forms.Form):
    tipo = forms.ChoiceField(label="Tipo", required=False)
    ambito = forms.ChoiceField(
        label="Ámbito", required=False, choices=[("", "Todos")] + Ambit.choices
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", "Todos")] + kinds


class ContactExceptionForm(forms.ModelForm):
    class Meta:
        model = ContactException
        fields = [
            "kind",
            "interval_days",
            "reason",
            "alternative_supervision",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "alternative_supervision": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class ContactExceptionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Resolución", choices=[("approve", "Aprobar"), ("reject", "Rechazar")]
    )
    note = forms.CharField(
        label="Observación (obligatoria al rechazar)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppointmentForm(forms.Form):
    """Book or move an appointment: the day and the time apart, as people say them."""

    date = forms.DateField(label="Fecha", widget=DateInput())
    time = forms.TimeField(label="Hora", widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label="Duración (minutos)", min_value=10, max_value=600, initial=60
    )
    kind = forms.ChoiceField(label="Tipo", choices=ActivityKind.choices)
    place = forms.CharField(label="Lugar", max_length=200)
    with_whom = forms.CharField(
        label="Con quién",
        max_length=300,
        required=False,
        help_text="Quiénes asisten además de la persona (ej.: madre, dupla psicosocial).",
    )
    confirm_overlap = forms.BooleanField(
        label="Agendar aunque se superponga con otra cita",
        required=False,
    )

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if day and day < timezone.localdate():
            self.add_error("date", "La fecha ya pasó: una cita se agenda desde hoy en adelante.")
        elif day and time:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
            if starts_at < timezone.now():
                self.add_error("time", "Esa hora de hoy ya pasó: elija una hora futura.")
        return data

    def appointment_data(self) -> dict:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return {
            "starts_at": starts_at,
            "duration_minutes": data["duration_minutes"],
            "kind": data["kind"],
            "place": data["place"],
            "with_whom": data["with_whom"],
        }

    @staticmethod
    def initial_for(appointment) -> dict:
        local = timezone.localtime(appointment.starts_at)
        return {
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": appointment.duration_minutes,
            "kind": appointment.kind,
            "place": appointment.place,
            "with_whom": appointment.with_whom,
        }
