import datetime

from dateutil.relativedelta import relativedelta

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from reinsercion.activities import actions, compliance
from reinsercion.activities.choices import Ambit
from reinsercion.activities.forms import (
    ActivityRecordForm,
    AppointmentForm,
    ContactExceptionDecisionForm,
    ContactExceptionForm,
    CourtReportForm,
    FollowUpContactForm,
    NonComplianceReportForm,
    TimelineFilterForm,
    WorkshopAttendanceForm,
    WorkshopSeriesForm,
    WorkshopSessionForm,
)
from reinsercion.activities.models import (
    ActivityKind,
    ActivityRecord,
    Attendance,
    ContactException,
    ContactExceptionStatus,
    WorkshopSeries,
    WorkshopSession,
    pending_appointments,
)
from reinsercion.assessment.rules.contact import frequency_for_interval
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.cases.queries import case_data_version
from reinsercion.cases.views import CaseMixin
from reinsercion.extensions import contact_requirements, timeline_sources
from reinsercion.forms import apply_validation_error
from reinsercion.idempotency import IdempotentFormMixin
from reinsercion.plans.queries import objective_choices
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.models import Cohort
from reinsercion.programs.views import TeamRequiredMixin

AMBIT_LABELS = dict(Ambit.choices)


def _sort_key(when):
    if isinstance(when, datetime.datetime):
        return timezone.localtime(when).replace(tzinfo=None)
    return datetime.datetime.combine(when, datetime.time.max)


def case_timeline(case):
    """Every registered timeline source's entries for ``case``, newest first."""
    entries = []
    for source in timeline_sources().values():
        entries.extend(source(case))
    entries.sort(key=lambda e: _sort_key(e.when), reverse=True)
    return entries


def cached_case_timeline(case):
    """``case_timeline``, kept in the shared cache per version of the case's data (any row of
    the case saved or deleted renews it) and per day; ten minutes at most, for what the
    entries name from outside the case (a user's or an institution's name)."""
    key = (
        f"reinsercion:timeline:{case.pk}:{case_data_version(case.pk).get()}:"
        f"{timezone.localdate():%Y%m%d}"
    )
    entries = cache.get(key)
    if entries is None:
        entries = case_timeline(case)
        cache.set(key, entries, timeout=600)
    return entries


class CaseTimelineView(CaseMixin, TemplateView):
    template_name = "reinsercion/activities/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        entries = cached_case_timeline(case)
        kinds = sorted({(e.kind, e.kind_label) for e in entries}, key=lambda k: k[1])
        form = TimelineFilterForm(self.request.GET or None, kinds=kinds)
        if form.is_valid():
            if form.cleaned_data["tipo"]:
                entries = [e for e in entries if e.kind == form.cleaned_data["tipo"]]
            if form.cleaned_data["ambito"]:
                entries = [e for e in entries if e.ambit == form.cleaned_data["ambito"]]
        page = Paginator(entries, 40).get_page(self.request.GET.get("page"))
        rows = [
            {
                "entry": e,
                "ambit_label": AMBIT_LABELS.get(e.ambit, e.ambit),
                "has_time": isinstance(e.when, datetime.datetime),
            }
            for e in page.object_list
        ]
        query = self.request.GET.copy()
        query.pop("page", None)
        cases = Case.objects.filter(pk=case.pk)
        today = timezone.localdate()
        first_month = today.replace(day=1) - relativedelta(months=5)
        # One count of events from the opening on serves the chart and the indicator.
        all_counts = compliance.events_per_month(cases, min(first_month, case.opened_on), today)
        counts = all_counts.get(case.pk, {})
        months = [first_month + relativedelta(months=i) for i in range(6)]
        context.update(
            filter_form=form,
            page_obj=page,
            rows=rows,
            filter_query=query.urlencode(),
            can_change=case_permissions.can_change_case(self.request.user, case),
            monthly=[(m, counts.get(m, 0)) for m in months],
            minimum=case.program.min_monthly_events,
            indicator=compliance.monthly_events_indicator(cases, today, counts=all_counts).get(
                case.pk
            ),
            contact=compliance.contact_compliance(cases, today).get(case.pk),
            alert=compliance.noncompliance_alerts(cases, today).get(case.pk),
            follow_up=list(case.follow_up_contacts.select_related("record")),
            late_count=case.activity_records.filter(is_late=True).count(),
        )
        return context


class ActivityCreateView(IdempotentFormMixin, CaseMixin, FormView):
    template_name = "reinsercion/activities/activity_form.html"
    form_class = ActivityRecordForm
    case_for_change = True

    def get_appointment(self):
        """The booked appointment this record starts from (``?cita=``), if any."""
        if not hasattr(self, "appointment"):
            pk = self.request.GET.get("cita", "")
            self.appointment = None
            if pk.isdigit():
                self.appointment = get_object_or_404(
                    self.case.appointments.filter(
                        record__isnull=True,
                        cancelled_at__isnull=True,
                        workshop_session__isnull=True,
                    ),
                    pk=int(pk),
                )
        return self.appointment

    def get_initial(self):
        kind = self.request.GET.get("tipo")
        now = timezone.localtime().replace(second=0, microsecond=0)
        appointment = self.get_appointment()
        if appointment is not None:
            return {
                "kind": appointment.kind,
                "occurred_at": timezone.localtime(appointment.starts_at),
                "duration_minutes": appointment.duration_minutes,
                "ambit": Ambit.PSYCHOSOCIAL,
                "participants": appointment.with_whom,
                "attendance": Attendance.ATTENDED,
                "notes": f"Lugar: {appointment.place}",
            }
        return {
            "kind": kind if kind in ActivityKind.values else ActivityKind.INDIVIDUAL,
            "occurred_at": now,
            "duration_minutes": 60,
            "ambit": Ambit.PSYCHOSOCIAL,
            "attendance": Attendance.ATTENDED,
        }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"objectives": objective_choices(self.case)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appointment"] = self.get_appointment()
        return context

    def form_valid(self, form):
        try:
            record = actions.record_activity(
                case=self.case,
                actor=self.request.user,
                appointment=self.get_appointment(),
                **form.cleaned_data,
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        if record.is_scheduled:
            messages.success(self.request, "Sesión programada: aparecerá en su agenda.")
        elif record.is_late:
            messages.warning(
                self.request, "Registro guardado y marcado como atrasado (más de 48 horas)."
            )
        else:
            messages.success(self.request, "Registro guardado.")
        return redirect("team:case_timeline", self.case.pk)


class AppointmentCreateView(CaseMixin, FormView):
    """Book an appointment on a case (for the logged-in professional)."""

    template_name = "reinsercion/activities/appointment_form.html"
    form_class = AppointmentForm
    case_for_change = True

    def get_initial(self):
        return {"duration_minutes": 60, "kind": ActivityKind.INDIVIDUAL}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appointments"] = self.case.appointments.filter(
            pending_appointments()
        ).select_related("professional", "workshop_session")
        return context

    def form_valid(self, form):
        try:
            actions.book_appointment(
                case=self.case,
                actor=self.request.user,
                confirm_overlap=form.cleaned_data["confirm_overlap"],
                **form.appointment_data(),
            )
        except ValidationError as e:
            apply_appointment_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Cita agendada: está en su agenda y en su calendario.")
        return redirect("team:appointment_create", self.case.pk)


class AppointmentUpdateView(CaseMixin, FormView):
    """Move or cancel an appointment not yet recorded."""

    template_name = "reinsercion/activities/appointment_form.html"
    form_class = AppointmentForm
    case_for_change = True

    def get_appointment(self):
        if not hasattr(self, "appointment"):
            self.appointment = get_object_or_404(
                self.case.appointments.filter(
                    record__isnull=True,
                    cancelled_at__isnull=True,
                    workshop_session__isnull=True,
                ),
                pk=self.kwargs["pk"],
            )
        return self.appointment

    def get_initial(self):
        return AppointmentForm.initial_for(self.get_appointment())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appointment"] = self.get_appointment()
        return context

    def post(self, request, *args, **kwargs):
        if "cancelar" in request.POST:
            actions.cancel_appointment(appointment=self.get_appointment(), actor=request.user)
            messages.success(request, "Cita cancelada: salió de la agenda y del calendario.")
            return redirect("team:appointment_create", self.case.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            actions.move_appointment(
                appointment=self.get_appointment(),
                actor=self.request.user,
                confirm_overlap=form.cleaned_data["confirm_overlap"],
                **form.appointment_data(),
            )
        except ValidationError as e:
            apply_appointment_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Cita cambiada: la agenda y el calendario se actualizan.")
        return redirect("team:appointment_create", self.case.pk)


def apply_appointment_error(form, error: ValidationError):
    """The action's errors on the moment of the appointment go beside its time."""
    if hasattr(error, "error_dict") and "starts_at" in error.error_dict:
        form.add_error("time", error.error_dict.pop("starts_at"))
        if not error.error_dict:
            return
    apply_validation_error(form, error)


class ActivityUpdateView(CaseMixin, FormView):
    template_name = "reinsercion/activities/activity_form.html"
    case_for_change = True

    def get_record(self):
        if not hasattr(self, "record"):
            self.record = get_object_or_404(
                self.case.activity_records.select_related("workshop_session"),
                pk=self.kwargs["pk"],
            )
        return self.record

    def get_form(self, form_class=None):
        record = self.get_record()
        kwargs = self.get_form_kwargs()
        kwargs["instance"] = record
        return ActivityRecordForm(
            workshop=bool(record.workshop_session_id),
            objectives=objective_choices(self.case, keep=record.objective_id),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.get_record()
        return context

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if not form.fields[k].disabled}
        record = self.get_record()
        try:
            actions.update_activity(record=record, actor=self.request.user, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Registro actualizado.")
        return redirect("team:case_timeline", self.case.pk)


class FollowUpView(CaseMixin, TemplateView):
    template_name = "reinsercion/activities/follow_up.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contacts = list(self.case.follow_up_contacts.select_related("record"))
        today = timezone.localdate()
        context.update(
            contacts=contacts,
            done=sum(1 for c in contacts if c.is_done),
            today=today,
            can_change=case_permissions.can_change_case(self.request.user, self.case),
            in_follow_up=self.case.phase == Phase.FOLLOW_UP,
        )
        return context


class FollowUpRecordView(CaseMixin, FormView):
    template_name = "reinsercion/activities/follow_up_form.html"
    case_for_change = True

    def get_contact(self):
        if not hasattr(self, "contact"):
            self.contact = get_object_or_404(
                self.case.follow_up_contacts.select_related("record"), pk=self.kwargs["pk"]
            )
        return self.contact

    def get_form(self, form_class=None):
        contact = self.get_contact()
        kwargs = self.get_form_kwargs()
        if contact.record_id:
            kwargs["instance"] = contact.record
        return FollowUpContactForm(**kwargs)

    def get_initial(self):
        now = timezone.localtime().replace(second=0, microsecond=0)
        return {
            "kind": ActivityKind.CONTROL_PHONE,
            "occurred_at": now,
            "duration_minutes": 30,
            "ambit": Ambit.PSYCHOSOCIAL,
            "attendance": Attendance.ATTENDED,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact"] = self.get_contact()
        return context

    def form_valid(self, form):
        try:
            actions.record_follow_up_contact(
                contact=self.get_contact(), actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Contacto de seguimiento n.º {self.contact.number} registrado."
        )
        return redirect("team:follow_up", self.case.pk)


class CourtReportCreateView(CaseMixin, FormView):
    template_name = "reinsercion/activities/court_report_form.html"
    form_class = CourtReportForm
    case_for_change = True

    def get_initial(self):
        initial = {"sent_on": timezone.localdate()}
        try:
            initial["due_on"] = datetime.date.fromisoformat(self.request.GET.get("vence", ""))
        except ValueError:
            pass
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = self.case.court_reports.all()[:24]
        return context

    def form_valid(self, form):
        try:
            actions.record_court_report(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Informe al tribunal registrado.")
        return redirect("team:case_timeline", self.case.pk)


def noncompliance_initial(case, user, alert) -> dict:
    """Annex J pre-filled from the case, its absences and its contact requirement."""
    initial = {"report_date": timezone.localdate(), "professional_name": str(user)}
    requirement = contact_requirements(Case.objects.filter(pk=case.pk)).get(case.pk)
    if requirement:
        initial["control_frequency"] = frequency_for_interval(requirement.interval_days)
    if alert:
        lines = [
            f"- {timezone.localtime(r.occurred_at):%d-%m-%Y}: {r.get_kind_display().lower()}"
            + (f" (motivo informado: {r.absence_reason})" if r.absence_reason else "")
            for r in alert.absences
        ]
        initial["periodic_contact"] = (
            f"El/la penado/a registra {len(alert.absences)} inasistencias seguidas "
            "injustificadas a las actividades del plan de intervención:\n" + "\n".join(lines)
        )
        initial["absences"] = [r.pk for r in alert.absences]
    supervisors = (
        case.program.memberships.filter(role=Role.SUPERVISION).select_related("user").order_by("pk")
    )
    first = next(iter(supervisors), None)
    if first:
        initial["supervisor_name"] = str(first.user)
    return initial


class NonComplianceCreateView(CaseMixin, FormView):
    template_name = "reinsercion/activities/noncompliance_form.html"
    case_for_change = True

    def get_form(self, form_class=None):
        return NonComplianceReportForm(case=self.case, **self.get_form_kwargs())

    def get_initial(self):
        alert = compliance.noncompliance_alerts(Case.objects.filter(pk=self.case.pk)).get(
            self.case.pk
        )
        return noncompliance_initial(self.case, self.request.user, alert)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        absences = data.pop("absences", [])
        try:
            report = actions.create_noncompliance_report(
                case=self.case, actor=self.request.user, absences=absences, **data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Informe de incumplimiento registrado.")
        return redirect(report)


class NonComplianceDetailView(CaseMixin, TemplateView):
    template_name = "reinsercion/activities/noncompliance_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = get_object_or_404(
            self.case.noncompliance_reports.select_related("created_by").prefetch_related(
                "absences"
            ),
            pk=self.kwargs["pk"],
        )
        return context


# Workshops -------------------------------------------------------------------------------------


def visible_cohort_or_404(user, pk) -> Cohort:
    return get_object_or_404(
        Cohort.objects.filter(program__in=program_permissions.programs_of(user)).select_related(
            "program"
        ),
        pk=pk,
    )


class CohortWorkshopsView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/activities/workshop_list.html"
    form_class = WorkshopSeriesForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.cohort = visible_cohort_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"ambit": Ambit.PSYCHOSOCIAL}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            series=self.cohort.workshop_series.annotate(
                session_count=Count("sessions", distinct=True),
                pending=Count(
                    "sessions",
                    filter=Q(
                        sessions__attendance_taken_at__isnull=True,
                        sessions__starts_at__lt=timezone.now(),
                    ),
                    distinct=True,
                ),
            ),
            can_run=actions.can_run_workshops(self.request.user, self.cohort.program_id),
        )
        return context

    def form_valid(self, form):
        try:
            series = actions.create_workshop_series(
                cohort=self.cohort, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Taller «{series.title}» creado.")
        return redirect(series)


class WorkshopDetailView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/activities/workshop_detail.html"
    form_class = WorkshopSessionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.series = get_object_or_404(
                WorkshopSeries.objects.filter(
                    cohort__program__in=program_permissions.programs_of(request.user)
                ).select_related("cohort__program"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        return {"starts_at": start, "duration_minutes": 90}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            series=self.series,
            cohort=self.series.cohort,
            sessions=self.series.sessions.annotate(
                present=Count("attendances", filter=Q(attendances__attendance="attended")),
                marked=Count("attendances"),
            ),
            now=timezone.now(),
            can_run=actions.can_run_workshops(self.request.user, self.series.cohort.program_id),
        )
        return context

    def form_valid(self, form):
        try:
            actions.schedule_workshop_session(
                series=self.series, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Sesión agendada.")
        return redirect(self.series)


class WorkshopAttendanceView(TeamRequiredMixin, FormView):
    """The whole roster's attendance in one form."""

    template_name = "reinsercion/activities/workshop_attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            self.session = get_object_or_404(
                WorkshopSession.objects.filter(
                    series__cohort__program__in=program_permissions.programs_of(request.user)
                ).select_related("series__cohort__program"),
                pk=kwargs["pk"],
            )
            if request.method == "POST" and not actions.can_run_workshops(
                request.user, self.session.series.cohort.program_id
            ):
                raise PermissionDenied("Solo la coordinación y los profesionales del programa.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        self.roster = list(actions.workshop_roster(self.session))
        existing = {
            r.case_id: r
            for r in ActivityRecord.objects.filter(workshop_session=self.session).only(
                "case_id", "attendance", "absence_reason"
            )
        }
        return WorkshopAttendanceForm(
            roster=self.roster, existing=existing, **self.get_form_kwargs()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            workshop_session=self.session,
            series=self.session.series,
            is_future=self.session.starts_at > timezone.now(),
            can_run=actions.can_run_workshops(
                self.request.user, self.session.series.cohort.program_id
            ),
        )
        return context

    def form_valid(self, form):
        try:
            records = actions.take_workshop_attendance(
                session=self.session, actor=self.request.user, marks=form.marks()
            )
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                for case_id, errors in e.error_dict.items():
                    form.add_error(
                        f"reason_{case_id}" if f"reason_{case_id}" in form.fields else None, errors
                    )
            else:
                form.add_error(None, e)
            return self.form_invalid(form)
        present = sum(1 for r in records if r.attendance == Attendance.ATTENDED)
        messages.success(
            self.request, f"Asistencia guardada: {present} de {len(records)} presentes."
        )
        return redirect(self.session.series)


# Indicators ------------------------------------------------------------------------------------


class ActivityIndicatorsView(TeamRequiredMixin, TemplateView):
    """Per program: the ≥ N events indicator, contact compliance and non-compliance alerts."""

    template_name = "reinsercion/activities/indicators.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        visible = Case.objects.visible_to(user).open()
        case_map = {
            c.pk: c
            for c in Case.objects.filter(pk__in=visible.values("pk")).select_related(
                "person", "program"
            )
        }
        indicator = compliance.monthly_events_indicator(visible, today)
        contacts = compliance.contact_compliance(visible, today)
        alerts = compliance.noncompliance_alerts(visible, today)
        late = compliance.late_records_by_program(
            visible, today - datetime.timedelta(days=compliance.CONTACT_WINDOW_DAYS)
        )
        programs = []
        for program in program_permissions.programs_of(user).order_by("code"):
            cases = [c for c in case_map.values() if c.program_id == program.pk]
            judged = [
                indicator[c.pk] for c in cases if indicator.get(c.pk) and indicator[c.pk].evaluated
            ]
            meeting = sum(1 for m in judged if m.meets)
            late_count, records = late.get(program.pk, (0, 0))
            programs.append(
                {
                    "program": program,
                    "open": len(cases),
                    "judged": len(judged),
                    "meeting": meeting,
                    "share": round(100 * meeting / len(judged), 1) if judged else None,
                    "below": sorted(
                        [(case_map[m.case_id], m) for m in judged if not m.meets],
                        key=lambda x: x[0].person.last_names,
                    ),
                    "records": records,
                    "late": late_count,
                    "late_share": round(100 * late_count / records, 1) if records else None,
                    "with_requirement": sum(1 for c in cases if c.pk in contacts),
                    "not_complying": sorted(
                        [
                            (c, contacts[c.pk])
                            for c in cases
                            if c.pk in contacts and not contacts[c.pk].complies
                        ],
                        key=lambda x: x[0].person.last_names,
                    ),
                    "alerts": sorted(
                        [(c, alerts[c.pk]) for c in cases if c.pk in alerts],
                        key=lambda x: x[0].person.last_names,
                    ),
                }
            )
        context.update(programs=programs, today=today, window_days=compliance.CONTACT_WINDOW_DAYS)
        return context


class ContactExceptionsView(CaseMixin, FormView):
    """The case's exceptions to the minimum contact: the team asks, supervision resolves."""

    template_name = "reinsercion/activities/contact_exceptions.html"
    form_class = ContactExceptionForm

    def get_initial(self):
        return {"starts_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        context.update(
            exceptions=self.case.contact_exceptions.select_related("created_by", "decided_by"),
            in_force=set(self.case.contact_exceptions.in_force(today).values_list("pk", flat=True)),
            can_change=case_permissions.can_change_case(user, self.case),
            can_supervise=program_permissions.can_supervise(user, self.case.program),
            decision_form=ContactExceptionDecisionForm(),
            pending=ContactExceptionStatus.PENDING,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not case_permissions.can_change_case(request.user, self.case):
            raise PermissionDenied("No tiene permiso para modificar este caso.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            actions.request_contact_exception(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, "Excepción solicitada: rige cuando supervisión la apruebe.")
        return redirect("team:contact_exceptions", self.case.pk)


class ContactExceptionDecideView(CaseMixin, FormView):
    """Supervision approves or rejects a pending exception (POST only)."""

    http_method_names = ["post"]
    form_class = ContactExceptionDecisionForm

    def post(self, request, *args, **kwargs):
        exception = get_object_or_404(
            ContactException.objects.filter(case=self.case), pk=kwargs["pk"]
        )
        form = ContactExceptionDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Elija aprobar o rechazar.")
            return redirect("team:contact_exceptions", self.case.pk)
        try:
            actions.decide_contact_exception(
                exception=exception,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, "Excepción resuelta.")
        return redirect("team:contact_exceptions", self.case.pk)
