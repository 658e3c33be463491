"""Factories for programs with slots. Requests go through the real actions."""

import factory

from cupos import actions
from cupos.choices import StartMode
from cupos.models import InterventionProgram
from red.choices import SharedField
from reinsercion.activities.choices import Ambit

from ..factories import open_case
from ..reinsercion.assessment_factories import assess, plan_with_objectives


class InterventionProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionProgram

    name = factory.Sequence(lambda n: f"Programa de prueba {n}")
    slots = 2
    duration_weeks = 12
    ambit = Ambit.PSYCHOSOCIAL
    start_mode = StartMode.ROLLING


def planned_case(*, program, actor, version, codes=("peers", "attitudes"), **case_kwargs):
    """A case of ``program`` assessed and with a plan whose objectives are ``codes``, in
    that order of priority."""
    case = open_case(program=program, actor=actor, professionals=[actor], **case_kwargs)
    assess(case, actor, version, peers=2, attitudes=2, employment=2, history=0)
    plan_with_objectives(case, actor, version, codes=codes)
    return case


def objective(case, number=1):
    return case.plans.get().objectives.order_by("sort_order")[number - 1]


def request_slot(case, actor, program, *, number=1, shared=(SharedField.RUT,)):
    return actions.request_slot(
        case=case,
        actor=actor,
        program=program,
        objective=objective(case, number),
        reason="Intervención especializada según el plan.",
        shared_fields=shared,
    )
