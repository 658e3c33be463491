"""Demo data for programs with slots: two specialised programs of the case module (run by the
LAE team, standing in for the probation centre's) and two network programs (SENDA treatment,
OTEC training), some full with people waiting.

Builds on ``demo_casos``, ``demo_evaluaciones`` (plans with objectives) and ``demo_red``
(institutions). Everything goes through the real actions; afterwards the dates of the
requests are moved back so that waits, reports due and missing ones look lived in. Fixed
choices; synthetic people only.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from cupos import actions
from cupos.choices import RequestStatus, StartMode
from cupos.models import InterventionProgram, SlotRequest
from red.choices import SharedField
from red.models import Institution, PartnerMembership
from reinsercion.activities.choices import Ambit
from reinsercion.cases.models import Case
from reinsercion.programs.models import Program, User

S = RequestStatus

PROGRAMS = [
    # name, owner program code or institution short name, slots, weeks, ámbito, start mode
    ("Programa de control de impulsos", "LAE", 2, 16, Ambit.PSYCHOSOCIAL, StartMode.COHORTS),
    ("Programa de prevención de la violencia", "LAE", 3, 12, Ambit.PSYCHOSOCIAL, StartMode.ROLLING),
    (
        "Tratamiento ambulatorio básico",
        "SENDA Previene",
        2,
        24,
        Ambit.PSYCHOSOCIAL,
        StartMode.ROLLING,
    ),
    ("Curso de soldadura al arco", "OTEC municipal", 3, 10, Ambit.LABOUR, StartMode.COHORTS),
]

SENDA_PARTNER = ("senda.quillota", "Verónica", "Muñoz", "SENDA Previene")

# program index, final state, days since the request (the start comes 10 days later)
SCENARIOS = [
    (2, S.IN_PROGRESS, 80),
    (2, S.ACCEPTED, 20),
    (2, S.WAITING_LIST, 15),
    (2, S.WAITING_LIST, 6),
    (3, S.COMPLETED, 120),
    (3, S.IN_PROGRESS, 45),
    (3, S.IN_PROGRESS, 40),
    (3, S.ACCEPTED, 12),
    (3, S.WAITING_LIST, 8),
    (0, S.REQUESTED, 3),
    (1, S.REQUESTED, 0),
    (0, S.WAITING_LIST, 2),
]
SHARED = [SharedField.RUT, SharedField.COMUNA, SharedField.DRUG_CONDITION]


class SlotsDemo:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.coordinator = User.objects.get(username="coordinacion.lae")
        self.today = timezone.localdate()

    def programs(self) -> list[InterventionProgram]:
        programs = []
        for name, owner, slots, weeks, ambit, mode in PROGRAMS:
            program_owner = Program.objects.filter(code=owner).first()
            institution = None if program_owner else Institution.objects.get(short_name=owner)
            program, _ = InterventionProgram.objects.update_or_create(
                name=name,
                defaults=dict(
                    owner_program=program_owner,
                    institution=institution,
                    slots=slots,
                    duration_weeks=weeks,
                    ambit=ambit,
                    start_mode=mode,
                    description=f"{name}: {weeks} semanas, {slots} cupos.",
                ),
            )
            programs.append(program)
        return programs

    def partner(self):
        username, first, last, short = SENDA_PARTNER
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.reinsercion.local"
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        institution = Institution.objects.get(short_name=short)
        PartnerMembership.objects.get_or_create(user=user, institution=institution)
        return [(username, password, f"Institución de la red: {institution.name}")]

    def answerer(self, program):
        if program.owner_program_id:
            return self.coordinator
        return program.institution.memberships.filter(is_active=True).first().user

    def requests(self, programs):
        if SlotRequest.objects.exists():
            return

        # OPV and LAS people go to the network's programs; LAE people to the LAE team's own.
        def with_plans(codes):
            return iter(
                Case.objects.filter(plans__objectives__isnull=False, program__code__in=codes)
                .exclude(person__rut="")
                .distinct()
                .order_by("-program__code", "pk")
            )

        network, own = with_plans(["OPV", "LAS"]), with_plans(["LAE"])
        done = []
        for index, state, days in SCENARIOS:
            case = next(own if programs[index].owner_program_id else network, None)
            if case is not None:
                done.append(self.scenario(case, programs[index], state, days))
        # One program at a time: the first person, in treatment, has the next step queued.
        if done:
            first = done[0]
            self.request(first.case, programs[3], number=2)

    def request(self, case, program, number=1):
        plan = case.plans.filter(objectives__isnull=False).order_by("-number").first()
        objectives = list(plan.objectives.order_by("sort_order"))
        actor = case.professionals.first() or self.coordinator
        return actions.request_slot(
            case=case,
            actor=actor,
            program=program,
            objective=objectives[min(number, len(objectives)) - 1],
            reason="Objetivo del plan que requiere una intervención especializada.",
            shared_fields=SHARED,
        )

    def scenario(self, case, program, state, days):
        request = self.request(case, program)
        answerer = self.answerer(program)
        actor = case.professionals.first() or self.coordinator
        if state == S.REQUESTED:
            return self.backdate(request, days)
        if state == S.WAITING_LIST:
            actions.answer_request(request=request, actor=answerer, answer="waiting_list")
            return self.backdate(request, days)
        actions.answer_request(
            request=request, actor=answerer, answer="accepted", start_on=self.today
        )
        if state == S.ACCEPTED:
            return self.backdate(request, days)
        person = case.person
        actions.sign_consent(
            request=request,
            actor=actor,
            name=person.full_name,
            rut=person.rut,
            place="Quillota",
            conditions="Sesiones semanales de 90 minutos, martes a las 10:00.",
            signature={"typed_name": person.full_name},
        )
        started_on = self.today - datetime.timedelta(days=max(days - 10, 0))
        request = actions.start_participation(request=request, actor=actor, on_date=started_on)
        for week in range(0, max(days - 10, 0), 7):
            actions.record_session(
                program=program,
                actor=answerer,
                held_on=started_on + datetime.timedelta(days=week),
                topic=f"Sesión {week // 7 + 1}",
                attendance={request.pk: (week % 21 != 14, False)},
            )
        if days - 10 >= 40:
            actions.write_report(
                request=request,
                actor=answerer,
                kind="monthly",
                contents="Normas del programa: logrado.\nHabilidades de afrontamiento: "
                "parcialmente logrado.",
                progress="Asiste con regularidad y participa en las actividades.",
                to_strengthen="Manejo de la frustración.",
            )
        if state == S.COMPLETED:
            request = actions.end_participation(request=request, actor=answerer, to_status=state)
            actions.write_report(
                request=request,
                actor=answerer,
                kind="final",
                contents="Objetivos del programa: logrado.",
                progress="Completó el programa; alcanzó los objetivos.",
                suggestions="Continuar con la colocación laboral.",
            )
        return self.backdate(request, days)

    def backdate(self, request, days):
        request = SlotRequest.objects.get(pk=request.pk)
        if not days or not request.requested_at:
            return request
        shift = datetime.timedelta(days=days)
        request.requested_at -= shift
        request.answer_due_at = request.answer_due_at and request.answer_due_at - shift
        if request.status in (S.WAITING_LIST,):
            request.waitlisted_at = request.requested_at + datetime.timedelta(hours=20)
            request.answered_at = request.waitlisted_at
        elif request.answered_at:
            request.answered_at = request.requested_at + datetime.timedelta(hours=30)
        request.save()
        for n, event in enumerate(request.events.order_by("at", "pk")):
            event.at = request.requested_at + datetime.timedelta(hours=20) * n
            event.save()
        return request


@transaction.atomic
def build(stdout=None):
    demo = SlotsDemo(stdout=stdout)
    programs = demo.programs()
    logins = demo.partner()
    demo.requests(programs)
    return logins, len(programs), SlotRequest.objects.count()
