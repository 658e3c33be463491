import datetime

import pytest

from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance, FollowUpContact
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.programs.choices import Phase

from ..activity_helpers import at, travel


@pytest.fixture
def in_follow_up(case, professional):
    """Ana's OPV case, released on 01-06-2026 and in follow-up from 01-08-2026."""
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.EXTRA_PENITENTIARY,
        actor=professional,
        on_date=datetime.date(2026, 6, 1),
    )
    case_actions.move_case_phase(
        case=case, to_phase=Phase.FOLLOW_UP, actor=professional, on_date=datetime.date(2026, 8, 1)
    )
    return case


def test_entering_follow_up_schedules_twelve_monthly_contacts(in_follow_up):
    # given a case that entered follow-up on 01-08-2026 (OPV: 12 months)
    contacts = list(in_follow_up.follow_up_contacts.order_by("number"))
    # then twelve contacts are scheduled, one a month
    assert [c.number for c in contacts] == list(range(1, 13))
    assert contacts[0].due_on == datetime.date(2026, 9, 1)
    assert contacts[1].due_on == datetime.date(2026, 10, 1)
    assert contacts[-1].due_on == datetime.date(2027, 8, 1)
    assert not any(c.is_done for c in contacts)


def test_month_ends_are_kept(case, professional):
    case_actions.move_case_phase(
        case=case,
        to_phase=Phase.EXTRA_PENITENTIARY,
        actor=professional,
        on_date=datetime.date(2026, 1, 20),
    )
    case_actions.move_case_phase(
        case=case, to_phase=Phase.FOLLOW_UP, actor=professional, on_date=datetime.date(2026, 1, 31)
    )
    dues = [c.due_on for c in case.follow_up_contacts.order_by("number")][:3]
    assert dues == [
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 30),
    ]


def test_scheduling_is_idempotent(in_follow_up, professional):
    activity_actions.schedule_follow_up(case=in_follow_up, actor=professional)
    assert FollowUpContact.objects.filter(case=in_follow_up).count() == 12


def test_a_program_without_follow_up_schedules_nothing(lae_case, lae_professional):
    assert activity_actions.schedule_follow_up(case=lae_case, actor=lae_professional) == []


def test_recording_a_follow_up_contact(in_follow_up, professional, client_for):
    # given the first contact
    contact = in_follow_up.follow_up_contacts.get(number=1)
    client = client_for(professional)
    url = reverse("team:follow_up_record", args=[in_follow_up.pk, contact.pk])
    # when Ana records a phone call on 02-09-2026
    with travel(at(2026, 9, 2, 15)):
        response = client.post(
            url,
            {
                "kind": ActivityKind.CONTROL_PHONE,
                "occurred_at": "2026-09-02T12:00",
                "duration_minutes": 20,
                "ambit": Ambit.LABOUR,
                "attendance": Attendance.ATTENDED,
                "notes": "Trabaja como maestro de construcción.",
            },
        )
        page = client.get(reverse("team:follow_up", args=[in_follow_up.pk])).content.decode()
    # then it is done and on the follow-up page
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.is_done and contact.record.case == in_follow_up
    assert "1 de 12 contactos" in page


def test_closing_the_follow_up_records_the_outcome(in_follow_up, professional, client_for):
    client = client_for(professional)
    url = reverse("team:case_move", args=[in_follow_up.pk])
    base = {
        "to_phase": Phase.CLOSED,
        "on_date": "2026-11-01",
        "summary": "Cumplió el año de seguimiento.",
        "exit_type": ExitType.COMPLETION,
        "labour_outcome": LabourOutcome.DEPENDENT_JOB,
    }
    # a recidivism needs its offence
    refused = client.post(url, base | {"outcome": Outcome.RECIDIVISM})
    assert "Indique el delito de la reincidencia." in refused.content.decode()
    # the outcome is recorded on closing
    client.post(url, base | {"outcome": Outcome.EFFECTIVE_REINTEGRATION})
    in_follow_up.refresh_from_db()
    assert in_follow_up.phase == Phase.CLOSED
    assert in_follow_up.outcome == Outcome.EFFECTIVE_REINTEGRATION
    assert in_follow_up.labour_outcome == LabourOutcome.DEPENDENT_JOB
    page = client.get(reverse("team:follow_up", args=[in_follow_up.pk])).content.decode()
    assert "Reinserción efectiva" in page
    assert "No realizado" in page  # the contacts never made stay visible as such


def test_outsiders_cannot_see_the_follow_up(in_follow_up, other_professional, client_for):
    contact = in_follow_up.follow_up_contacts.first()
    client = client_for(other_professional)
    assert client.get(reverse("team:follow_up", args=[in_follow_up.pk])).status_code == 404
    url = reverse("team:follow_up_record", args=[in_follow_up.pk, contact.pk])
    assert client.get(url).status_code == 404


def test_the_follow_up_page_has_bounded_queries(
    in_follow_up, professional, client_for, django_assert_max_num_queries
):
    client = client_for(professional)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("team:follow_up", args=[in_follow_up.pk])).status_code == 200


def test_the_follow_up_is_a_tab_of_a_case_whose_program_has_one(client_for, case, professional):
    # given an OPV case (OPV has a follow-up phase)
    client = client_for(professional)
    follow_up_url = reverse("team:follow_up", args=[case.pk])
    # when
    summary = client.get(reverse("team:case_detail", args=[case.pk]))
    follow_up = client.get(follow_up_url)
    # then
    assert f'href="{follow_up_url}"' in summary.content.decode()
    assert f'href="{follow_up_url}" aria-current="page"' in follow_up.content.decode()


def test_a_case_without_follow_up_has_no_follow_up_tab(client_for, lae_case, lae_professional):
    # given an LAE case (LAE has no follow-up phase)
    client = client_for(lae_professional)
    follow_up_url = reverse("team:follow_up", args=[lae_case.pk])
    # when
    summary = client.get(reverse("team:case_detail", args=[lae_case.pk]))
    follow_up = client.get(follow_up_url)
    # then: no tab, and the page itself still answers
    assert summary.status_code == 200
    assert follow_up_url not in summary.content.decode()
    assert follow_up.status_code == 200
