"""The indicators on hand-built data, at their boundaries."""

import datetime

import pytest

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.models import ActivityKind, Attendance
from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, Outcome
from reinsercion.indicators import queries
from reinsercion.indicators.periods import Period
from reinsercion.plans import actions as plan_actions
from reinsercion.programs.choices import Phase, Role

from ...factories import UserFactory, member, open_case
from ..activity_helpers import at, record, travel
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db

A = Attendance.ATTENDED
TODAY = datetime.date(2026, 4, 10)
MARCH = Period.month(2026, 3)
FIRST_QUARTER = Period.quarter(2026, 1)


def events_on(case, actor, year, month, days, **kwargs):
    for day in days:
        record(case, actor, at(year, month, day), **kwargs)


def close(case, actor, on, exit_type=ExitType.COMPLETION):
    with travel(on):
        return case_actions.move_case_phase(
            case=case,
            actor=actor,
            to_phase=Phase.EXIT,
            on_date=on,
            exit_type=exit_type,
            summary="Término de la sanción.",
        )


# Accompaniment events ------------------------------------------------------------------------


def test_exactly_n_events_in_the_month_meets_and_one_less_does_not(lae, lae_case, lae_professional):
    # given: N = 4; one case with exactly 4 events in March, another with 3
    short = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16, 23))
    events_on(short, lae_professional, 2026, 3, (2, 9, 16))
    # when
    result = queries.events_indicator(lae, MARCH, TODAY)
    # then
    assert (result.figure.numerator, result.figure.denominator) == (1, 2)
    assert result.figure.share == 50
    assert result.figure.target == 90
    assert [(b.case_id, b.months_met, b.months_judged) for b in result.below] == [(short.pk, 0, 1)]
    assert result.below[0].short_months == [(datetime.date(2026, 3, 1), 3)]


@pytest.mark.parametrize(
    "kind",
    [ActivityKind.OTHER, ActivityKind.REFERRAL_FOLLOW_UP],
)
def test_an_administrative_action_is_not_an_accompaniment_event(
    lae, lae_case, lae_professional, kind
):
    # given: three sessions with the youth and one administrative action in March
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16))
    events_on(lae_case, lae_professional, 2026, 3, (23,), kind=kind)
    # when
    result = queries.events_indicator(lae, MARCH, TODAY)
    # then: only three events count, the case is below the minimum
    assert (result.figure.numerator, result.figure.denominator) == (0, 1)
    assert result.below[0].short_months == [(datetime.date(2026, 3, 1), 3)]


def test_an_absence_is_not_an_event(lae, lae_case, lae_professional):
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16))
    events_on(lae_case, lae_professional, 2026, 3, (23,), attendance=Attendance.ABSENT_JUSTIFIED)
    assert queries.events_indicator(lae, MARCH, TODAY).figure.numerator == 0


def test_the_counted_kinds_are_a_program_setting(lae, lae_case, lae_professional):
    # given: the program stops counting phone controls
    lae.accompaniment_kinds = [k for k in lae.accompaniment_kinds if k != "control_phone"]
    lae.save()
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16))
    events_on(lae_case, lae_professional, 2026, 3, (23,), kind=ActivityKind.CONTROL_PHONE)
    assert queries.events_indicator(lae, MARCH, TODAY).figure.numerator == 0
    # and the minimum N too
    lae.min_monthly_events = 3
    lae.save()
    assert queries.events_indicator(lae, MARCH, TODAY).figure.numerator == 1


def test_the_month_limits_are_those_of_santiago(lae, lae_case, lae_professional):
    # given: the fourth event at 23:30 on 31 March (already April in UTC) and a fifth at
    # 00:10 on 1 April, which belongs to April
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16))
    record(lae_case, lae_professional, at(2026, 3, 31, 23, 30))
    # when
    march = queries.events_indicator(lae, MARCH, TODAY)
    # then
    assert march.figure.numerator == 1
    assert (datetime.date(2026, 3, 1), 1, 1) in march.trend


def test_the_period_judges_only_its_complete_months(lae, lae_case, lae_professional):
    # given: opened 05-01-2026 (January is not complete); February short, March fine
    events_on(lae_case, lae_professional, 2026, 2, (2, 9, 16))
    events_on(lae_case, lae_professional, 2026, 3, (2, 9, 16, 23))
    # when: the first quarter judges February and March
    quarter = queries.events_indicator(lae, FIRST_QUARTER, TODAY)
    # then
    assert quarter.figure.numerator == 0
    assert [(b.months_met, b.months_judged) for b in quarter.below] == [(1, 2)]
    # and March alone meets
    assert queries.events_indicator(lae, MARCH, TODAY).figure.numerator == 1
    # and the current, unfinished month is not judged
    april = queries.events_indicator(lae, Period.month(2026, 4), TODAY)
    assert april.figure.denominator == 0
    assert april.figure.share is None


def test_a_case_that_left_during_the_period_is_still_judged(lae, lae_case, lae_professional):
    # given: four events in February, then the sanction ends on 10 March
    events_on(lae_case, lae_professional, 2026, 2, (2, 9, 16, 23))
    close(lae_case, lae_professional, datetime.date(2026, 3, 10))
    # when
    result = queries.events_indicator(lae, FIRST_QUARTER, TODAY)
    # then: February counts; March was not a complete month of the case
    assert (result.figure.numerator, result.figure.denominator) == (1, 1)


def test_a_program_without_a_minimum_has_no_events_indicator(opv, case):
    assert queries.events_indicator(opv, MARCH, TODAY).figure is None


# Risk reduction ------------------------------------------------------------------------------


def graduate(lae, actor, *, first, last, closed_on, version):
    case = open_case(
        program=lae, actor=actor, professionals=[actor], opened_on=datetime.date(2025, 1, 6)
    )
    assess(case, actor, version, on=datetime.date(2025, 1, 20), **first)
    if last is not None:
        assess(case, actor, version, on=datetime.date(2025, 12, 1), reason="before_end", **last)
    close(case, actor, closed_on)
    return case


def test_risk_reduction_of_the_graduates(lae, lae_professional):
    version = configured_version(kind="youth")
    in_2026 = dict(closed_on=datetime.date(2026, 2, 1), version=version)
    # given: one lowers Medio → Bajo, one stays Medio (equal), one has no reassessment
    graduate(
        lae,
        lae_professional,
        first={"peers": 6, "attitudes": 6},
        last={"peers": 3, "attitudes": 4},
        **in_2026,
    )
    graduate(
        lae,
        lae_professional,
        first={"peers": 6, "attitudes": 6},
        last={"peers": 4, "attitudes": 8},
        **in_2026,
    )
    graduate(lae, lae_professional, first={"peers": 6, "attitudes": 6}, last=None, **in_2026)
    # and one who lowered but graduated the day before the period
    graduate(
        lae,
        lae_professional,
        first={"peers": 6, "attitudes": 6},
        last={"peers": 1},
        closed_on=datetime.date(2025, 12, 31),
        version=version,
    )
    # when
    result = queries.risk_reduction(lae, Period.year(2026))
    # then
    assert (result.figure.numerator, result.figure.denominator) == (1, 3)
    assert str(result.figure.share) == "33.3"
    assert result.figure.target == 52
    assert result.without_reassessment == 1
    by_domain = {row[0]: row[1:] for row in result.domains.rows}
    assert by_domain["Pares"][:2] == [2, 2]
    assert by_domain["Actitudes procriminales"][:2] == [1, 2]
    assert "Historia criminal" not in by_domain  # a static factor cannot be lowered


def test_a_graduate_with_equal_first_and_last_risk_has_not_lowered_it(lae, lae_professional):
    version = configured_version(kind="youth")
    graduate(
        lae,
        lae_professional,
        first={"peers": 6, "attitudes": 6},
        last={"peers": 6, "attitudes": 6},
        closed_on=datetime.date(2026, 2, 1),
        version=version,
    )
    result = queries.risk_reduction(lae, Period.year(2026))
    assert (result.figure.numerator, result.figure.denominator) == (0, 1)


def test_only_exits_by_end_of_the_sanction_are_graduates(lae, lae_professional):
    version = configured_version(kind="youth")
    graduate(
        lae,
        lae_professional,
        first={"peers": 6, "attitudes": 6},
        last={"peers": 1},
        closed_on=datetime.date(2026, 2, 1),
        version=version,
    )
    revoked = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    close(revoked, lae_professional, datetime.date(2026, 3, 1), ExitType.REVOKED_NONCOMPLIANCE)
    assert queries.risk_reduction(lae, Period.year(2026)).figure.denominator == 1


# Recidivism of the year t-1 graduates ------------------------------------------------------


def test_recidivism_of_t_minus_1_graduates_measured_in_t_minus_1_and_in_t(lae, lae_professional):
    # given: three graduates of 2025; one re-offends in 2025, one in 2026, one does not
    cases = [
        open_case(
            program=lae,
            actor=lae_professional,
            professionals=[lae_professional],
            opened_on=datetime.date(2025, 1, 6),
        )
        for _ in range(3)
    ]
    for case in cases:
        close(case, lae_professional, datetime.date(2025, 6, 30))
    for case, on in [
        (cases[0], datetime.date(2025, 12, 31)),
        (cases[1], datetime.date(2026, 1, 1)),
    ]:
        case_actions.record_follow_up_outcome(
            case=case,
            actor=lae_professional,
            outcome=Outcome.RECIDIVISM,
            recidivism_offence="Robo con violencia",
            recidivism_on=on,
        )
    # and a graduate of 2026, outside the cohort measured
    late = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    close(late, lae_professional, datetime.date(2026, 2, 2))
    # when
    result = queries.recidivism(lae, Period.year(2026), TODAY)
    # then
    assert result.graduates == 3
    assert (result.in_previous_year.numerator, result.in_previous_year.denominator) == (1, 3)
    assert (result.by_year.numerator, result.by_year.denominator) == (2, 3)
    assert "2025" in result.in_previous_year.title and "medida en 2026" in result.by_year.title


# Deadlines and records -----------------------------------------------------------------------


def plan_sent(case, actor, supervisor, on):
    """A plan sent to court on ``on``, through the plan workflow."""
    version = configured_version(kind="youth")
    assess(
        case,
        actor,
        version,
        on=case.opened_on,
        peers=2,
        attitudes=2,
        employment=2,
        housing=2,
        motivation=2,
    )
    plan = plan_with_objectives(case, actor, version)
    plan_actions.transition_plan(plan=plan, actor=actor, to_status="in_review")
    plan_actions.transition_plan(plan=plan, actor=supervisor, to_status="endorsed")
    plan_actions.transition_plan(plan=plan, actor=actor, to_status="sent_to_court", on_date=on)
    return plan


def test_plan_deadline_met_on_the_45th_day_and_missed_on_the_46th(lae, lae_professional):
    supervisor = member(UserFactory(username="st_lae"), lae, Role.SUPERVISION)
    # given: sentences final on 05-01-2026: the deadline is 19-02-2026
    on_time, late, pending = (
        open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
        for _ in range(3)
    )
    plan_sent(on_time, lae_professional, supervisor, datetime.date(2026, 2, 19))
    plan_sent(late, lae_professional, supervisor, datetime.date(2026, 2, 20))
    # when: February holds the deadline; the third case never sent its plan
    figure = queries.plan_deadlines(lae, Period.month(2026, 2), TODAY)
    # then
    assert (figure.numerator, figure.denominator) == (1, 3)
    assert pending.sentence_final_on == datetime.date(2026, 1, 5)
    # and in January no deadline falls
    assert queries.plan_deadlines(lae, Period.month(2026, 1), TODAY).denominator == 0


def test_the_48_hour_rule(lae, lae_case, lae_professional):
    record(lae_case, lae_professional, at(2026, 3, 2))
    with travel(at(2026, 3, 12)):
        activity_actions.record_activity(
            case=lae_case,
            actor=lae_professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 3, 9),
            ambit="psychosocial",
            attendance=A,
        )
    result = queries.record_timeliness(lae, MARCH, TODAY)
    assert (result.figure.numerator, result.figure.denominator) == (1, 2)
    assert (datetime.date(2026, 3, 1), 1, 2) in result.trend
    # a range inside the month counts exactly its days
    first_week = Period.range(datetime.date(2026, 3, 1), datetime.date(2026, 3, 7))
    assert queries.record_timeliness(lae, first_week, TODAY).figure.denominator == 1


def test_caseload_per_professional(lae, lae_case, lae_professional):
    other = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    close(other, lae_professional, datetime.date(2026, 3, 1))
    table = queries.caseload(lae)
    assert table.rows == [[lae_professional.get_full_name(), 1]]
