import datetime

import pytest
import time_machine

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reinsercion.assessment.models import Axis
from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources, timeline_sources
from reinsercion.plans import actions as plan_actions
from reinsercion.plans.models import InterventionPlan, PlanArea, PlanLayout
from reinsercion.plans.queries import plan_deadline
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member
from ..assessment_factories import assess, configured_version, domain, plan_with_objectives

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def assessed_case(lae_case, lae_professional, version):
    """An LAE case whose assessment marks five areas as needs (peers, attitudes, employment,
    housing, motivation) and Medio risk."""
    assess(
        lae_case,
        lae_professional,
        version,
        peers=2,
        attitudes=2,
        employment=2,
        housing=2,
        motivation=2,
        history=0,
    )
    return lae_case


@pytest.fixture
def lae_supervisor(lae):

    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


def walk_to(plan, status, *, author, supervisor):
    steps = {
        "in_review": [("in_review", author)],
        "endorsed": [("in_review", author), ("endorsed", supervisor)],
        "sent_to_court": [
            ("in_review", author),
            ("endorsed", supervisor),
            ("sent_to_court", author),
        ],
        "in_execution": [
            ("in_review", author),
            ("endorsed", supervisor),
            ("sent_to_court", author),
            ("approved", author),
            ("in_execution", author),
        ],
    }[status]
    for target, actor in steps:
        plan_actions.transition_plan(plan=plan, actor=actor, to_status=target)
    return plan


def test_a_fifth_objective_is_refused(assessed_case, lae_professional, version):
    # given
    plan = plan_with_objectives(
        assessed_case,
        lae_professional,
        version,
        codes=("peers", "attitudes", "employment", "housing"),
    )
    # when / then
    with pytest.raises(ValidationError) as error:
        plan_actions.add_objective(
            plan=plan,
            actor=lae_professional,
            domain=domain(version, "motivation"),
            objective="Quinto",
            actions="Acciones",
        )
    assert "ya tiene 4 objetivos, el máximo" in error.value.messages[0]


def test_a_third_objective_in_progress_is_refused(assessed_case, lae_professional, version):
    plan = plan_with_objectives(assessed_case, lae_professional, version, codes=())
    for code in ("peers", "attitudes"):
        plan_actions.add_objective(
            plan=plan,
            actor=lae_professional,
            domain=domain(version, code),
            objective="Objetivo",
            actions="Acciones",
            status="in_progress",
        )
    with pytest.raises(ValidationError) as error:
        plan_actions.add_objective(
            plan=plan,
            actor=lae_professional,
            domain=domain(version, "employment"),
            objective="Objetivo",
            actions="Acciones",
            status="in_progress",
        )
    assert "no se trabajan más de 2 a la vez" in error.value.message_dict["status"][0]


def test_moving_a_third_objective_to_in_progress_is_refused(
    assessed_case, lae_professional, version
):
    plan = plan_with_objectives(
        assessed_case, lae_professional, version, codes=("peers", "attitudes", "employment")
    )
    first, second, third = plan.objectives.all()
    for row in (first, second):
        plan_actions.set_objective_status(
            objective=row, actor=lae_professional, status="in_progress"
        )
    with pytest.raises(ValidationError):
        plan_actions.set_objective_status(
            objective=third, actor=lae_professional, status="in_progress"
        )
    # once one is met, the next may start
    plan_actions.set_objective_status(objective=first, actor=lae_professional, status="achieved")
    plan_actions.set_objective_status(objective=third, actor=lae_professional, status="in_progress")


def test_a_criminogenic_objective_in_an_area_that_is_not_a_need_is_refused(
    lae_case, lae_professional, version
):
    assess(lae_case, lae_professional, version, peers=4)  # only peers is a need
    plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    with pytest.raises(ValidationError) as error:
        plan_actions.add_objective(
            plan=plan,
            actor=lae_professional,
            domain=domain(version, "employment"),
            objective="Empleo",
            actions="Apresto laboral",
        )
    assert "no es una necesidad" in error.value.message_dict["domain"][0]


@pytest.mark.parametrize("code", ["housing", "motivation"])
def test_a_non_criminogenic_or_adherence_domain_needs_no_measured_need(
    code, lae_case, lae_professional, version
):
    # given only peers is a need; housing (non-criminogenic) and motivation (adherence) are not
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    # when
    row = plan_actions.add_objective(
        plan=plan,
        actor=lae_professional,
        domain=domain(version, code),
        objective="Objetivo",
        actions="Acciones",
    )
    # then
    assert row.axis == domain(version, code).axis


@pytest.mark.parametrize(
    ("area", "axis"),
    [
        (PlanArea.MENTAL_HEALTH, Axis.NON_CRIMINOGENIC),
        (PlanArea.SOCIAL_ASSISTANCE, Axis.NON_CRIMINOGENIC),
        (PlanArea.MOTIVATION, Axis.ADHERENCE),
    ],
)
def test_an_area_of_the_non_criminogenic_or_adherence_axis_is_accepted(
    area, axis, lae_case, lae_professional, version
):
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    row = plan_actions.add_objective(
        plan=plan, actor=lae_professional, area=area, objective="Objetivo", actions="Acciones"
    )
    assert (row.axis, row.area_name) == (axis, area.label)


def test_the_opv_ambitos_familiar_and_laboral_are_offered_on_the_opv_layout_only(
    lae_case, lae_professional, case, professional, version
):
    # given a court program's plan (annex A) and an OPV plan
    assess(lae_case, lae_professional, version, peers=4)
    lae_plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    assess(case, professional, version, peers=4)
    opv_plan = plan_with_objectives(case, professional, version, codes=())
    # then annex A refuses the ámbito laboral (there it is an IGI subcomponent)
    with pytest.raises(ValidationError):
        plan_actions.add_objective(
            plan=lae_plan, actor=lae_professional, area=PlanArea.LABOUR, objective="O", actions="A"
        )
    # and the OPV plan, laid out for OPV, takes both ámbitos
    assert opv_plan.layout == PlanLayout.OPV
    for area in (PlanArea.FAMILY, PlanArea.LABOUR):
        row = plan_actions.add_objective(
            plan=opv_plan, actor=professional, area=area, objective="O", actions="A"
        )
        assert row.axis == Axis.NON_CRIMINOGENIC


def test_the_plan_form_offers_only_the_layouts_of_the_program(
    lae_case, lae_professional, case, professional, version, client_for
):
    # given an LAE case and an OPV case, both assessed
    assess(lae_case, lae_professional, version, peers=4)
    assess(case, professional, version, peers=4)
    # when each professional opens the new plan form
    lae_form = client_for(lae_professional).get(reverse("team:plan_create", args=[lae_case.pk]))
    opv_form = client_for(professional).get(reverse("team:plan_create", args=[case.pk]))
    # then LAE chooses between the court annexes, and OPV has nothing to choose
    lae_choices = [value for value, _ in lae_form.context["form"].fields["layout"].choices]
    assert lae_choices == [PlanLayout.ANNEX_A, PlanLayout.ANNEX_B]
    opv_body = opv_form.content.decode()
    assert "Anexo A" not in opv_body and "Anexo B" not in opv_body
    assert "monitoreo telemático" not in opv_body.lower()
    # and an annex layout forced onto an OPV plan is refused
    with pytest.raises(ValidationError) as error:
        plan_actions.create_plan(
            case=case, actor=professional, layout=PlanLayout.ANNEX_B, control_frequency="weekly"
        )
    assert "OPV" in error.value.message_dict["layout"][0]


def test_the_objective_form_offers_the_areas_and_saves_one(
    lae_case, lae_professional, version, client_for
):
    # given
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    url = reverse("team:plan_objective_create", args=[lae_case.pk, plan.pk])
    client = client_for(lae_professional)
    # when
    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "domain": PlanArea.MOTIVATION,
            "objective": "Sostener la asistencia",
            "actions": "Entrevista motivacional",
            "sentence_year": 1,
            "status": "pending",
        },
    )
    # then
    assert "Consideraciones para la adherencia" in page and "Salud mental" in page
    assert "Ámbito laboral" not in page
    assert response.status_code == 302
    assert plan.objectives.get().area == PlanArea.MOTIVATION


def test_not_achieved_requires_its_reason(assessed_case, lae_professional, version):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    row = plan.objectives.get()
    with pytest.raises(ValidationError):
        plan_actions.set_objective_status(
            objective=row, actor=lae_professional, status="not_achieved"
        )
    plan_actions.set_objective_status(
        objective=row,
        actor=lae_professional,
        status="not_achieved",
        reason="resources",
        note="Sin cupo en el programa",
    )
    row.refresh_from_db()
    assert row.get_not_achieved_reason_display() == "Falta de recursos (p. ej., sin cupo)"


def test_the_author_cannot_approve_their_own_plan(opv, case, version):
    # given: Carla coordinates OPV and also holds supervision; she writes the plan

    carla = member(UserFactory(username="carla"), opv, Role.COORDINATION)
    member(carla, opv, Role.SUPERVISION)
    assess(case, carla, version, peers=4)
    plan = plan_with_objectives(case, carla, version)
    plan_actions.transition_plan(plan=plan, actor=carla, to_status="in_review")
    # when / then
    with pytest.raises(PermissionDenied, match="no puede visarlo"):
        plan_actions.transition_plan(plan=plan, actor=carla, to_status="endorsed")
    plan.refresh_from_db()
    assert plan.status == "in_review"


def test_a_professional_cannot_endorse(assessed_case, lae_professional, version):

    other = member(UserFactory(username="otro_gestor"), assessed_case.program, Role.PROFESSIONAL)
    assessed_case.professionals.add(other)
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    with pytest.raises(PermissionDenied, match="Solo la supervisión"):
        plan_actions.transition_plan(plan=plan, actor=other, to_status="endorsed")


def test_supervision_returns_with_comments_then_endorses(
    assessed_case, lae_professional, lae_supervisor, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    with pytest.raises(ValidationError):
        plan_actions.transition_plan(plan=plan, actor=lae_supervisor, to_status="returned")
    plan_actions.transition_plan(
        plan=plan,
        actor=lae_supervisor,
        to_status="returned",
        comment="Precisar las acciones del objetivo 1.",
    )
    plan_actions.update_plan(plan=plan, actor=lae_professional, development="Detalle nuevo")
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    plan_actions.transition_plan(plan=plan, actor=lae_supervisor, to_status="endorsed")
    plan.refresh_from_db()
    assert plan.status == "endorsed"
    assert plan.supervisor == lae_supervisor
    assert [e.kind for e in plan.events.all()] == [
        "created",
        "submitted",
        "returned",
        "submitted",
        "endorsed",
    ]


def test_rejection_needs_a_new_hearing_date_and_reformulation_keeps_the_old_version(
    assessed_case, lae_professional, lae_supervisor, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    walk_to(plan, "sent_to_court", author=lae_professional, supervisor=lae_supervisor)
    with pytest.raises(ValidationError):
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="rejected")
    plan_actions.transition_plan(
        plan=plan,
        actor=lae_professional,
        to_status="rejected",
        hearing_on=datetime.date(2026, 4, 10),
    )
    new = plan_actions.new_plan_version(
        plan=plan, actor=lae_professional, comment="Reformulación pedida por el tribunal"
    )
    plan.refresh_from_db()
    assert plan.status == "rejected" and plan.court_hearing_on == datetime.date(2026, 4, 10)
    assert (new.number, new.status, new.previous) == (2, "draft", plan)
    assert new.objectives.count() == 1


def test_a_modification_without_a_new_assessment_is_refused(
    assessed_case, lae_professional, lae_supervisor, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    walk_to(plan, "in_execution", author=lae_professional, supervisor=lae_supervisor)
    with pytest.raises(ValidationError, match="se requiere una nueva evaluación"):
        plan_actions.new_plan_version(plan=plan, actor=lae_professional)
    assert InterventionPlan.objects.count() == 1


def test_a_modification_after_a_new_assessment_is_a_new_version_reviewed_again(
    assessed_case, lae_professional, lae_supervisor, version
):
    # given
    plan = plan_with_objectives(
        assessed_case, lae_professional, version, codes=("peers", "employment")
    )
    walk_to(plan, "in_execution", author=lae_professional, supervisor=lae_supervisor)
    assess(
        assessed_case,
        lae_professional,
        version,
        peers=4,
        on=datetime.date(2026, 2, 20),
        reason="other",
    )  # employment (criminogenic) no longer a need
    # when
    new = plan_actions.new_plan_version(
        plan=plan, actor=lae_professional, comment="Nueva evaluación"
    )
    # then
    plan.refresh_from_db()
    assert plan.status == "modified"
    assert new.status == "draft" and new.number == 2
    assert [o.domain.code for o in new.objectives.all()] == ["peers"]
    assert [o.domain.code for o in plan.objectives.all()] == ["peers", "employment"]
    walk_to(new, "in_review", author=lae_professional, supervisor=lae_supervisor)


def test_an_executing_plan_cannot_be_edited(
    assessed_case, lae_professional, lae_supervisor, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    walk_to(plan, "in_execution", author=lae_professional, supervisor=lae_supervisor)
    with pytest.raises(ValidationError, match="cree una nueva versión"):
        plan_actions.update_plan(plan=plan, actor=lae_professional, synthesis="Otra")


def test_programs_without_court_go_from_endorsed_to_execution(
    opv, case, professional, supervisor, version
):
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    walk_to(plan, "endorsed", author=professional, supervisor=supervisor)
    with pytest.raises(ValidationError):
        plan_actions.transition_plan(plan=plan, actor=professional, to_status="sent_to_court")
    plan_actions.transition_plan(plan=plan, actor=professional, to_status="in_execution")


@time_machine.travel(datetime.datetime(2026, 1, 20, 12, 0), tick=False)
@pytest.mark.parametrize("day,accepted", [(0, True), (10, True), (11, False)])
def test_an_extension_is_accepted_only_within_10_days_of_intake(
    lae_case, lae_professional, day, accepted
):
    # given: intake meeting on 05-01-2026

    case_actions.update_case(
        case=lae_case, actor=lae_professional, intake_meeting_on=datetime.date(2026, 1, 5)
    )
    requested = datetime.date(2026, 1, 5) + datetime.timedelta(days=day)
    # when / then
    if accepted:
        plan_actions.record_plan_extension(
            case=lae_case, actor=lae_professional, requested_on=requested, days=15, reason="ASSIST"
        )
        assert plan_deadline(lae_case, TODAY).due_on == datetime.date(2026, 3, 6)
    else:
        with pytest.raises(ValidationError) as error:
            plan_actions.record_plan_extension(
                case=lae_case,
                actor=lae_professional,
                requested_on=requested,
                days=15,
                reason="ASSIST",
            )
        assert "esta solicitud es del día 11" in error.value.message_dict["requested_on"][0]


def test_an_extension_longer_than_15_days_is_refused(lae_case, lae_professional):

    case_actions.update_case(
        case=lae_case, actor=lae_professional, intake_meeting_on=datetime.date(2026, 1, 5)
    )
    with pytest.raises(ValidationError) as error:
        plan_actions.record_plan_extension(
            case=lae_case,
            actor=lae_professional,
            requested_on=datetime.date(2026, 1, 6),
            days=16,
            reason="x",
        )
    assert "days" in error.value.message_dict


@pytest.mark.parametrize(
    "today,days_left,overdue",
    [
        (datetime.date(2026, 2, 1), 18, 0),
        (datetime.date(2026, 2, 19), 0, 0),
        (datetime.date(2026, 3, 1), -10, 10),
    ],
)
def test_plan_deadline_is_45_days_after_the_final_sentence(lae_case, today, days_left, overdue):
    # given: sentence final on 05-01-2026 → due 19-02-2026
    deadline = plan_deadline(lae_case, today)
    assert deadline.due_on == datetime.date(2026, 2, 19)
    assert deadline.days_left == days_left
    assert deadline.days_overdue == overdue


def test_feedback_session_records_agreement_and_the_persons_words(
    assessed_case, lae_professional, version
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    with pytest.raises(ValidationError):
        plan_actions.record_feedback_session(
            plan=plan,
            actor=lae_professional,
            held_on=datetime.date(2026, 1, 25),
            agreement="agrees",
        )
    session = plan_actions.record_feedback_session(
        plan=plan,
        actor=lae_professional,
        held_on=datetime.date(2026, 1, 25),
        agreement="disagrees",
        person_words="No quiero ir al taller los sábados.",
    )
    assert session.get_agreement_display() == "No está de acuerdo"


def test_the_plan_due_date_is_an_agenda_item_until_it_is_sent(
    assessed_case, lae_professional, lae_supervisor, version, django_assert_max_num_queries
):
    source = agenda_sources()["plan_due"]
    with django_assert_max_num_queries(3):
        items = source(Case.objects.all(), TODAY)
    assert [(i.case_id, i.due_on) for i in items] == [
        (assessed_case.pk, datetime.date(2026, 2, 19))
    ]
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    walk_to(plan, "sent_to_court", author=lae_professional, supervisor=lae_supervisor)
    assert source(Case.objects.all(), TODAY) == []


def test_the_yearly_reassessment_is_an_agenda_item(assessed_case, django_assert_max_num_queries):
    source = agenda_sources()["reassessment"]
    with django_assert_max_num_queries(3):
        items = source(Case.objects.all(), datetime.date(2026, 12, 1))
    assert [(i.kind, i.due_on) for i in items] == [("reassessment", datetime.date(2027, 1, 20))]


def test_timeline_lists_assessments_and_plan_events(assessed_case, lae_professional, version):
    plan_with_objectives(assessed_case, lae_professional, version)
    entries = timeline_sources()["assessments"](assessed_case) + timeline_sources()["plans"](
        assessed_case
    )
    assert {e.kind for e in entries} == {"assessment", "plan"}


# Views -------------------------------------------------------------------------------------


def test_a_professional_builds_a_plan_through_the_pages(
    assessed_case, lae_professional, version, client_for
):
    client = client_for(lae_professional)
    response = client.get(reverse("team:plan_create", args=[assessed_case.pk]))
    assert response.status_code == 200
    response = client.post(
        reverse("team:plan_create", args=[assessed_case.pk]),
        {
            "layout": "annex_a",
            "synthesis": "Síntesis",
            "control_frequency": "biweekly",
            "control_justification": "Cuadro N°1",
        },
    )
    plan = InterventionPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    url = reverse("team:plan_objective_create", args=[assessed_case.pk, plan.pk])
    response = client.post(
        url,
        {
            "domain": domain(version, "peers").pk,
            "objective": "Obj",
            "actions": "Acc",
            "sentence_year": 1,
            "status": "pending",
        },
    )
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Enviar a supervisión" in page and "Pares" in page


def test_the_plan_list_shows_days_left(
    assessed_case, lae_professional, client_for, django_assert_max_num_queries
):
    client = client_for(lae_professional)
    with time_machine.travel(datetime.datetime(2026, 2, 9, 12, 0), tick=False):
        with django_assert_max_num_queries(25):
            page = client.get(reverse("team:plan_list", args=[assessed_case.pk])).content.decode()
    assert "Quedan 10 días." in page


def test_the_plan_list_shows_days_overdue(assessed_case, lae_professional, client_for):
    client = client_for(lae_professional)
    with time_machine.travel(datetime.datetime(2026, 2, 22, 12, 0), tick=False):
        page = client.get(reverse("team:plan_list", args=[assessed_case.pk])).content.decode()
    assert "Vencido hace 3 días." in page


def test_versions_side_by_side(
    assessed_case, lae_professional, lae_supervisor, version, client_for
):
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    walk_to(plan, "sent_to_court", author=lae_professional, supervisor=lae_supervisor)
    plan_actions.transition_plan(
        plan=plan,
        actor=lae_professional,
        to_status="rejected",
        hearing_on=datetime.date(2026, 4, 10),
    )
    new = plan_actions.new_plan_version(plan=plan, actor=lae_professional)
    plan_actions.update_plan(plan=new, actor=lae_professional, synthesis="Síntesis reformulada")
    response = client_for(lae_professional).get(
        reverse("team:plan_compare", args=[assessed_case.pk]), {"a": plan.pk, "b": new.pk}
    )
    page = response.content.decode()
    assert "Versión 1" in page and "Versión 2" in page
    assert "Síntesis del caso." in page and "Síntesis reformulada" in page


def test_the_author_sees_no_endorse_button(
    opv, case, professional, supervisor, version, client_for
):
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    plan_actions.transition_plan(plan=plan, actor=professional, to_status="in_review")
    url = reverse("team:plan_transition", args=[case.pk, plan.pk, "endorsed"])
    assert client_for(professional).get(url).status_code == 403
    page = client_for(supervisor).get(plan.get_absolute_url()).content.decode()
    assert "Visar el plan" in page


def test_a_professional_not_assigned_gets_404_on_every_plan_page(
    case, professional, other_professional, version, client_for
):
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    row = plan.objectives.get()
    client = client_for(other_professional)
    urls = [
        reverse("team:plan_list", args=[case.pk]),
        reverse("team:plan_create", args=[case.pk]),
        reverse("team:plan_compare", args=[case.pk]),
        reverse("team:plan_extension", args=[case.pk]),
        reverse("team:plan_detail", args=[case.pk, plan.pk]),
        reverse("team:plan_update", args=[case.pk, plan.pk]),
        reverse("team:plan_pdf", args=[case.pk, plan.pk]),
        reverse("team:plan_transition", args=[case.pk, plan.pk, "in_review"]),
        reverse("team:plan_new_version", args=[case.pk, plan.pk]),
        reverse("team:plan_feedback", args=[case.pk, plan.pk]),
        reverse("team:plan_objective_create", args=[case.pk, plan.pk]),
        reverse("team:plan_objective_update", args=[case.pk, plan.pk, row.pk]),
        reverse("team:plan_objective_status", args=[case.pk, plan.pk, row.pk]),
        reverse("team:plan_objective_delete", args=[case.pk, plan.pk, row.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_a_plan_of_another_case_is_404_under_this_case(
    case, lae_case, professional, lae_professional, version, client_for
):
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(lae_case, lae_professional, version)
    # Ana sees her OPV case, but the LAE plan must not resolve under it
    url = reverse("team:plan_detail", args=[case.pk, plan.pk])
    assert client_for(professional).get(url).status_code == 404


def test_the_objective_form_says_when_the_plan_is_full(
    assessed_case, lae_professional, version, client_for
):
    plan = plan_with_objectives(
        assessed_case,
        lae_professional,
        version,
        codes=("peers", "attitudes", "employment", "housing"),
    )
    url = reverse("team:plan_objective_create", args=[assessed_case.pk, plan.pk])
    page = client_for(lae_professional).get(url).content.decode()
    assert "ya tiene 4 objetivos, el máximo" in page
    assert 'name="objective"' not in page


def test_the_plan_warns_when_its_frequency_is_below_the_minimum(
    lae_case, lae_professional, version, client_for
):
    # given: Muy Alto risk needs weekly contact; the plan says monthly
    assess(lae_case, lae_professional, version, peers=10, attitudes=10)
    plan = plan_with_objectives(lae_case, lae_professional, version, control_frequency="monthly")
    # when
    page = client_for(lae_professional).get(plan.get_absolute_url()).content.decode()
    # then
    assert "Menos exigente que el mínimo vigente: semanal" in page


def test_a_plan_below_the_minimum_frequency_goes_to_supervision_only_with_a_justification(
    lae_case, lae_professional, version
):
    # given: Muy Alto risk needs weekly contact; the plan says monthly and justifies nothing
    assess(lae_case, lae_professional, version, peers=10, attitudes=10)
    plan = plan_with_objectives(lae_case, lae_professional, version, control_frequency="monthly")
    # when
    with pytest.raises(ValidationError) as refused:
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    # then
    assert "mínimo vigente (semanal" in refused.value.message_dict["control_justification"][0]
    plan.refresh_from_db()
    assert plan.status == "draft"
    # when: the professional writes the technical justification
    plan_actions.transition_plan(
        plan=plan,
        actor=lae_professional,
        to_status="in_review",
        control_justification="Trabaja de noche en faena minera; se coordina con la empresa.",
    )
    # then
    plan.refresh_from_db()
    assert plan.status == "in_review"
    assert plan.control_justification.startswith("Trabaja de noche")


def test_the_missing_justification_is_shown_beside_its_field_when_sending_the_plan(
    lae_case, lae_professional, version, client_for
):
    # given
    assess(lae_case, lae_professional, version, peers=10, attitudes=10)
    plan = plan_with_objectives(lae_case, lae_professional, version, control_frequency="monthly")
    url = reverse("team:plan_transition", args=[lae_case.pk, plan.pk, "in_review"])
    client = client_for(lae_professional)
    # when
    response = client.post(url, {"on_date": "2026-01-20", "control_justification": " "})
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert "menos exigente que el mínimo vigente" in form.errors["control_justification"][0]
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_plan_at_the_minimum_frequency_needs_no_justification(
    assessed_case, lae_professional, version
):
    # given: Medio risk; the plan's biweekly contact meets the minimum
    plan = plan_with_objectives(assessed_case, lae_professional, version)
    # when
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    # then
    plan.refresh_from_db()
    assert plan.status == "in_review"
    assert plan.control_justification == ""
