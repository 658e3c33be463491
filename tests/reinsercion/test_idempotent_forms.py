"""A double submit of a create form answers with the first result and writes nothing twice.

Probing found that ten identical parallel «nueva sesión» POSTs created a duplicate record.
"""

import re
import threading

import pytest

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, ActivityRecord, Attendance
from reinsercion.cases.models import Case
from tests.factories import CohortFactory, PersonFactory

SESSION = {
    "kind": ActivityKind.INDIVIDUAL,
    "occurred_at": "2026-03-02T10:00",
    "duration_minutes": 60,
    "ambit": Ambit.PSYCHOSOCIAL,
    "attendance": Attendance.ATTENDED,
    "notes": "Sesión individual.",
}


def form_token(client, url) -> str:
    html = client.get(url).content.decode()
    match = re.search(r'name="form_token" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries no token"
    return match.group(1)


def test_a_double_submitted_session_is_recorded_once(case, professional, client_for):
    client = client_for(professional)
    url = reverse("team:activity_create", args=[case.pk])
    data = {**SESSION, "form_token": form_token(client, url)}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == reverse("team:case_timeline", args=[case.pk])
    assert ActivityRecord.objects.filter(case=case).count() == 1


def test_each_new_form_records_its_own_session(case, professional, client_for):
    client = client_for(professional)
    url = reverse("team:activity_create", args=[case.pk])
    client.post(url, {**SESSION, "form_token": form_token(client, url)})
    client.post(url, {**SESSION, "form_token": form_token(client, url)})
    assert ActivityRecord.objects.filter(case=case).count() == 2


def test_a_refused_submit_keeps_the_token_for_the_corrected_form(case, professional, client_for):
    client = client_for(professional)
    url = reverse("team:activity_create", args=[case.pk])
    token = form_token(client, url)
    refused = client.post(
        url, {**SESSION, "attendance": Attendance.ABSENT_UNJUSTIFIED, "form_token": token}
    )
    assert refused.status_code == 200
    assert f'name="form_token" value="{token}"' in refused.content.decode()
    corrected = client.post(url, {**SESSION, "form_token": token})
    assert corrected.status_code == 302
    assert ActivityRecord.objects.filter(case=case).count() == 1


def test_a_double_submitted_case_opening_answers_with_the_case(opv, coordinator, client_for):
    person = PersonFactory()
    client = client_for(coordinator)
    url = reverse("team:case_create", args=[person.pk])
    cohort = CohortFactory(program=opv)
    data = {
        "programa": "OPV",
        "cohort": cohort.pk,
        "opened_on": "2026-03-01",
        "form_token": form_token(client, f"{url}?programa=OPV"),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    case = Case.objects.get(person=person)
    assert first.url == second.url == case.get_absolute_url()
    # no «ya tiene un caso abierto» error page for the second click
    assert second.status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel requests: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_identical_submits_record_one_session(case, professional):
    url = reverse("team:activity_create", args=[case.pk])
    client = Client()
    client.force_login(professional)
    data = {**SESSION, "form_token": form_token(client, url)}
    barrier = threading.Barrier(10)
    answers = []

    def submit():
        try:
            one = Client()
            one.cookies = client.cookies
            barrier.wait()
            answers.append(one.post(url, data).url)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [reverse("team:case_timeline", args=[case.pk])] * 10
    assert ActivityRecord.objects.filter(case=case).count() == 1
