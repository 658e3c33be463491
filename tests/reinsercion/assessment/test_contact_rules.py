import pytest

from reinsercion.assessment.rules.contact import CUADRO_1, CUADRO_5, recommend
from reinsercion.cases.models import Case
from reinsercion.extensions import contact_requirements
from tests.factories import open_case

from ..assessment_factories import assess, configured_version

# Every cell of Cuadro N°1 (LV norms, p. 41): risk, need → days, frequency, intervention.
CUADRO_1_CELLS = [
    ("very_low", "low", 60, "Cada dos meses", "Control"),
    ("very_low", "medium", 60, "Cada dos meses", "Consejería"),
    ("very_low", "high", 60, "Cada dos meses", "Consejería"),
    ("low", "low", 60, "Cada dos meses", "Control o Consejería"),
    ("low", "medium", 30, "Mensual", "Consejería o Intervención individual"),
    ("low", "high", 30, "Mensual", "Intervención individual o Programa baja intensidad"),
    ("medium", "low", 30, "Mensual", "Intervención individual o Programa baja intensidad"),
    ("medium", "medium", 14, "Cada dos semanas", "Intervención individual + Programa estándar"),
    ("medium", "high", 14, "Cada dos semanas", "Intervención individual + Programa estándar"),
    ("high", "low", 14, "Cada dos semanas", "Intervención individual / Programa estándar"),
    ("high", "medium", 14, "Cada dos semanas", "Intervención individual + Programa estándar"),
    ("high", "high", 7, "Semanal", "Control + Intervención individual + Programas"),
    ("very_high", "low", 7, "Semanal", "Control + Intervención individual o Programa estándar"),
    ("very_high", "medium", 7, "Semanal", "Control + Intervención individual + Programa estándar"),
    ("very_high", "high", 7, "Semanal", "Control + Intervención individual + Programa estándar"),
]

# Every cell of Cuadro N°5 (sexual and VIF offences, p. 51).
CUADRO_5_CELLS = [
    ("very_low", "low", 14, "Intervención individual"),
    ("very_low", "medium", 14, "Intervención individual o Programa (baja intensidad)"),
    ("very_low", "high", 14, "Intervención individual o Programa (baja intensidad)"),
    ("low", "low", 14, "Intervención individual"),
    ("low", "medium", 14, "Intervención individual o Programa (baja intensidad)"),
    ("low", "high", 14, "Intervención individual o Programa (baja intensidad)"),
    ("medium", "low", 7, "Intervención individual + Programas (estándar/refuerzo)"),
    ("medium", "medium", 7, "Intervención individual + Programa (estándar/refuerzo)"),
    ("medium", "high", 7, "Intervención individual + Programa (estándar/refuerzo)"),
    ("high", "low", 7, "Intervención individual + Programa (estándar/refuerzo)"),
    ("high", "medium", 7, "Control + Intervención individual + Programas (estándar/refuerzo)"),
    ("high", "high", 7, "Control + Intervención individual + Programa (estándar/refuerzo)"),
    ("very_high", "low", 7, "Intervención individual + Programa (estándar/refuerzo)"),
    ("very_high", "medium", 7, "Control + Intervención individual + Programas (estándar/refuerzo)"),
    ("very_high", "high", 7, "Control + Intervención individual + Programa (estándar/refuerzo)"),
]

VISITS = {"very_low": 120, "low": 120, "medium": 90, "high": 60, "very_high": 30}


def test_the_tables_have_every_cell():
    assert len(CUADRO_1) == len(CUADRO_1_CELLS) == 15
    assert len(CUADRO_5) == len(CUADRO_5_CELLS) == 15


@pytest.mark.parametrize("risk,need,days,frequency,intervention", CUADRO_1_CELLS)
def test_cuadro_1_recommendation(risk, need, days, frequency, intervention):
    # when
    rec = recommend(risk=risk, need=need)
    # then
    assert (rec.interval_days, rec.frequency, rec.intervention) == (days, frequency, intervention)
    assert rec.visit_interval_days == VISITS[risk]
    assert "Cuadro N°1" in rec.rule


@pytest.mark.parametrize("risk,need,days,intervention", CUADRO_5_CELLS)
def test_cuadro_5_recommendation(risk, need, days, intervention):
    # when
    rec = recommend(risk=risk, need=need, sexual_or_vif=True)
    # then
    assert (rec.interval_days, rec.intervention) == (days, intervention)
    assert rec.rule.startswith("Cuadro N°5")
    assert rec.visit_interval_days == VISITS[risk]


def test_alto_alta_takes_the_stricter_minimum_of_cuadros_1_and_3():
    # when: Cuadro 1 says weekly, Cuadro 3 every two weeks
    rec = recommend(risk="high", need="high")
    # then
    assert rec.interval_days == 7
    assert "mínimo más estricto" in rec.rule
    assert "Cuadro N°3" in rec.rule


@pytest.mark.parametrize(
    "risk,need,expected",
    [("very_low", "low", 30), ("low", "medium", 30), ("medium", "medium", 14), ("high", "high", 7)],
)
def test_drug_treatment_condition_means_at_least_monthly(risk, need, expected):
    # when
    rec = recommend(risk=risk, need=need, drug_treatment=True)
    # then
    assert rec.interval_days == expected
    if expected == 30 and CUADRO_1[(risk, need)].interval_days > 30:
        assert rec.rule.startswith("Condición de tratamiento")


@pytest.mark.parametrize(
    "risk,visit_frequency",
    [
        ("very_low", "Cada cuatro meses"),
        ("low", "Cada cuatro meses"),
        ("medium", "Cada tres meses"),
        ("high", "Cada dos meses"),
        ("very_high", "Mensual"),
    ],
)
def test_field_visit_minimums(risk, visit_frequency):
    assert recommend(risk=risk, need="low").visit_frequency == visit_frequency


def test_contact_provider_returns_the_requirement_of_the_latest_assessment(
    case, professional, django_assert_max_num_queries
):
    # given: a first Medio/alta assessment, then a Bajo/baja reassessment
    version = configured_version()
    assess(case, professional, version, peers=5, attitudes=5, employment=1)
    assess(
        case,
        professional,
        version,
        peers=1,
        attitudes=1,
        employment=3,
        reason="yearly",
        on=case.opened_on.replace(month=6),
    )
    # when
    with django_assert_max_num_queries(4):
        requirements = contact_requirements(Case.objects.filter(pk=case.pk))
    # then: total 5 → Bajo; highest need media (3 ≥ 2) → monthly
    requirement = requirements[case.pk]
    assert requirement.interval_days == 30
    assert requirement.rule == "Cuadro N°1 (delitos comunes): riesgo Bajo, necesidad media"
    assert requirement.visit_interval_days == 120


def test_contact_provider_queries_are_bounded_for_many_cases(
    opv, coordinator, professional, django_assert_max_num_queries
):
    # given

    version = configured_version()
    for _ in range(5):
        c = open_case(program=opv, actor=coordinator, professionals=[professional])
        assess(c, professional, version, peers=4)
    # when / then
    with django_assert_max_num_queries(4):
        result = contact_requirements(Case.objects.all())
    assert len(result) == 5


def test_a_specific_sexual_or_vif_instrument_prevails_and_uses_cuadro_5(case, professional):
    # given: general says Bajo; the specific instrument says Medio
    general = configured_version()
    specific = configured_version(kind="vif", prevails=True)
    assess(case, professional, general, peers=5)
    assess(case, professional, specific, peers=10)
    # when
    requirement = contact_requirements(Case.objects.filter(pk=case.pk))[case.pk]
    # then
    assert requirement.rule.startswith("Cuadro N°5")
    assert requirement.interval_days == 7
