import datetime

import pytest

from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities import compliance
from reinsercion.activities.models import ActivityKind, Attendance, NonComplianceReport
from reinsercion.cases.models import Case
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member, open_case
from ..activity_helpers import at, contact_rule, fortnightly, record, travel

A = Attendance.ATTENDED
J = Attendance.ABSENT_JUSTIFIED
U = Attendance.ABSENT_UNJUSTIFIED


def only(case):
    return Case.objects.filter(pk=case.pk)


def test_events_are_counted_in_the_local_calendar_month(case, professional):
    # given sessions around the end of March, Santiago time (UTC is already April)
    record(case, professional, at(2026, 3, 1, 0, 5))
    record(case, professional, at(2026, 3, 31, 22, 30))
    record(case, professional, at(2026, 4, 1, 0, 10))
    record(case, professional, at(2026, 4, 15), attendance=U)  # absences are not events
    record(case, professional, at(2026, 2, 28, 23, 59))
    # when counting events per month
    counts = compliance.events_per_month(
        only(case), datetime.date(2026, 2, 1), datetime.date(2026, 4, 30)
    )[case.pk]
    # then each falls in its own local month
    assert counts[datetime.date(2026, 2, 1)] == 1
    assert counts[datetime.date(2026, 3, 1)] == 2
    assert counts[datetime.date(2026, 4, 1)] == 1


def test_administrative_actions_are_not_accompaniment_events(
    lae_case, lae_professional, client_for
):
    # given an LAE case (N = 4) whose February has three sessions and two administrative actions
    for day in (2, 9, 16):
        record(lae_case, lae_professional, at(2026, 2, day))
    record(lae_case, lae_professional, at(2026, 2, 20), kind=ActivityKind.REFERRAL_FOLLOW_UP)
    record(lae_case, lae_professional, at(2026, 2, 23), kind=ActivityKind.OTHER)
    # when the case's compliance is read in March
    with travel(datetime.date(2026, 3, 10)):
        counts = compliance.events_per_month(
            only(lae_case), datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
        )[lae_case.pk]
        indicator = compliance.monthly_events_indicator(only(lae_case))[lae_case.pk]
        page = client_for(lae_professional).get(reverse("team:activity_indicators"))
    # then only the three sessions count, as in the program's indicators, and the case is below
    assert counts[datetime.date(2026, 2, 1)] == 3
    assert indicator.meets is False
    assert "cumple 0 de 1 mes</span>" in page.content.decode()
    # and a program that counts follow-ups of referrals as accompaniment gets four
    lae_case.program.accompaniment_kinds = [
        *lae_case.program.accompaniment_kinds,
        "referral_follow_up",
    ]
    lae_case.program.save()
    with travel(datetime.date(2026, 3, 10)):
        assert compliance.monthly_events_indicator(only(lae_case))[lae_case.pk].meets is True


def test_complete_months_start_after_intake_and_end_before_the_current_month():
    months = compliance.complete_months(datetime.date(2026, 1, 5), datetime.date(2026, 4, 10))
    assert months == [datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]
    opened_first = compliance.complete_months(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))
    assert opened_first == [datetime.date(2026, 1, 1)]


def test_the_at_least_n_events_every_month_indicator(lae_case, lae_professional):
    # given an LAE case (N = 4) opened on 05-01-2026: February and March are complete months
    for day in (2, 9, 16, 23):
        record(lae_case, lae_professional, at(2026, 2, day))
    for day in (2, 9, 16):
        record(lae_case, lae_professional, at(2026, 3, day))
    # when March has only three events
    with travel(datetime.date(2026, 4, 10)):
        indicator = compliance.monthly_events_indicator(only(lae_case))[lae_case.pk]
        program = compliance.program_indicator(only(lae_case))
    # then the case does not meet the indicator
    assert indicator.minimum == 4
    assert indicator.months == [(datetime.date(2026, 2, 1), 4), (datetime.date(2026, 3, 1), 3)]
    assert indicator.meets is False
    assert (program.evaluated, program.meeting, program.share) == (1, 0, 0.0)
    # and with a fourth event in March it does
    record(lae_case, lae_professional, at(2026, 3, 31, 23))
    with travel(datetime.date(2026, 4, 10)):
        assert compliance.monthly_events_indicator(only(lae_case))[lae_case.pk].meets is True
        assert compliance.program_indicator(only(lae_case)).share == 100.0


def test_the_indicator_is_per_program(lae, lae_case, lae_professional):
    # given a second LAE case with no events
    other = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    for day in (2, 9, 16, 23):
        record(lae_case, lae_professional, at(2026, 2, day))
    cases = Case.objects.filter(pk__in=[lae_case.pk, other.pk])
    with travel(datetime.date(2026, 3, 2)):
        program = compliance.program_indicator(cases)
    assert (program.evaluated, program.meeting, program.share) == (2, 1, 50.0)


def test_a_program_without_minimum_is_not_judged(case, professional):
    with travel(datetime.date(2026, 4, 10)):
        indicator = compliance.monthly_events_indicator(only(case))[case.pk]
    assert indicator.meets is None


def test_contact_compliance_needs_a_requirement(case):
    assert compliance.contact_compliance(only(case), datetime.date(2026, 4, 1)) == {}


def test_contact_compliance_against_the_minimum_frequency(case, professional, monkeypatch):
    # given a fortnightly minimum and contacts every two weeks until 9 March
    contact_rule(monkeypatch, {case.pk: fortnightly()})
    for day in (datetime.date(2026, 1, 12) + datetime.timedelta(days=14 * i) for i in range(5)):
        record(case, professional, at(day.year, day.month, day.day))
    record(case, professional, at(2026, 3, 20), kind=ActivityKind.CONTROL_PHONE)  # not in person
    # when checked on 20 March (11 days after the last face-to-face contact)
    status = compliance.contact_compliance(only(case), datetime.date(2026, 3, 20))[case.pk]
    assert status.last_contact == datetime.date(2026, 3, 9)
    assert status.days_without_contact == 11
    assert status.complies
    # then on 24 March (15 days) the case has gone quiet and is flagged
    later = compliance.contact_compliance(only(case), datetime.date(2026, 3, 24))[case.pk]
    assert later.is_quiet and not later.complies
    assert case.pk in compliance.quiet_cases(only(case), datetime.date(2026, 3, 24))


def test_too_few_contacts_in_the_window_are_flagged(case, professional, monkeypatch):
    contact_rule(monkeypatch, {case.pk: fortnightly()})
    record(case, professional, at(2026, 4, 1))
    status = compliance.contact_compliance(only(case), datetime.date(2026, 4, 10))[case.pk]
    # 90 days / 14 = 6 expected, 1 done
    assert (status.contacts_in_window, status.expected_in_window) == (1, 6)
    assert not status.is_quiet and not status.complies


@pytest.mark.parametrize(
    ("sequence", "alert"),
    [
        ([A, U, U], True),
        ([U, U, U], True),
        ([U, U, A], True),  # it happened: it stays to be reported
        ([U, J, U], False),  # a justified absence in between breaks the run
        ([U, A, U], False),
        ([A, U], False),
        ([J, J, J], False),
    ],
)
def test_two_consecutive_unjustified_absences_raise_non_compliance(
    case, professional, sequence, alert
):
    for day, attendance in enumerate(sequence, start=2):
        record(case, professional, at(2026, 3, day), attendance=attendance)
    alerts = compliance.noncompliance_alerts(only(case), datetime.date(2026, 4, 1))
    assert (case.pk in alerts) is alert


def test_a_management_record_does_not_break_a_run_of_absences(case, professional):
    record(case, professional, at(2026, 3, 2), attendance=U)
    record(case, professional, at(2026, 3, 3), kind=ActivityKind.OTHER)
    record(case, professional, at(2026, 3, 4), attendance=U, kind=ActivityKind.CONTROL_PHONE)
    alert = compliance.noncompliance_alerts(only(case), datetime.date(2026, 4, 1))[case.pk]
    assert len(alert.absences) == 2


def test_a_report_after_the_absences_clears_the_alert(case, professional):
    record(case, professional, at(2026, 3, 2), attendance=U)
    record(case, professional, at(2026, 3, 9), attendance=U)
    with travel(datetime.date(2026, 3, 10)):
        activity_actions.create_noncompliance_report(
            case=case,
            actor=professional,
            report_date=datetime.date(2026, 3, 10),
            periodic_contact="Dos inasistencias seguidas.",
            professional_name="Ana",
        )
    assert compliance.noncompliance_alerts(only(case), datetime.date(2026, 3, 11)) == {}


def test_the_alert_offers_a_prefilled_annex_j(case, professional, client_for):
    # given two unjustified absences
    first = record(case, professional, at(2026, 3, 2), attendance=U, reason="No avisó")
    second = record(case, professional, at(2026, 3, 9), attendance=U)
    client = client_for(professional)
    # when Ana opens the timeline, she sees the alert and the link to the report
    timeline = client.get(reverse("team:case_timeline", args=[case.pk])).content.decode()
    assert "2 inasistencias seguidas injustificadas" in timeline
    url = reverse("team:noncompliance_create", args=[case.pk])
    assert url in timeline
    # and the report comes pre-filled with the absences
    form = client.get(url).context["form"]
    assert "02-03-2026" in form.initial["periodic_contact"]
    assert "09-03-2026" in form.initial["periodic_contact"]
    assert set(form.initial["absences"]) == {first.pk, second.pk}
    # when she saves it
    data = {
        "report_date": "2026-03-10",
        "risk_level": "high",
        "control_frequency": "weekly",
        "periodic_contact": form.initial["periodic_contact"],
        "absences": [first.pk, second.pk],
        "professional_name": "Ana",
        "supervisor_name": "Sofía",
    }
    response = client.post(url, data)
    # then the annex J shows the case header, the argument and the absences
    report = NonComplianceReport.objects.get()
    assert response.status_code == 302
    page = client.get(report.get_absolute_url()).content.decode()
    assert "INFORME DE INCUMPLIMIENTO" in page
    assert case.person.rut_display in page
    assert "No avisó" in page
    assert set(report.absences.all()) == {first, second}


def test_an_annex_j_needs_an_argued_condition(case, professional, client_for):
    response = client_for(professional).post(
        reverse("team:noncompliance_create", args=[case.pk]),
        {"report_date": "2026-03-10", "professional_name": "Ana"},
    )
    assert response.status_code == 200
    assert "Argumente al menos una condición incumplida." in response.content.decode()


def test_outsiders_cannot_see_or_write_annex_j(case, professional, other_professional, client_for):
    record(case, professional, at(2026, 3, 2), attendance=U)
    with travel(datetime.date(2026, 3, 10)):
        report = activity_actions.create_noncompliance_report(
            case=case,
            actor=professional,
            report_date=datetime.date(2026, 3, 10),
            periodic_contact="Inasistencias.",
            professional_name="Ana",
        )
    client = client_for(other_professional)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("team:noncompliance_create", args=[case.pk])).status_code == 404


def test_the_indicators_page_has_bounded_queries(
    lae, lae_professional, client_for, django_assert_max_num_queries, monkeypatch
):

    coordinator = member(UserFactory(username="coord_lae"), lae, Role.COORDINATION)
    cases = [
        open_case(program=lae, actor=coordinator, professionals=[lae_professional])
        for _ in range(6)
    ]
    contact_rule(monkeypatch, {c.pk: fortnightly() for c in cases})
    for case in cases:
        record(case, lae_professional, at(2026, 2, 2), attendance=U)
        record(case, lae_professional, at(2026, 2, 9), attendance=U)
    client = client_for(coordinator)
    with travel(datetime.date(2026, 4, 10)):
        client.get(reverse("team:activity_indicators"))  # the navigation's cached counts
    with travel(datetime.date(2026, 4, 10)), django_assert_max_num_queries(20):
        page = client.get(reverse("team:activity_indicators"))
    body = page.content.decode()
    assert "0.0 %" in body or "0,0 %" in body
    assert body.count("inasistencias seguidas") == 6


def test_late_records_are_counted_per_program(case, professional):
    # given one record entered on time and one three days late
    record(case, professional, at(2026, 3, 2))
    with travel(at(2026, 3, 12)):
        activity_actions.record_activity(
            case=case,
            actor=professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 3, 9),
            ambit="psychosocial",
            attendance=A,
        )
    # then the program has one late record out of two
    late = compliance.late_records_by_program(only(case), datetime.date(2026, 3, 1))
    assert late == {case.program_id: (1, 2)}


def test_the_indicators_speak_of_one_month_and_of_the_programs_own_minimum(
    opv, lae, lae_case, lae_professional, client_for
):
    # given: an LAE case (4 events a month) with one complete month and no events,
    # and OPV, which sets no monthly minimum, seen by someone who coordinates both
    coordinator = member(UserFactory(username="coord_ambos"), lae, Role.COORDINATION)
    member(coordinator, opv, Role.COORDINATION)
    client = client_for(coordinator)
    # when
    with travel(datetime.date(2026, 3, 10)):
        indicators = client.get(reverse("team:activity_indicators")).content.decode()
        timeline = client.get(reverse("team:case_timeline", args=[lae_case.pk])).content.decode()
    # then
    assert "cumple 0 de 1 mes</span>" in indicators
    assert "Al menos 4 eventos cada mes" in indicators
    assert "Al menos N eventos" not in indicators
    assert "1 meses" not in indicators
    assert "Cumple 0 de 1 mes completo<" in timeline
