import datetime

import pytest
import time_machine

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cupos import actions, queries
from cupos.choices import RequestStatus
from cupos.models import SlotRequest
from reinsercion.extensions import agenda_sources, timeline_sources

from ..factories import UserFactory, member
from .factories import objective, planned_case, request_slot

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
S = RequestStatus


@pytest.fixture
def people(lae, lae_professional, version):
    """Three LAE cases, each with a plan of two objectives."""
    return [planned_case(program=lae, actor=lae_professional, version=version) for _ in range(3)]


def agenda_for(cases, today):
    return [i for i in agenda_sources()["slot_requests"](cases, today)]


def test_a_request_must_be_answered_within_48_hours_and_shows_on_the_agenda(
    lae_case, people, lae_professional, program_a, django_assert_max_num_queries
):
    # given a request sent on Monday at 10:00
    with time_machine.travel(NOW, tick=False):
        request = request_slot(people[0], lae_professional, program_a)
    # then the institution has 48 hours
    assert request.status == S.REQUESTED
    assert request.answer_due_at == NOW + datetime.timedelta(hours=48)
    cases = type(people[0]).objects.filter(pk=people[0].pk)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(3):
        items = agenda_for(cases, NOW.date())
    assert [i.kind_label for i in items] == ["Respuesta de cupo"]
    assert "SENDA debe responder la solicitud de cupo" in items[0].title
    # when the 48 hours pass without an answer
    with time_machine.travel(NOW + datetime.timedelta(hours=49), tick=False):
        late = agenda_for(cases, (NOW + datetime.timedelta(days=2)).date())
        assert request.is_overdue()
    assert late[0].kind_label == "Respuesta de cupo atrasada"
    assert "plazo de 48 horas vencido" in late[0].title


def test_the_answer_is_a_start_date_a_waiting_list_or_a_refusal_with_its_reason(
    people, lae_professional, program_b, partner_b
):
    first, second, third = (request_slot(c, lae_professional, program_b) for c in people)
    accepted = actions.answer_request(
        request=first,
        actor=partner_b,
        answer="accepted",
        start_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert accepted.status == S.ACCEPTED and accepted.answered_at
    with pytest.raises(ValidationError) as error:
        actions.answer_request(request=second, actor=partner_b, answer="refused")
    assert "Indique el motivo del rechazo." in str(error.value)
    refused = actions.answer_request(
        request=second, actor=partner_b, answer="refused", refusal_reason="Curso sin vacantes."
    )
    assert refused.refusal_reason == "Curso sin vacantes."
    waiting = actions.answer_request(request=third, actor=partner_b, answer="waiting_list")
    assert waiting.status == S.WAITING_LIST


def test_a_full_program_cannot_accept_it_puts_on_the_waiting_list(
    people, lae_professional, program_a, partner_a
):
    # given program A has one slot, taken
    first = request_slot(people[0], lae_professional, program_a)
    actions.answer_request(
        request=first, actor=partner_a, answer="accepted", start_on=timezone.localdate()
    )
    second = request_slot(people[1], lae_professional, program_a)
    # when it tries to accept another person, then it is refused with the reason
    with pytest.raises(ValidationError) as error:
        actions.answer_request(
            request=second, actor=partner_a, answer="accepted", start_on=timezone.localdate()
        )
    assert "no tiene cupos libres (1 de 1 ocupados)" in str(error.value)


def test_only_who_answers_for_the_program_may_answer(
    people, lae_professional, program_a, partner_b, own_program, lae_coordinator
):
    request = request_slot(people[0], lae_professional, program_a)
    with pytest.raises(PermissionDenied):
        actions.answer_request(request=request, actor=partner_b, answer="waiting_list")
    with pytest.raises(PermissionDenied):
        actions.answer_request(request=request, actor=lae_professional, answer="waiting_list")
    # the team's own program is answered by its coordination
    own = request_slot(people[1], lae_professional, own_program)
    assert (
        actions.answer_request(request=own, actor=lae_coordinator, answer="waiting_list").status
        == S.WAITING_LIST
    )


def test_waiting_list_order_is_objective_priority_then_date_and_a_freed_slot_goes_to_the_first(
    people, lae_professional, program_a, partner_a
):
    # given program A (one slot) is taken by the first person
    holder = request_slot(people[0], lae_professional, program_a)
    actions.answer_request(
        request=holder, actor=partner_a, answer="accepted", start_on=timezone.localdate()
    )
    # and two people wait: the earlier one for their plan's second objective, the later one
    # for their first
    with time_machine.travel(NOW, tick=False):
        early_low = request_slot(people[1], lae_professional, program_a, number=2)
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        late_high = request_slot(people[2], lae_professional, program_a, number=1)
    for r in (early_low, late_high):
        actions.answer_request(request=r, actor=partner_a, answer="waiting_list")
    # then the list puts the first objective first, with positions and expected dates
    rows = queries.waiting_list(program_a, today=timezone.localdate())
    assert [(row.position, row.request.pk) for row in rows] == [
        (1, late_high.pk),
        (2, early_low.pk),
    ]
    twelve_weeks = datetime.timedelta(weeks=12)
    assert rows[0].expected_on == timezone.localdate() + twelve_weeks
    assert rows[1].expected_on == timezone.localdate() + 2 * twelve_weeks
    # when the holder drops out
    actions.withdraw_request(request=holder, actor=lae_professional, reason="Cambio de domicilio.")
    # then the slot is offered to the first of the list, with 48 hours to confirm
    late_high.refresh_from_db()
    early_low.refresh_from_db()
    assert late_high.status == S.OFFERED and late_high.answer_due_at
    assert early_low.status == S.WAITING_LIST
    assert [row.position for row in queries.waiting_list(program_a)] == [1]
    assert late_high.events.last().note.startswith("Cupo liberado")


def test_one_program_at_a_time_a_second_request_is_queued_and_sent_when_the_first_ends(
    people, lae_professional, program_a, program_b, partner_a, partner_b
):
    case = people[0]
    first = request_slot(case, lae_professional, program_a, number=1)
    # when the team asks for a second program while the first is open
    second = request_slot(case, lae_professional, program_b, number=2)
    # then the second is only queued: not sent, invisible to its institution, no deadline
    assert second.status == S.QUEUED and second.answer_due_at is None
    assert not SlotRequest.objects.for_partner(partner_b).exists()
    # and the same program twice is refused
    with pytest.raises(ValidationError):
        request_slot(case, lae_professional, program_a, number=2)
    # when the first ends (refused by its institution)
    actions.answer_request(
        request=first, actor=partner_a, answer="refused", refusal_reason="No cumple el perfil."
    )
    # then the queued one is sent, with its 48 hours
    second.refresh_from_db()
    assert second.status == S.REQUESTED and second.answer_due_at
    assert list(SlotRequest.objects.for_partner(partner_b)) == [second]


def test_a_request_comes_from_an_objective_of_the_cases_own_plan(
    people, lae_professional, program_a
):
    with pytest.raises(ValidationError) as error:
        actions.request_slot(
            case=people[0],
            actor=lae_professional,
            program=program_a,
            objective=objective(people[1]),
            reason="x",
        )
    assert "no pertenece al plan" in str(error.value)


def test_a_professional_of_another_team_cannot_request(
    people, program_a, opv, lae_professional, version
):
    outsider = member(UserFactory(username="otra"), opv)
    with pytest.raises(PermissionDenied):
        request_slot(people[0], outsider, program_a)


def test_a_partner_sees_only_the_requests_of_their_institution(
    people, lae_professional, program_a, program_b, partner_a, partner_b
):
    a = request_slot(people[0], lae_professional, program_a)
    b = request_slot(people[1], lae_professional, program_b)
    assert list(SlotRequest.objects.for_partner(partner_a)) == [a]
    assert list(SlotRequest.objects.for_partner(partner_b)) == [b]


def test_the_timeline_shows_the_moves_of_the_request(
    people, lae_professional, program_a, partner_a
):
    request = request_slot(people[0], lae_professional, program_a)
    actions.answer_request(request=request, actor=partner_a, answer="waiting_list")
    titles = [e.title for e in timeline_sources()["slot_requests"](people[0])]
    assert "«Tratamiento ambulatorio»: solicitada" in titles
    assert "«Tratamiento ambulatorio»: en lista de espera" in titles
