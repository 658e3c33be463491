"""One open case per person and program, held by the database and not only by a check.

Probing found that seven parallel «abrir caso» calls made six open cases: the action's check
locks nothing. A partial unique index now refuses the second open case.
"""

import threading

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections

from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case
from reinsercion.programs.choices import Phase
from tests.factories import PersonFactory, open_case


def test_the_database_refuses_a_second_open_case_written_around_the_action(opv, coordinator):
    case = open_case(program=opv, actor=coordinator)
    with pytest.raises(IntegrityError):
        Case(
            person=case.person,
            program=opv,
            cohort=case.cohort,
            phase=opv.first_phase,
            opened_on=case.opened_on,
        ).save()


def test_a_closed_case_does_not_stop_a_new_one(opv, coordinator):
    case = open_case(program=opv, actor=coordinator)
    case.phase = Phase.CLOSED
    case.save()
    again = open_case(program=opv, actor=coordinator, person=case.person)
    assert again.phase == opv.first_phase


def test_a_case_opened_in_parallel_after_the_check_gets_the_spanish_message(
    opv, coordinator, monkeypatch
):
    """The other request commits between this one's check and its write."""
    person = PersonFactory()
    cohort = open_case(program=opv, actor=coordinator).cohort
    full_clean = Case.full_clean

    def the_other_request_commits_now(instance, **kwargs):
        monkeypatch.setattr(Case, "full_clean", full_clean)
        Case(
            person=person, program=opv, cohort=cohort, phase=opv.first_phase, opened_on="2026-01-05"
        ).save()
        full_clean(instance, **kwargs)

    monkeypatch.setattr(Case, "full_clean", the_other_request_commits_now)
    with pytest.raises(ValidationError) as excinfo:
        case_actions.open_case(person=person, program=opv, actor=coordinator, cohort=cohort)
    assert excinfo.value.message_dict["person"] == [f"{person} ya tiene un caso abierto en OPV."]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel writes: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_seven_parallel_openings_make_one_case(opv, coordinator):
    person = PersonFactory()
    cohort = open_case(program=opv, actor=coordinator).cohort
    barrier = threading.Barrier(7)
    outcomes = []

    def open_one():
        try:
            barrier.wait()
            case_actions.open_case(person=person, program=opv, actor=coordinator, cohort=cohort)
            outcomes.append("opened")
        except ValidationError as e:
            outcomes.append(e.message_dict["person"][0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=open_one) for _ in range(7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("opened") == 1
    assert outcomes.count(f"{person} ya tiene un caso abierto en OPV.") == 6
    assert Case.objects.filter(person=person, program=opv).count() == 1
