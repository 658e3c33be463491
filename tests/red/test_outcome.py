"""Outcomes recorded by the institution, and the case's labour status."""

import datetime

import pytest
from auditlog.models import LogEntry

from django.core.exceptions import PermissionDenied, ValidationError

from red import actions
from red.choices import OutcomeKind, Status
from reinsercion.cases.choices import LabourOutcome
from reinsercion.cases.models import Case

from .test_workflow import bring_to

TODAY = datetime.date.today


@pytest.mark.parametrize(
    ("outcome", "extra", "labour"),
    [
        (
            OutcomeKind.HIRED,
            {"employer": "Parquímetros Quillota", "job_start_on": datetime.date(2026, 1, 10)},
            LabourOutcome.DEPENDENT_JOB,
        ),
        (OutcomeKind.SELF_EMPLOYED, {}, LabourOutcome.INDEPENDENT_WORK),
        (OutcomeKind.BUSINESS_FUNDED, {}, LabourOutcome.ENTREPRENEURSHIP),
    ],
)
def test_a_job_placement_updates_the_case_labour_status(
    referral_a, partner_a, outcome, extra, labour
):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    assert referral.case.labour_outcome == ""
    # when
    actions.record_outcome(
        referral=referral,
        actor=partner_a,
        outcome_kind=outcome,
        outcome_on=datetime.date(2026, 1, 12),
        **extra,
    )
    # then
    case = Case.objects.get(pk=referral.case_id)
    assert case.labour_outcome == labour
    entry = LogEntry.objects.get_for_object(case).order_by("-timestamp").first()
    assert entry.actor == partner_a
    assert "labour_outcome" in entry.changes_dict
    assert entry.additional_data["case"] == case.pk
    assert str(referral.institution) in entry.additional_data["source"]


@pytest.mark.parametrize(
    "outcome",
    [OutcomeKind.TRAINING_COMPLETED, OutcomeKind.TREATMENT_ADMITTED, OutcomeKind.OTHER],
)
def test_other_outcomes_leave_the_labour_status_alone(referral_a, partner_a, outcome):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when
    actions.record_outcome(
        referral=referral, actor=partner_a, outcome_kind=outcome, outcome_on=TODAY()
    )
    # then
    assert Case.objects.get(pk=referral.case_id).labour_outcome == ""


def test_hired_needs_employer_and_start_date(referral_a, partner_a):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(
            referral=referral, actor=partner_a, outcome_kind=OutcomeKind.HIRED, outcome_on=TODAY()
        )
    # then
    assert set(error.value.message_dict) == {"employer", "job_start_on"}
    assert Case.objects.get(pk=referral.case_id).labour_outcome == ""


@pytest.mark.parametrize("reduction", [50, 100])
def test_otec_records_the_cost_reduction(referral_a, partner_a, reduction):
    # given
    referral = bring_to(referral_a, Status.COMPLETED, partner_a)
    # when
    referral = actions.record_outcome(
        referral=referral,
        actor=partner_a,
        outcome_kind=OutcomeKind.TRAINING_COMPLETED,
        outcome_on=TODAY(),
        cost_reduction=reduction,
    )
    # then
    assert referral.get_cost_reduction_display() == f"{reduction} %"


def test_cost_reduction_is_only_50_or_100(referral_a, partner_a):
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    with pytest.raises(ValidationError):
        actions.record_outcome(
            referral=referral,
            actor=partner_a,
            outcome_kind=OutcomeKind.TRAINING_COMPLETED,
            outcome_on=TODAY(),
            cost_reduction=30,
        )


@pytest.mark.parametrize("status", [Status.SENT, Status.RECEIVED, Status.REJECTED])
def test_no_outcome_before_the_person_was_taken_in(referral_a, partner_a, status):
    referral = bring_to(referral_a, status, partner_a)
    with pytest.raises(ValidationError):
        actions.record_outcome(
            referral=referral,
            actor=partner_a,
            outcome_kind=OutcomeKind.SELF_EMPLOYED,
            outcome_on=TODAY(),
        )
    assert Case.objects.get(pk=referral.case_id).labour_outcome == ""


@pytest.mark.parametrize("user", ["partner_b", "professional"])
def test_only_the_receiving_institution_records_the_outcome(request, referral_a, partner_a, user):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when / then
    with pytest.raises(PermissionDenied):
        actions.record_outcome(
            referral=referral,
            actor=request.getfixturevalue(user),
            outcome_kind=OutcomeKind.SELF_EMPLOYED,
            outcome_on=TODAY(),
        )
    assert Case.objects.get(pk=referral.case_id).labour_outcome == ""


def test_progress_notes_keep_the_state(referral_a, partner_a, referral_b, partner_b):
    # given
    referral = bring_to(referral_a, Status.IN_PROGRESS, partner_a)
    # when
    event = actions.record_progress(referral=referral, actor=partner_a, note="Asiste bien.")
    # then
    assert event.is_progress_note and event.to_status == Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        # not while the referral still waits for an answer
        actions.record_progress(referral=referral_b, actor=partner_b, note="x")


ACCEPTED_TO_IN_PROGRESS = (Status.ACCEPTED, Status.IN_PROGRESS)
IN_PROGRESS_TO_COMPLETED = (Status.IN_PROGRESS, Status.COMPLETED)


@pytest.mark.parametrize(
    ("outcome", "status", "moves"),
    [
        (
            OutcomeKind.TRAINING_COMPLETED,
            Status.COMPLETED,
            [ACCEPTED_TO_IN_PROGRESS, IN_PROGRESS_TO_COMPLETED],
        ),
        (
            OutcomeKind.SELF_EMPLOYED,
            Status.COMPLETED,
            [ACCEPTED_TO_IN_PROGRESS, IN_PROGRESS_TO_COMPLETED],
        ),
        (OutcomeKind.TREATMENT_ADMITTED, Status.IN_PROGRESS, [ACCEPTED_TO_IN_PROGRESS]),
        (OutcomeKind.OTHER, Status.IN_PROGRESS, [ACCEPTED_TO_IN_PROGRESS]),
    ],
)
def test_an_outcome_moves_an_accepted_referral_on(referral_a, partner_a, outcome, status, moves):
    # given
    referral = bring_to(referral_a, Status.ACCEPTED, partner_a)
    before = set(referral.events.values_list("pk", flat=True))
    # when
    actions.record_outcome(
        referral=referral, actor=partner_a, outcome_kind=outcome, outcome_on=TODAY()
    )
    # then: the referral is where the outcome puts it, through the table's recorded moves
    referral.refresh_from_db()
    assert referral.status == status
    assert (referral.closed_at is not None) == (status == Status.COMPLETED)
    new_events = referral.events.exclude(pk__in=before).order_by("pk")
    assert [(e.from_status, e.to_status) for e in new_events] == moves
    assert {e.actor for e in new_events} == {partner_a}


def test_an_outcome_never_moves_a_referral_back(referral_a, partner_a):
    # given a completed referral
    referral = bring_to(referral_a, Status.COMPLETED, partner_a)
    # when the institution corrects the outcome to one that means "started"
    referral = actions.record_outcome(
        referral=referral,
        actor=partner_a,
        outcome_kind=OutcomeKind.TRAINING_ENROLLED,
        outcome_on=TODAY(),
    )
    # then
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    assert referral.outcome_kind == OutcomeKind.TRAINING_ENROLLED
