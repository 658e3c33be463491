"""Helpers for assessment and plan tests: a configured instrument (synthetic cut-offs, for
tests only) and shortcuts that go through the real actions."""

import datetime
import itertools

from reinsercion.assessment import actions as assessment_actions
from reinsercion.assessment.models import Domain, Instrument, InstrumentVersion, RiskCutoff
from reinsercion.plans import actions as plan_actions

_codes = itertools.count(1)

# Synthetic test instrument: total 0–4 Muy Bajo, 5–9 Bajo, 10–14 Medio, 15–19 Alto, 20+ Muy Alto.
CUTOFFS = {"very_low": 0, "low": 5, "medium": 10, "high": 15, "very_high": 20}
DOMAINS = [
    # code, name, axis, is_static
    ("peers", "Pares", "criminogenic", False),
    ("attitudes", "Actitudes procriminales", "criminogenic", False),
    ("employment", "Educación / empleo", "criminogenic", False),
    ("housing", "Vivienda", "non_criminogenic", False),
    ("motivation", "Motivación al cambio", "adherence", False),
    ("history", "Historia criminal", "criminogenic", True),
]


def configured_version(*, kind="general", prevails=False, name=None) -> InstrumentVersion:
    """An instrument with risk cut-offs and need cut-offs (medium from 2, high from 4)."""
    n = next(_codes)
    instrument = Instrument.objects.create(
        code=f"prueba-{n}", name=name or f"Instrumento de prueba {n}", kind=kind, prevails=prevails
    )
    version = InstrumentVersion.objects.create(instrument=instrument, label="1")
    for level, minimum in CUTOFFS.items():
        RiskCutoff.objects.create(version=version, level=level, min_total=minimum)
    for order, (code, label, axis, static) in enumerate(DOMAINS, start=1):
        Domain.objects.create(
            version=version,
            code=code,
            name=label,
            sort_order=order,
            axis=axis,
            is_static=static,
            min_score=0,
            max_score=10,
            medium_from=2,
            high_from=4,
        )
    return version


def scores_for(version, **by_code):
    """Domain id → score, 0 for every domain not named."""
    return {d.pk: by_code.get(d.code, 0) for d in version.domains.all()}


def assess(case, actor, version, *, on=datetime.date(2026, 1, 20), **kwargs):
    """Record an assessment; keyword scores by domain code, other keywords to the action."""
    codes = {d.code for d in version.domains.all()}
    scores = {k: kwargs.pop(k) for k in list(kwargs) if k in codes}
    return assessment_actions.record_assessment(
        case=case,
        version=version,
        actor=actor,
        assessed_on=on,
        scores=scores_for(version, **scores),
        **kwargs,
    )


def domain(version, code):
    return version.domains.get(code=code)


def plan_with_objectives(case, actor, version, codes=("peers",), **plan_data):
    data = {"control_frequency": "biweekly", "synthesis": "Síntesis del caso.", **plan_data}
    plan = plan_actions.create_plan(case=case, actor=actor, **data)
    for code in codes:
        plan_actions.add_objective(
            plan=plan,
            actor=actor,
            domain=domain(version, code),
            objective=f"Objetivo en {code}",
            actions=f"Acciones en {code}",
        )
    return plan
