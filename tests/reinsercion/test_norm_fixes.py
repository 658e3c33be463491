"""The rules the norms state that the code had wrong: the reassessment before the end of the
sentence, OPV's yearly limit, exit types per program, and missed phone controls."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from reinsercion.activities import compliance
from reinsercion.activities.models import ActivityKind, Attendance
from reinsercion.agenda import actions as agenda_actions
from reinsercion.agenda import queries as agenda_queries
from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.programs.choices import Phase

from ..factories import CohortFactory, open_case
from .activity_helpers import at, record, set_court_data, travel
from .assessment_factories import assess, configured_version

pytestmark = pytest.mark.django_db
D = datetime.date


def before_end(case, today):
    items = agenda_sources()["reassessment"](Case.objects.filter(pk=case.pk), today)
    return [i.due_on for i in items if i.kind == "reassessment_before_end"]


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (D(2026, 5, 30), False),  # 31 days before the end
        (D(2026, 5, 31), True),  # 30 days before: from here on it shows
        (D(2026, 6, 30), True),  # the end date: due, not overdue
        (D(2026, 7, 1), True),  # after it: overdue
    ],
)
def test_the_reassessment_before_the_end_is_due_at_the_end_and_shown_a_month_before(
    lae_case, lae_professional, today, shown
):
    set_court_data(lae_case, lae_professional, sentence_ends_on=D(2026, 6, 30))
    assert before_end(lae_case, today) == ([D(2026, 6, 30)] if shown else [])


@pytest.mark.parametrize(
    ("today", "view", "shown"),
    [
        (D(2026, 5, 30), "30-dias", ""),  # 31 days before: not on the agenda
        (D(2026, 5, 31), "30-dias", "En 30 días"),  # 30 days before
        (D(2026, 6, 30), "hoy", "Vence hoy"),  # the end date: due, not overdue
    ],
)
def test_the_stored_agenda_shows_the_reassessment_before_the_end_from_30_days_before(
    lae_case, lae_professional, client_for, django_assert_max_num_queries, today, view, shown
):
    set_court_data(lae_case, lae_professional, sentence_ends_on=D(2026, 6, 30))
    agenda_actions.refresh_cases([lae_case.pk], today)
    with travel(today), django_assert_max_num_queries(35):
        page = client_for(lae_professional).get(reverse("team:agenda"), {"vista": view})
    text = " ".join(page.content.decode().split())
    assert ("Reevaluar antes del término de la condena" in text) is bool(shown)
    if shown:
        assert (
            f'30-06-2026</td> <td data-label="Estado"><span class="badge badge--due">{shown}'
            in text
        )


def test_the_daily_digest_carries_the_reassessment_from_30_days_before(lae_case, lae_professional):
    # the digest reads 14 days ahead; this item asks to be seen from 30 days before
    set_court_data(lae_case, lae_professional, sentence_ends_on=D(2026, 6, 30))
    kinds = [
        r.item.kind
        for r in agenda_queries.collect(Case.objects.filter(pk=lae_case.pk), D(2026, 5, 31))
    ]
    assert "reassessment_before_end" in kinds
    kinds = [
        r.item.kind
        for r in agenda_queries.collect(Case.objects.filter(pk=lae_case.pk), D(2026, 5, 30))
    ]
    assert "reassessment_before_end" not in kinds


def test_an_assessment_in_the_last_month_is_the_reassessment_before_the_end(
    lae_case, lae_professional
):
    set_court_data(lae_case, lae_professional, sentence_ends_on=D(2026, 6, 30))
    version = configured_version()
    assess(lae_case, lae_professional, version, on=D(2026, 5, 29), history=0)
    assert before_end(lae_case, D(2026, 6, 10)) == [D(2026, 6, 30)]  # the day before: not it
    assess(lae_case, lae_professional, version, on=D(2026, 6, 5), history=0)
    assert before_end(lae_case, D(2026, 6, 10)) == []


def test_opvs_limit_is_per_year_over_all_its_generations(opv, coordinator):
    # given a program admitting 3 people a year, and two generations of 2026
    opv.max_members_per_year, opv.max_cohort_size = 3, None
    opv.save()
    first = CohortFactory(program=opv, ordinal=1, year=2026)
    second = CohortFactory(program=opv, ordinal=2, year=2026)
    next_year = CohortFactory(program=opv, ordinal=3, year=2027)
    for _ in range(2):
        open_case(program=opv, actor=coordinator, cohort=first)
    open_case(program=opv, actor=coordinator, cohort=second)
    # when a fourth person of 2026 joins either generation, then it is refused
    with pytest.raises(ValidationError) as refused:
        open_case(program=opv, actor=coordinator, cohort=second)
    assert "Las generaciones de 2026 ya suman 3 integrantes" in str(refused.value)
    # and the next year starts afresh
    open_case(program=opv, actor=coordinator, cohort=next_year)
    assert Case.objects.filter(cohort__year=2026).count() == 3


def close(case, actor, exit_type):
    return case_actions.move_case_phase(
        case=case,
        to_phase=case.program.terminal_phase,
        actor=actor,
        on_date=D(2026, 3, 1),
        summary="Resumen del caso.",
        exit_type=exit_type,
    )


def test_the_phase_move_refuses_an_exit_type_the_program_does_not_have(
    lae, lae_case, lae_professional
):
    lae.exit_types = ["completion", "sentence_reduction"]
    lae.save()
    with travel(D(2026, 3, 2)), pytest.raises(ValidationError) as refused:
        close(lae_case, lae_professional, "dropout")
    assert "no es un tipo de egreso del programa LAE" in str(refused.value)
    lae_case.refresh_from_db()
    assert lae_case.phase == Phase.INTAKE
    with travel(D(2026, 3, 2)):
        close(lae_case, lae_professional, "sentence_reduction")
    lae_case.refresh_from_db()
    assert lae_case.exit_type == "sentence_reduction"


def test_the_phase_form_offers_only_the_programs_exit_types(
    lae, lae_case, lae_professional, client_for
):
    lae.exit_types = ["completion", "sentence_reduction"]
    lae.save()
    html = client_for(lae_professional).get(reverse("team:case_move", args=[lae_case.pk]))
    html = html.content.decode()
    assert 'value="sentence_reduction"' in html
    assert 'value="dropout"' not in html


@pytest.mark.parametrize(("counts", "alert"), [(True, True), (False, False)])
def test_a_missed_phone_control_counts_as_an_absence_only_where_the_program_says(
    lae, lae_case, lae_professional, counts, alert
):
    lae.phone_control_counts_as_absence = counts
    lae.save()
    U = Attendance.ABSENT_UNJUSTIFIED
    record(lae_case, lae_professional, at(2026, 3, 2), attendance=U)
    record(
        lae_case, lae_professional, at(2026, 3, 4), attendance=U, kind=ActivityKind.CONTROL_PHONE
    )
    alerts = compliance.noncompliance_alerts(Case.objects.all(), D(2026, 4, 1))
    assert (lae_case.pk in alerts) is alert
