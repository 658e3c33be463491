"""What the norms recommend for the plan: at most 4 objectives and 2 at a time unless
supervision allows an exception with its reason; a drug-treatment condition puts the referral
to treatment first."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reinsercion.assessment.models import Domain
from reinsercion.cases import actions as case_actions
from reinsercion.plans import actions as plan_actions
from reinsercion.plans.models import ObjectiveStatus
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member
from ..assessment_factories import assess, configured_version, domain, plan_with_objectives

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def assessed_case(lae_case, lae_professional, version):
    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2, housing=2)
    return lae_case


@pytest.fixture
def lae_supervisor(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


def fifth(plan, actor, version):
    return plan_actions.add_objective(
        plan=plan,
        actor=actor,
        domain=domain(version, "housing"),
        objective="Quinto objetivo",
        actions="Acciones",
    )


def test_supervision_may_allow_a_fifth_objective_with_its_reason(
    assessed_case, lae_professional, lae_supervisor, version
):
    # given a plan with the 4 objectives the norms recommend
    plan = plan_with_objectives(
        assessed_case, lae_professional, version, ("peers", "attitudes", "employment", "motivation")
    )
    with pytest.raises(ValidationError, match="ya tiene 4 objetivos"):
        fifth(plan, lae_professional, version)
    # when supervision allows 5 objectives and 3 at a time, with a reason
    plan_actions.allow_limits_exception(
        plan=plan,
        actor=lae_supervisor,
        max_objectives=5,
        max_in_progress=3,
        reason="Vivienda urgente: situación de calle inminente.",
    )
    # then the fifth objective fits, and three may be in progress
    row = fifth(plan, lae_professional, version)
    for objective in plan.objectives.order_by("sort_order")[:3]:
        plan_actions.set_objective_status(
            objective=objective, actor=lae_professional, status=ObjectiveStatus.IN_PROGRESS
        )
    with pytest.raises(ValidationError, match="Ya hay 3 objetivos en proceso"):
        plan_actions.set_objective_status(
            objective=row, actor=lae_professional, status=ObjectiveStatus.IN_PROGRESS
        )
    plan.refresh_from_db()
    assert plan.exception_by == lae_supervisor
    assert plan.exception_reason == "Vivienda urgente: situación de calle inminente."


def test_an_exception_needs_a_reason_and_supervision(
    assessed_case, lae_professional, lae_supervisor, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    with pytest.raises(PermissionDenied):
        plan_actions.allow_limits_exception(
            plan=plan, actor=lae_professional, max_objectives=5, max_in_progress=2, reason="x"
        )
    with pytest.raises(ValidationError) as refused:
        plan_actions.allow_limits_exception(
            plan=plan, actor=lae_supervisor, max_objectives=5, max_in_progress=2, reason=" "
        )
    assert "reason" in refused.value.error_dict


def test_the_exception_page_is_for_supervision_only(
    assessed_case, lae_professional, lae_supervisor, version, client_for
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    url = reverse("team:plan_limits_exception", args=[assessed_case.pk, plan.pk])
    assert client_for(lae_professional).get(url).status_code == 403
    client = client_for(lae_supervisor)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"max_objectives": 6, "max_in_progress": 2, "reason": "Caso complejo."}
    )
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Excepción autorizada por Sara" in page
    assert "Caso complejo." in page
    assert "de 6 objetivos" in page


def test_another_programs_supervisor_gets_404(
    assessed_case, lae_professional, version, supervisor, client_for
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    url = reverse("team:plan_limits_exception", args=[assessed_case.pk, plan.pk])
    assert client_for(supervisor).get(url).status_code == 404  # OPV's supervisor


@pytest.mark.parametrize("with_drug_domain", [True, False])
def test_a_drug_treatment_condition_puts_the_referral_to_treatment_first(
    lae_case, lae_professional, version, with_drug_domain
):
    # given a case with the court's drug-treatment condition
    if with_drug_domain:
        Domain.objects.create(
            version=version,
            code="alcohol_drugs",
            name="Consumo de alcohol / drogas",
            sort_order=9,
            axis="criminogenic",
            min_score=0,
            max_score=10,
            medium_from=2,
            high_from=4,
        )
    case_actions.update_case(case=lae_case, actor=lae_professional, drug_treatment_condition=True)
    assess(lae_case, lae_professional, version, peers=2)
    # when the plan is created
    plan = plan_actions.create_plan(
        case=lae_case, actor=lae_professional, control_frequency="biweekly"
    )
    # then its first objective, in progress, is the referral to treatment
    first = plan.objectives.order_by("sort_order").first()
    assert first.objective.startswith("Derivación a tratamiento de rehabilitación")
    assert first.status == ObjectiveStatus.IN_PROGRESS
    assert (first.domain.code if first.domain else first.area) == (
        "alcohol_drugs" if with_drug_domain else "mental_health"
    )


def test_without_the_condition_the_plan_starts_empty(lae_case, lae_professional, version):
    assess(lae_case, lae_professional, version, peers=2)
    plan = plan_actions.create_plan(
        case=lae_case, actor=lae_professional, control_frequency="biweekly"
    )
    assert not plan.objectives.exists()
