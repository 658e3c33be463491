"""Demo data for the case module: synthetic people, real program rules.

OPV generations 2012–2016 reproduce the published results (DOMAIN.md §12) when counted by the
program's rule (≥ 4 months of intra-penitentiary intervention); a few members of some
generations left before four months, so the rule visibly matters.
"""

import datetime
import random
import secrets

import phonenumbers
from dateutil.relativedelta import relativedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.cases.models import Case
from reinsercion.paperwork import current_letterhead
from reinsercion.people import actions as person_actions
from reinsercion.people.models import Person
from reinsercion.people.rut import unused_synthetic_rut
from reinsercion.programs import actions as program_actions
from reinsercion.programs.choices import Phase, ProfessionalKind, Role
from reinsercion.programs.models import Cohort, Program, TeamMembership, User

FIRST_NAMES_M = [
    "Juan",
    "Pedro",
    "Luis",
    "Carlos",
    "Jorge",
    "Manuel",
    "Cristián",
    "Rodrigo",
    "Felipe",
    "Matías",
    "Sebastián",
    "Diego",
    "Nicolás",
    "Javier",
    "Patricio",
    "Héctor",
    "Víctor",
    "Marcelo",
    "Claudio",
    "Andrés",
    "Bastián",
    "Benjamín",
]
FIRST_NAMES_F = [
    "María",
    "Camila",
    "Valentina",
    "Javiera",
    "Francisca",
    "Constanza",
    "Daniela",
    "Carolina",
    "Paula",
    "Catalina",
    "Fernanda",
    "Macarena",
]
LAST_NAMES = [
    "González",
    "Muñoz",
    "Rojas",
    "Díaz",
    "Pérez",
    "Soto",
    "Contreras",
    "Silva",
    "Martínez",
    "Sepúlveda",
    "Morales",
    "Rodríguez",
    "López",
    "Fuentes",
    "Hernández",
    "Torres",
    "Araya",
    "Flores",
    "Espinoza",
    "Valenzuela",
    "Castillo",
    "Tapia",
    "Reyes",
    "Gutiérrez",
    "Castro",
    "Pizarro",
    "Álvarez",
    "Vásquez",
    "Sánchez",
    "Fernández",
    "Ramírez",
    "Carrasco",
    "Gómez",
    "Cortés",
    "Herrera",
    "Núñez",
]


def mobile(rng: random.Random) -> str:
    """A Chilean mobile number that ``phonenumbers`` accepts; the same two draws as ever,
    moved to the next valid block when the drawn one is not assigned."""
    block, line = rng.randint(1000, 9999), rng.randint(1000, 9999)
    while not phonenumbers.is_valid_number(phonenumbers.parse(f"+569{block}{line}")):
        block = block + 1 if block < 9999 else 2000
    return f"+56 9 {block} {line}"


COMUNAS = ["Quillota", "Quillota", "Quillota", "La Calera", "La Cruz", "Hijuelas", "Nogales"]
OFFENCES = [
    "Robo con intimidación",
    "Robo en lugar habitado",
    "Hurto simple",
    "Microtráfico de drogas",
    "Robo con violencia",
    "Receptación",
    "Lesiones graves",
]

# DOMAIN.md §12 — members counted and recidivism per generation; plus members who left
# before the four months that make someone count.
OPV_HISTORY = {
    # year: (ordinal, counted, recidivism, left_early, labour outcomes cycle)
    2012: (1, 10, 1, 0),
    2013: (2, 9, 1, 1),
    2014: (3, 9, 1, 0),
    2015: (4, 9, 0, 2),
    2016: (5, 12, 1, 1),
}
LABOUR_CYCLE = [
    LabourOutcome.DEPENDENT_JOB,
    LabourOutcome.INDEPENDENT_WORK,
    LabourOutcome.ENTREPRENEURSHIP,
    LabourOutcome.TRAINING,
    LabourOutcome.DEPENDENT_JOB,
    LabourOutcome.NONE,
]

COURT_EXIT_TYPES = [
    "completion",
    "sentence_substitution",
    "sentence_reduction",
    "death",
    "revoked_noncompliance",
    "revoked_new_conviction",
]

PROGRAMS = [
    dict(
        code="OPV",
        name="Oportunidades para la Vida",
        owner="I. Municipalidad de Quillota",
        description=(
            "Programa municipal de reinserción social para personas privadas de libertad en "
            "el CDP Quillota con domicilio en la comuna: intervención intra y "
            "extrapenitenciaria, trabajo con la familia y un año de seguimiento."
        ),
        uses_cohorts=True,
        max_cohort_size=20,
        max_members_per_year=20,
        exit_types=["completion", "dropout", "transfer", "death"],
        phases=[Phase.INTRA_PENITENTIARY, Phase.EXTRA_PENITENTIARY, Phase.FOLLOW_UP, Phase.CLOSED],
        impact_phase=Phase.INTRA_PENITENTIARY,
        impact_min_months=4,
        follow_up_months=12,
    ),
    dict(
        code="LAE",
        name="Libertad Asistida Especial",
        owner="Servicio Nacional de Reinserción Social Juvenil",
        description=(
            "Sanción de la Ley 20.084 (art. 14) para adolescentes: plan de intervención "
            "individual aprobado por el tribunal, con al menos cuatro eventos de "
            "acompañamiento al mes."
        ),
        phases=[Phase.INTAKE, Phase.ASSESSMENT, Phase.PLAN, Phase.EXECUTION, Phase.EXIT],
        requires_court_data=True,
        retention_years=10,
        exit_types=COURT_EXIT_TYPES,
        min_monthly_events=4,
        events_target_pct=90,
        risk_reduction_target_pct=52,
        supervision_regime="lvi",
        court_report_months=3,
    ),
    dict(
        code="LAS",
        name="Libertad Asistida Simple",
        owner="Servicio Nacional de Reinserción Social Juvenil",
        description=(
            "Sanción de la Ley 20.084 de menor intensidad que LAE: comparte sus objetivos y "
            "etapas, con parámetros de intensidad propios."
        ),
        phases=[Phase.INTAKE, Phase.ASSESSMENT, Phase.PLAN, Phase.EXECUTION, Phase.EXIT],
        requires_court_data=True,
        retention_years=10,
        exit_types=COURT_EXIT_TYPES,
        min_monthly_events=2,
        events_target_pct=90,
        risk_reduction_target_pct=52,
        supervision_regime="lv",
        court_report_months=6,
    ),
]

# username, first, last, kind, [(program, role)], superuser, groups
USERS = [
    ("admin", "Administración", "Plataforma", "", [], True, []),
    (
        "coordinacion.opv",
        "Carla",
        "Fuenzalida",
        "social_worker",
        [("OPV", Role.COORDINATION), ("OPV", Role.SUPERVISION)],
        False,
        [],
    ),
    (
        "psicologa.opv",
        "Ana",
        "Ibáñez",
        ProfessionalKind.PSYCHOLOGIST,
        [("OPV", Role.PROFESSIONAL)],
        False,
        [],
    ),
    (
        "trabajador.opv",
        "Bruno",
        "Olivares",
        ProfessionalKind.SOCIAL_WORKER,
        [("OPV", Role.PROFESSIONAL)],
        False,
        [],
    ),
    (
        "coordinacion.lae",
        "Marta",
        "Quiroz",
        ProfessionalKind.SOCIAL_WORKER,
        [("LAE", Role.COORDINATION), ("LAS", Role.COORDINATION)],
        False,
        [],
    ),
    (
        "supervision.lae",
        "Sofía",
        "Bravo",
        ProfessionalKind.PSYCHOLOGIST,
        [("LAE", Role.SUPERVISION), ("LAS", Role.SUPERVISION)],
        False,
        [],
    ),
    (
        "gestor.lae",
        "Lucas",
        "Vergara",
        ProfessionalKind.CASE_MANAGER,
        [("LAE", Role.PROFESSIONAL), ("LAS", Role.PROFESSIONAL)],
        False,
        [],
    ),
    (
        "gestora.las",
        "Elena",
        "Riquelme",
        ProfessionalKind.CASE_MANAGER,
        [("LAS", Role.PROFESSIONAL), ("LAE", Role.PROFESSIONAL)],
        False,
        [],
    ),
    (
        "direccion",
        "Diego",
        "Salinas",
        "",
        [("OPV", Role.DIRECTION), ("LAE", Role.DIRECTION), ("LAS", Role.DIRECTION)],
        False,
        [],
    ),
    ("editora.web", "Valeria", "Cifuentes", "", [], False, ["Editors"]),
]


class DemoBuilder:
    def __init__(self, seed=2018, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.used_ruts = set(Person.objects.values_list("rut", flat=True))

    def say(self, text):
        if self.stdout:
            self.stdout.write(text)

    # People -------------------------------------------------------------------------------
    def rut(self):
        return unused_synthetic_rut(self.rng, self.used_ruts, 9_000_000, 26_000_000)

    def person(self, actor, *, sex="male", birth_year=1985):
        names = FIRST_NAMES_F if sex == "female" else FIRST_NAMES_M
        first = self.rng.choice(names)
        if self.rng.random() < 0.5:
            first = f"{first} {self.rng.choice(names)}"
        last = f"{self.rng.choice(LAST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        return person_actions.create_person(
            actor=actor,
            rut=self.rut(),
            first_names=first,
            last_names=last,
            birth_date=datetime.date(birth_year, self.rng.randint(1, 12), self.rng.randint(1, 28)),
            sex=sex,
            nationality="Chilena",
            comuna=self.rng.choice(COMUNAS),
            address=f"Pasaje {self.rng.choice(LAST_NAMES)} {self.rng.randint(10, 2500)}",
            phone=mobile(self.rng),
        )

    # Users --------------------------------------------------------------------------------
    def users(self):
        programs = {p.code: p for p in Program.objects.all()}
        logins = []
        for username, first, last, kind, roles, superuser, groups in USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@demo.reinsercion.local"
            user.professional_kind = kind
            user.is_superuser = user.is_staff = superuser
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
            for program_code, role in roles:
                TeamMembership.objects.get_or_create(
                    user=user, program=programs[program_code], role=role
                )
            for group in groups:
                user.groups.add(Group.objects.get(name=group))
            logins.append((username, password, self.describe(roles, superuser, groups)))
        return logins

    @staticmethod
    def describe(roles, superuser, groups):
        if superuser:
            return "Administración (todo)"
        if groups:
            return "Editor/a web (sitio público)"
        return ", ".join(f"{Role(r).label} {p}" for p, r in roles)

    # Programs -----------------------------------------------------------------------------
    def programs(self):
        for data in PROGRAMS:
            Program.objects.update_or_create(code=data["code"], defaults=data)

    # OPV ----------------------------------------------------------------------------------
    def opv(self):
        program = Program.objects.get(code="OPV")
        coordinator = User.objects.get(username="coordinacion.opv")
        professionals = list(User.objects.filter(username__in=["psicologa.opv", "trabajador.opv"]))
        for year, (ordinal, counted, recidivism, left_early) in OPV_HISTORY.items():
            cohort = self.cohort(program, coordinator, ordinal, year)
            if cohort.cases.exists():
                continue
            start = datetime.date(year, 3, 1)
            for i in range(counted):
                outcome = Outcome.RECIDIVISM if i < recidivism else Outcome.EFFECTIVE_REINTEGRATION
                self.opv_graduate(program, cohort, coordinator, professionals, start, i, outcome)
            for i in range(left_early):
                case = self.opv_member(program, cohort, coordinator, professionals, start)
                case_actions.move_case_phase(
                    case=case,
                    to_phase=Phase.CLOSED,
                    actor=coordinator,
                    on_date=start + relativedelta(months=2, days=self.rng.randint(0, 25)),
                    exit_type=ExitType.DROPOUT if i % 2 == 0 else ExitType.TRANSFER,
                    summary="Dejó la intervención antes de completar cuatro meses en la fase "
                    "intrapenitenciaria.",
                )
        # The generations still open are anchored to the day the demo runs, so that their
        # agenda is today's work (the document's 2017 and 2018 generations would be years
        # overdue). The 6th is eight months into its one-year follow-up; the 7th (14 members,
        # as the document's 2018 generation) is three months into its intra-penitentiary phase.
        today = timezone.localdate()
        follow_up_on = today - relativedelta(months=8)
        start = follow_up_on - relativedelta(months=12)
        cohort = self.cohort(program, coordinator, 6, start.year, start)
        if not cohort.cases.exists():
            for _ in range(11):
                case = self.opv_member(program, cohort, coordinator, professionals, start)
                case_actions.move_case_phase(
                    case=case,
                    to_phase=Phase.EXTRA_PENITENTIARY,
                    actor=coordinator,
                    on_date=start + relativedelta(months=7),
                )
                case_actions.move_case_phase(
                    case=case,
                    to_phase=Phase.FOLLOW_UP,
                    actor=coordinator,
                    on_date=follow_up_on,
                )
        start = today - relativedelta(months=3)
        cohort = self.cohort(program, coordinator, 7, start.year, start)
        if not cohort.cases.exists():
            for _ in range(14):
                self.opv_member(program, cohort, coordinator, professionals, start)

    def cohort(self, program, actor, ordinal, year, starts_on=None):
        cohort = Cohort.objects.filter(program=program, ordinal=ordinal).first()
        if cohort:
            return cohort
        starts_on = starts_on or datetime.date(year, 3, 1)
        return program_actions.open_cohort(
            program=program,
            actor=actor,
            ordinal=ordinal,
            year=year,
            starts_on=starts_on,
            ends_on=starts_on + relativedelta(years=1, days=-1),
        )

    def opv_member(self, program, cohort, actor, professionals, start):
        person = self.person(actor, birth_year=self.rng.randint(1968, 1992))
        # OPV's own fields (offence, sentence, expected release), varied by the person, not
        # by the random sequence, so that the rest of the demo stays as it was.
        turn = person.pk
        return case_actions.open_case(
            person=person,
            program=program,
            cohort=cohort,
            actor=actor,
            opened_on=start,
            professionals=professionals,
            offence=OFFENCES[turn % len(OFFENCES)],
            sentence_years=3 + turn % 4,
            sentence_days=(0, 1, 0, 61)[turn % 4],
            expected_release_on=start + relativedelta(months=5 + turn % 4),
        )

    def opv_graduate(self, program, cohort, actor, professionals, start, index, outcome):
        case = self.opv_member(program, cohort, actor, professionals, start)
        released = start + relativedelta(months=self.rng.randint(5, 8))
        follow_up = released + relativedelta(months=self.rng.randint(3, 5))
        closed = follow_up + relativedelta(months=12)
        case_actions.move_case_phase(
            case=case, to_phase=Phase.EXTRA_PENITENTIARY, actor=actor, on_date=released
        )
        case_actions.move_case_phase(
            case=case, to_phase=Phase.FOLLOW_UP, actor=actor, on_date=follow_up
        )
        recidivism = outcome == Outcome.RECIDIVISM
        case_actions.move_case_phase(
            case=case,
            to_phase=Phase.CLOSED,
            actor=actor,
            on_date=closed,
            exit_type=ExitType.COMPLETION,
            outcome=outcome,
            recidivism_offence=self.rng.choice(OFFENCES) if recidivism else "",
            recidivism_on=closed - relativedelta(months=2) if recidivism else None,
            labour_outcome=LabourOutcome.NONE
            if recidivism
            else LABOUR_CYCLE[index % len(LABOUR_CYCLE)],
            summary="Completó la intervención y el año de seguimiento.",
        )

    # LAE / LAS ----------------------------------------------------------------------------
    def judicial(self, code, count):
        program = Program.objects.get(code=code)
        if program.cases.exists():
            return
        coordinator = User.objects.get(username="coordinacion.lae")
        managers = list(User.objects.filter(username__in=["gestor.lae", "gestora.las"]))
        today = timezone.localdate()
        phases = program.phases
        for i in range(count):
            sex = "female" if i % 5 == 0 else "male"
            person = self.person(
                coordinator, sex=sex, birth_year=today.year - self.rng.randint(15, 19)
            )
            target = phases[i % len(phases)]
            steps = phases.index(target)
            final_on = today - relativedelta(days=20 + 25 * steps + self.rng.randint(0, 20))
            case = case_actions.open_case(
                person=person,
                program=program,
                actor=coordinator,
                opened_on=final_on + relativedelta(days=self.rng.randint(1, 5)),
                professionals=[managers[i % len(managers)]],
                court="Juzgado de Garantía de Quillota",
                rit=f"{1000 + i}-{today.year - 1}",
                ruc=f"{today.year - 2000 - 1}00{self.rng.randint(100000, 999999)}-{i % 10}",
                offence=self.rng.choice(OFFENCES),
                sentence_years=self.rng.choice([0, 1, 1, 2, 3]) or None,
                sentence_days=self.rng.choice([0, 180, 240, 300]) or None,
                sentence_final_on=final_on,
                sentence_starts_on=final_on,
                sentence_ends_on=final_on + relativedelta(years=1, months=6),
                drug_treatment_condition=(i % 4 == 0),
            )
            on = case.opened_on
            for phase in phases[1 : steps + 1]:
                on = min(on + relativedelta(days=self.rng.randint(8, 25)), today)
                extra = {}
                if phase == program.terminal_phase:
                    extra = dict(
                        exit_type=ExitType.COMPLETION,
                        summary="Cumplió la sanción y su plan de intervención.",
                    )
                case_actions.move_case_phase(
                    case=case, to_phase=phase, actor=coordinator, on_date=on, **extra
                )


@transaction.atomic
def letterhead():
    """The letterhead of the demo's PDFs, unless someone already configured it."""
    head = current_letterhead()
    if head.pk and not (head.address or head.representative_name):
        head.unit = "Dirección de Desarrollo Comunitario · Programas de reinserción social"
        head.address = "Dirección de demostración 123, Quillota"
        head.representative_name = "Representante de demostración"
        head.representative_title = "Alcalde/sa"
        head.save()


def build(stdout=None, seed=2018):
    builder = DemoBuilder(seed=seed, stdout=stdout)
    letterhead()
    builder.programs()
    logins = builder.users()
    builder.opv()
    builder.judicial("LAE", 20)
    builder.judicial("LAS", 20)
    return logins, Case.objects.count()
