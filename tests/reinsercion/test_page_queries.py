"""Every staff page of the national-scale benchmark (docs/performance.md) runs a number of
queries that does not grow with the cases: measured with 2 cases, then with 12."""

import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance
from reinsercion.agenda.actions import refresh_all
from reinsercion.programs.choices import Role
from tests.factories import PersonFactory, UserFactory, member, open_case

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)
# The most any of these pages may run (they run 8 to 30 today; the navigation's bell is one
# query on every page, the work queues' count comes from the cache), plus the one INSERT of
# the access trail on a case page (reinsercion/access.py).
CEILING = 30 + 1


def add_cases(program, coordinator, professional, n):
    cases = []
    for i in range(n):
        case = open_case(
            program=program,
            actor=coordinator,
            professionals=[professional],
            person=PersonFactory(last_names=f"Rojas Prueba{i}"),
        )
        for day in (3, 10, 17):
            activity_actions.record_activity(
                case=case,
                actor=professional,
                kind=ActivityKind.INDIVIDUAL,
                occurred_at=datetime.datetime(2026, 3, day, 10, tzinfo=datetime.UTC),
                ambit=Ambit.PSYCHOSOCIAL,
                attendance=Attendance.ATTENDED if day != 17 else Attendance.SCHEDULED,
            )
        cases.append(case)
    refresh_all()  # the agendas' stored rows, as after the commits
    return cases


PAGES = {
    "caseload, coordination": ("coordinator", lambda c: reverse("team:case_list")),
    "caseload, professional": ("professional", lambda c: reverse("team:case_list")),
    "caseload search by name": (
        "coordinator",
        lambda c: reverse("team:case_list") + "?q=rojas",
    ),
    "caseload search by RUT": (
        "coordinator",
        lambda c: reverse("team:case_list") + f"?q={c.person.rut_display}",
    ),
    "case file": ("professional", lambda c: reverse("team:case_detail", args=[c.pk])),
    "case timeline": ("professional", lambda c: reverse("team:case_timeline", args=[c.pk])),
    "professional agenda": ("professional", lambda c: reverse("team:agenda")),
    "team agenda": ("coordinator", lambda c: reverse("team:team_agenda")),
    "staff home": ("coordinator", lambda c: reverse("team:home")),
}


@pytest.mark.parametrize("page", list(PAGES))
@time_machine.travel(TODAY, tick=False)
def test_staff_pages_run_the_same_queries_for_2_and_12_cases(page, opv, client_for):
    # given a coordinator and a professional with 2 cases
    coordinator = member(UserFactory(username="coord_q"), opv, Role.COORDINATION)
    professional = member(UserFactory(username="prof_q"), opv, Role.PROFESSIONAL)
    cases = add_cases(opv, coordinator, professional, 2)
    who, url_of = PAGES[page]
    client = client_for(coordinator if who == "coordinator" else professional)
    url = url_of(cases[0])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    queries()  # warm the caches (content types, the cached counts' first computation)
    few = queries()
    # when they have 12
    add_cases(opv, coordinator, professional, 10)
    queries()
    many = queries()
    # then the page runs the same number of queries
    assert many == few, f"{page}: {few} queries with 2 cases, {many} with 12"
    assert many <= CEILING
