"""Demo sessions, workshops, follow-up contacts and court reports on top of ``demo_casos``.

Dates are relative to today so the agenda always has current items. Synthetic data only;
fixed random seed.
"""

import datetime
import random

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta

from django.db import transaction
from django.utils import timezone

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import (
    ActivityKind,
    ActivityRecord,
    Attendance,
    CourtReport,
    WorkshopSeries,
)
from reinsercion.cases.models import Case
from reinsercion.plans.queries import objective_choices
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, User

INDIVIDUAL_KINDS = [
    ActivityKind.INDIVIDUAL,
    ActivityKind.INDIVIDUAL,
    ActivityKind.COUNSELLING,
    ActivityKind.CONTROL_IN_PERSON,
    ActivityKind.CONTROL_PHONE,
    ActivityKind.HOME_VISIT,
    ActivityKind.FAMILY_SESSION,
]
AMBITS = [Ambit.PSYCHOSOCIAL, Ambit.PSYCHOSOCIAL, Ambit.FAMILY, Ambit.LABOUR]
NOTES = [
    "Se revisan los acuerdos de la sesión anterior; participa activamente.",
    "Se trabaja la planificación semanal y la red de apoyo.",
    "Refiere avances en la relación con su familia.",
    "Se aborda la búsqueda de empleo; se acuerda ir a la OMIL.",
    "Se refuerza la asistencia a las actividades del plan.",
]
ABSENCE_REASONS = ["No se presentó y no avisó", "Sin respuesta a los llamados"]
JUSTIFIED_REASONS = ["Control médico (presenta certificado)", "Citación al tribunal"]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class ActivityDemo:
    def __init__(self, seed=2018, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()

    def say(self, text):
        if self.stdout:
            self.stdout.write(text)

    def backdate(self, record: ActivityRecord, hours_after: float, actor):
        """Demo history: the record was entered ``hours_after`` the session, not today."""
        if record.attendance == Attendance.SCHEDULED:
            return
        end = record.occurred_at + datetime.timedelta(minutes=record.duration_minutes or 0)
        record.recorded_at = end + datetime.timedelta(hours=hours_after)
        record.is_late = record.recorded_at > record.record_due_at
        with set_actor(actor):
            record.save(update_fields=["recorded_at", "is_late"])

    def objective_for(self, case, when):
        """One of the current plan's objectives (in turn, by the day), or none without a plan."""
        objectives = list(objective_choices(case))
        return objectives[when.day % len(objectives)] if objectives else None

    def session(self, case, actor, when, attendance=Attendance.ATTENDED, kind=None, late=False):
        kind = kind or self.rng.choice(INDIVIDUAL_KINDS)
        reason = ""
        if attendance == Attendance.ABSENT_UNJUSTIFIED:
            reason = self.rng.choice(ABSENCE_REASONS)
        elif attendance == Attendance.ABSENT_JUSTIFIED:
            reason = self.rng.choice(JUSTIFIED_REASONS)
        record = activity_actions.record_activity(
            case=case,
            actor=actor,
            kind=kind,
            occurred_at=when,
            duration_minutes=self.rng.choice([45, 60, 60, 90]),
            ambit=Ambit.FAMILY if kind == ActivityKind.FAMILY_SESSION else self.rng.choice(AMBITS),
            objective=self.objective_for(case, when),
            participants="Beneficiario/a" if kind != ActivityKind.FAMILY_SESSION else "Madre",
            attendance=attendance,
            absence_reason=reason,
            notes=self.rng.choice(NOTES) if attendance == Attendance.ATTENDED else "",
        )
        self.backdate(record, self.rng.uniform(60, 90) if late else self.rng.uniform(1, 30), actor)
        return record

    # OPV 7th generation: a workshop series with weekly sessions, and individual work ----------
    def opv_generation(self):
        cohort = Cohort.objects.filter(program__code="OPV", ordinal=7).first()
        if cohort is None:
            return
        ana = User.objects.get(username="psicologa.opv")
        bruno = User.objects.get(username="trabajador.opv")
        members = list(cohort.cases.exclude(phase=Phase.CLOSED).select_related("person"))
        series = activity_actions.create_workshop_series(
            cohort=cohort,
            actor=ana,
            title="Taller psicosocial intrapenitenciario",
            ambit=Ambit.PSYCHOSOCIAL,
            facilitators="Dupla psicosocial: Ana Ibáñez y Bruno Olivares",
            description="Sesiones grupales semanales en el CDP Quillota: habilidades sociales, "
            "resolución de conflictos, consumo problemático y proyecto de vida.",
        )
        topics = [
            "Presentación y encuadre",
            "Habilidades sociales",
            "Resolución de conflictos",
            "Consumo problemático",
            "Vínculos familiares",
            "Proyecto de vida",
            "Preparación laboral",
            "Derechos y deberes",
            "Cierre de módulo",
        ]
        first = self.today - datetime.timedelta(weeks=8)
        first -= datetime.timedelta(days=(first.weekday() - 1) % 7)  # a Tuesday
        # The member who stops coming: two unjustified absences in a row (non-compliance).
        absent = members[0] if members else None
        for week, topic in enumerate(topics):
            day = first + datetime.timedelta(weeks=week)
            session = activity_actions.schedule_workshop_session(
                series=series, actor=ana, starts_at=_at(day, 10), topic=topic
            )
            if day >= self.today - datetime.timedelta(days=1):
                continue  # recent or upcoming: attendance still to be taken
            marks = {}
            for case in members:
                roll = self.rng.random()
                if case == absent and week >= len(topics) - 3:
                    marks[case.pk] = (Attendance.ABSENT_UNJUSTIFIED, "No bajó al taller")
                elif roll < 0.08:
                    marks[case.pk] = (Attendance.ABSENT_JUSTIFIED, "Audiencia en tribunal")
                elif roll < 0.12:
                    marks[case.pk] = (Attendance.ABSENT_UNJUSTIFIED, "No se presentó")
                else:
                    marks[case.pk] = (Attendance.ATTENDED, "")
            records = activity_actions.take_workshop_attendance(
                session=session, actor=ana, marks=marks
            )
            for record in records:
                self.backdate(record, 20, ana)
            session.attendance_taken_at = records[0].recorded_at
            with set_actor(ana):
                session.save(update_fields=["attendance_taken_at"])
        # Individual sessions with each member over the last two months.
        for index, case in enumerate(members):
            actor = ana if index % 2 == 0 else bruno
            for offset in sorted(self.rng.sample(range(3, 60), 3), reverse=True):
                self.session(
                    case,
                    actor,
                    _at(self.today - datetime.timedelta(days=offset), 15),
                    kind=self.rng.choice([ActivityKind.INDIVIDUAL, ActivityKind.COUNSELLING]),
                    late=self.rng.random() < 0.1,
                )
        if len(members) > 4:
            # Appointments booked for the coming days (the workshop's are already there).
            for case, days, hour in ((members[3], 1, 10), (members[4], 2, 15)):
                activity_actions.book_appointment(
                    case=case,
                    actor=ana,
                    kind=ActivityKind.INDIVIDUAL,
                    starts_at=_at(self.today + datetime.timedelta(days=days), hour),
                    duration_minutes=60,
                    place="CDP Quillota, sala de entrevistas",
                    with_whom="",
                )
        if len(members) > 2:
            # A session two days ago still to be recorded, and one scheduled for next week.
            for case, days in ((members[1], -3), (members[2], 6)):
                activity_actions.record_activity(
                    case=case,
                    actor=ana,
                    kind=ActivityKind.INDIVIDUAL,
                    occurred_at=_at(self.today + datetime.timedelta(days=days), 11),
                    duration_minutes=60,
                    ambit=Ambit.PSYCHOSOCIAL,
                    objective=self.objective_for(case, self.today),
                    attendance=Attendance.SCHEDULED,
                )
        self.say(
            f"OPV 7ª generación: taller con {len(topics)} sesiones y {len(members)} integrantes."
        )

    # OPV 6th generation: monthly follow-up contacts, those due so far ----------------------
    def follow_up(self):
        cohort = Cohort.objects.filter(program__code="OPV", ordinal=6).first()
        if cohort is None:
            return
        actor = User.objects.get(username="trabajador.opv")
        cases = cohort.cases.filter(phase=Phase.FOLLOW_UP)
        done = 0
        for index, case in enumerate(cases):
            contacts = activity_actions.schedule_follow_up(case=case, actor=actor)
            past = [c for c in contacts if c.due_on < self.today - datetime.timedelta(days=3)]
            if index % 4 == 1:
                past = past[:-1]  # the latest contact still to be made: a few overdue items
            for contact in past:
                if contact.record_id:
                    continue
                kind = self.rng.choice(
                    [
                        ActivityKind.CONTROL_PHONE,
                        ActivityKind.HOME_VISIT,
                        ActivityKind.CONTROL_IN_PERSON,
                    ]
                )
                activity_actions.record_follow_up_contact(
                    contact=contact,
                    actor=actor,
                    kind=kind,
                    occurred_at=_at(
                        min(
                            contact.due_on + datetime.timedelta(days=self.rng.randint(0, 4)),
                            self.today - datetime.timedelta(days=1),
                        ),
                        12,
                    ),
                    duration_minutes=30,
                    ambit=self.rng.choice([Ambit.PSYCHOSOCIAL, Ambit.LABOUR]),
                    attendance=Attendance.ATTENDED,
                    notes=self.rng.choice(
                        [
                            "Mantiene trabajo estable; sin nuevas causas.",
                            "Vive con su familia; asiste a controles de salud.",
                            "Trabaja por cuenta propia en su emprendimiento.",
                            "Buena convivencia familiar; busca empleo con apoyo de la OMIL.",
                        ]
                    ),
                )
                contact.refresh_from_db()
                self.backdate(contact.record, 24, actor)
                done += 1
        self.say(f"OPV 6ª generación: {done} contactos de seguimiento registrados.")

    # LAE / LAS: individual work, absences and court reports ---------------------------------
    def judicial(self, code):
        cases = list(
            Case.objects.filter(program__code=code)
            .open()
            .prefetch_related("professionals")
            .order_by("pk")
        )
        for index, case in enumerate(cases):
            actor = case.professionals.all()[0]
            start = max(case.opened_on, self.today - datetime.timedelta(days=240))
            days = (self.today - start).days
            if days < 3:
                continue
            # Most youths get about five events a month; every third one fewer (indicator).
            per_month = 2 if index % 3 == 0 else 7
            count = max(1, days * per_month // 30)
            offsets = sorted(self.rng.sample(range(1, days), min(count, days - 1)), reverse=True)
            for n, offset in enumerate(offsets):
                attendance = Attendance.ATTENDED
                if index % 7 == 1 and n >= len(offsets) - 2:
                    attendance = Attendance.ABSENT_UNJUSTIFIED  # two in a row at the end
                elif self.rng.random() < 0.06:
                    attendance = Attendance.ABSENT_JUSTIFIED
                self.session(
                    case,
                    actor,
                    _at(self.today - datetime.timedelta(days=offset), self.rng.choice([9, 11, 16])),
                    attendance=attendance,
                    late=self.rng.random() < 0.08,
                )
            if index % 5 == 2:
                activity_actions.record_activity(
                    case=case,
                    actor=actor,
                    kind=ActivityKind.CONTROL_IN_PERSON,
                    occurred_at=_at(self.today - datetime.timedelta(days=2), 10),
                    duration_minutes=45,
                    ambit=Ambit.PSYCHOSOCIAL,
                    attendance=Attendance.SCHEDULED,
                )
            # Court reports: the older ones sent on time, the latest one still pending.
            months = 1 if case.drug_treatment_condition else case.program.court_report_months
            if case.sentence_starts_on and months:
                due = case.sentence_starts_on + relativedelta(months=months)
                dues = []
                while due < self.today - datetime.timedelta(days=3):
                    dues.append(due)
                    due += relativedelta(months=months)
                for due_on in dues[:-1] if index % 2 else dues:
                    if not CourtReport.objects.filter(case=case, due_on=due_on).exists():
                        activity_actions.record_court_report(
                            case=case,
                            actor=actor,
                            due_on=due_on,
                            sent_on=due_on - datetime.timedelta(days=2),
                            notes="Remitido por oficio al tribunal.",
                        )
        self.say(f"{code}: sesiones, inasistencias e informes al tribunal de {len(cases)} casos.")


@transaction.atomic
def build(stdout=None, seed=2018) -> bool:
    """Load the demo activities once; False if they were already there."""
    if WorkshopSeries.objects.exists() or ActivityRecord.objects.exists():
        return False
    demo = ActivityDemo(seed=seed, stdout=stdout)
    demo.opv_generation()
    demo.follow_up()
    demo.judicial("LAE")
    demo.judicial("LAS")
    return True
