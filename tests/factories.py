"""Factories for the core case model. Cases are opened through the real actions."""

import datetime
import itertools

import factory

from django.contrib.auth.models import Group

from reinsercion.cases import actions as case_actions
from reinsercion.people.models import Person
from reinsercion.people.rut import with_check_digit
from reinsercion.programs.choices import Phase, Role
from reinsercion.programs.models import Cohort, Program, TeamMembership, User

_rut_bodies = itertools.count(15_000_001)


def next_rut() -> str:
    return with_check_digit(next(_rut_bodies))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es_CL")
    last_name = factory.Faker("last_name", locale="es_CL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("clave-de-prueba-123")


class ProgramFactory(factory.django.DjangoModelFactory):
    """A generational program shaped like OPV."""

    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = "OPV"
    name = "Oportunidades para la Vida"
    uses_cohorts = True
    max_cohort_size = 20
    phases = [Phase.INTRA_PENITENTIARY, Phase.EXTRA_PENITENTIARY, Phase.FOLLOW_UP, Phase.CLOSED]
    impact_phase = Phase.INTRA_PENITENTIARY
    impact_min_months = 4
    follow_up_months = 12


class JudicialProgramFactory(ProgramFactory):
    """A court-ordered program shaped like LAE."""

    code = "LAE"
    name = "Libertad Asistida Especial"
    uses_cohorts = False
    max_cohort_size = None
    phases = [Phase.INTAKE, Phase.ASSESSMENT, Phase.PLAN, Phase.EXECUTION, Phase.EXIT]
    requires_court_data = True
    impact_phase = ""
    impact_min_months = None
    follow_up_months = None
    min_monthly_events = 4
    events_target_pct = 90
    risk_reduction_target_pct = 52
    court_report_months = 3


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    ordinal = factory.Sequence(lambda n: n + 1)
    year = 2018
    starts_on = datetime.date(2018, 3, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    rut = factory.LazyFunction(next_rut)
    first_names = factory.Faker("first_name", locale="es_CL")
    last_names = factory.Faker("last_name", locale="es_CL")
    birth_date = datetime.date(1990, 5, 17)
    sex = "male"
    comuna = "Quillota"


def member(user: User, program: Program, role: str = Role.PROFESSIONAL) -> User:
    TeamMembership.objects.get_or_create(user=user, program=program, role=role)
    return user


def web_editor(username="editora") -> User:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def open_case(
    *, program, actor, professionals=(), cohort=None, person=None, opened_on=None, **court
):
    """Open a case the way the team does (through the action)."""
    if program.uses_cohorts and cohort is None:
        cohort = CohortFactory(program=program)
    if program.requires_court_data:
        court = {
            "court": "Juzgado de Garantía de Quillota",
            "offence": "Robo con intimidación",
            "sentence_final_on": opened_on or datetime.date(2026, 1, 5),
            **court,
        }
    return case_actions.open_case(
        person=person or PersonFactory(),
        program=program,
        actor=actor,
        cohort=cohort,
        professionals=professionals,
        opened_on=opened_on or datetime.date(2026, 1, 5),
        **court,
    )
