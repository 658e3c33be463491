"""Typed exceptions to the minimum contact: asked by the team, approved by supervision, and
then the frequency the compliance alerts compare with."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reinsercion.activities import actions, compliance
from reinsercion.activities.models import ContactExceptionKind, ContactExceptionStatus
from reinsercion.cases.models import Case

from ..activity_helpers import at, contact_rule, fortnightly, record

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 4, 1)


@pytest.fixture
def quiet_case(case, professional, monkeypatch):
    """A case whose minimum is every 14 days, last seen 21 days ago."""
    contact_rule(monkeypatch, {case.pk: fortnightly()})
    record(case, professional, at(2026, 3, 11))
    return case


def ask(case, actor, **data):
    return actions.request_contact_exception(
        case=case,
        actor=actor,
        **{
            "kind": ContactExceptionKind.SHIFT_WORK,
            "interval_days": 30,
            "reason": "Trabaja en faena minera, turnos 14x14.",
            "starts_on": D(2026, 3, 1),
            **data,
        },
    )


def is_quiet(case, today=TODAY):
    return case.pk in compliance.quiet_cases(Case.objects.all(), today)


def test_an_approved_exception_is_the_frequency_the_alerts_use(
    quiet_case, professional, supervisor
):
    assert is_quiet(quiet_case)
    # when the professional asks for a shift-work exception: still quiet until approved
    exception = ask(quiet_case, professional)
    assert is_quiet(quiet_case)
    # when supervision approves it
    actions.decide_contact_exception(exception=exception, actor=supervisor, approve=True)
    # then 21 days without contact are within the agreed 30
    assert not is_quiet(quiet_case)
    status = compliance.contact_compliance(Case.objects.all(), TODAY)[quiet_case.pk]
    assert status.exception == exception
    assert status.requirement.interval_days == 30
    assert "Trabajo por sistema de turnos" in status.requirement.rule


def test_an_exception_out_of_its_dates_or_rejected_does_not_apply(
    quiet_case, professional, supervisor
):
    ended = ask(quiet_case, professional, ends_on=D(2026, 3, 31))
    actions.decide_contact_exception(exception=ended, actor=supervisor, approve=True)
    assert is_quiet(quiet_case)  # it ended yesterday
    rejected = ask(quiet_case, professional, kind=ContactExceptionKind.REMOTE_RESIDENCE)
    actions.decide_contact_exception(
        exception=rejected, actor=supervisor, approve=False, note="Hay transporte diario."
    )
    assert rejected.status == ContactExceptionStatus.REJECTED
    assert is_quiet(quiet_case)


def test_only_supervision_resolves_and_a_rejection_says_why(
    quiet_case, professional, supervisor, coordinator
):
    exception = ask(quiet_case, professional)
    with pytest.raises(PermissionDenied):
        actions.decide_contact_exception(exception=exception, actor=professional, approve=True)
    with pytest.raises(ValidationError, match="por qué se rechaza"):
        actions.decide_contact_exception(exception=exception, actor=supervisor, approve=False)
    # whoever asked never approves their own request, even with a supervising role
    own = ask(quiet_case, coordinator)
    with pytest.raises(PermissionDenied):
        actions.decide_contact_exception(exception=own, actor=coordinator, approve=True)


def test_the_exception_needs_a_reason(quiet_case, professional):
    with pytest.raises(ValidationError) as refused:
        ask(quiet_case, professional, reason="  ")
    assert "reason" in refused.value.error_dict


def test_the_team_asks_and_supervision_approves_on_the_page(
    quiet_case, professional, supervisor, client_for, django_assert_max_num_queries
):
    url = reverse("team:contact_exceptions", args=[quiet_case.pk])
    client = client_for(professional)
    response = client.post(
        url,
        {
            "kind": "remote_residence",
            "interval_days": 45,
            "reason": "Vive en Isla Mocha: una barcaza al mes.",
            "alternative_supervision": "Control telefónico semanal.",
            "starts_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    exception = quiet_case.contact_exceptions.get()
    # the professional cannot resolve it
    decide = reverse("team:contact_exception_decide", args=[quiet_case.pk, exception.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    supervision = client_for(supervisor)
    with django_assert_max_num_queries(30):
        page = supervision.get(url).content.decode()
    assert "Isla Mocha" in page and "Resolver" in page
    supervision.post(decide, {"decision": "approve"})
    exception.refresh_from_db()
    assert exception.status == ContactExceptionStatus.APPROVED
    assert "Vigente" in supervision.get(url).content.decode()


def test_someone_elses_case_exceptions_answer_404(
    quiet_case, professional, other_professional, lae_professional, client_for
):
    exception = ask(quiet_case, professional)
    for user in (other_professional, lae_professional):
        client = client_for(user)
        assert (
            client.get(reverse("team:contact_exceptions", args=[quiet_case.pk])).status_code == 404
        )
        decide = reverse("team:contact_exception_decide", args=[quiet_case.pk, exception.pk])
        assert client.post(decide, {"decision": "approve"}).status_code == 404
