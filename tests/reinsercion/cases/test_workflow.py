import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from reinsercion.cases import actions as case_actions
from reinsercion.cases.choices import ExitType, Outcome
from reinsercion.cases.forms import PhaseMoveForm
from reinsercion.cases.workflow import allowed_moves
from reinsercion.programs.choices import Phase

pytestmark = pytest.mark.django_db


def move(case, actor, to_phase, on_date, **kwargs):
    return case_actions.move_case_phase(
        case=case, actor=actor, to_phase=to_phase, on_date=on_date, **kwargs
    )


@pytest.mark.parametrize(
    ("start", "forbidden"),
    [
        (Phase.INTRA_PENITENTIARY, Phase.FOLLOW_UP),  # skipping a phase
        (Phase.INTRA_PENITENTIARY, Phase.INTRA_PENITENTIARY),  # standing still
        (Phase.INTRA_PENITENTIARY, Phase.EXECUTION),  # another program's phase
    ],
)
def test_forbidden_moves_are_refused(case, coordinator, start, forbidden):
    assert case.phase == start
    with pytest.raises(ValidationError) as excinfo:
        move(case, coordinator, forbidden, datetime.date(2026, 2, 1))
    assert "No se puede pasar" in str(excinfo.value)
    case.refresh_from_db()
    assert case.phase == start


def test_a_case_never_moves_backwards(case, coordinator):
    move(case, coordinator, Phase.EXTRA_PENITENTIARY, datetime.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        move(case, coordinator, Phase.INTRA_PENITENTIARY, datetime.date(2026, 6, 2))


def test_a_closed_case_admits_no_more_moves(case, coordinator):
    move(
        case,
        coordinator,
        Phase.CLOSED,
        datetime.date(2026, 2, 1),
        summary="Se trasladó.",
        exit_type=ExitType.TRANSFER,
    )
    assert allowed_moves(case.program, case.phase) == []
    with pytest.raises(ValidationError):
        move(case, coordinator, Phase.EXTRA_PENITENTIARY, datetime.date(2026, 2, 2))


def test_closing_requires_a_summary_and_an_exit_type(case, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        move(case, coordinator, Phase.CLOSED, datetime.date(2026, 2, 1))
    assert set(excinfo.value.error_dict) == {"summary", "exit_type"}


def test_closing_a_follow_up_requires_the_outcome_and_a_recidivism_its_offence(case, coordinator):
    move(case, coordinator, Phase.EXTRA_PENITENTIARY, datetime.date(2026, 6, 1))
    move(case, coordinator, Phase.FOLLOW_UP, datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError) as excinfo:
        move(
            case,
            coordinator,
            Phase.CLOSED,
            datetime.date(2026, 10, 1),
            summary="Fin.",
            exit_type=ExitType.COMPLETION,
        )
    assert "outcome" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        move(
            case,
            coordinator,
            Phase.CLOSED,
            datetime.date(2026, 10, 1),
            summary="Fin.",
            exit_type=ExitType.COMPLETION,
            outcome=Outcome.RECIDIVISM,
        )
    assert "recidivism_offence" in excinfo.value.error_dict


def test_the_phase_history_keeps_every_period_with_its_dates(case, coordinator):
    move(case, coordinator, Phase.EXTRA_PENITENTIARY, datetime.date(2026, 6, 1))
    periods = list(case.phase_periods.values_list("phase", "started_on", "ended_on"))
    assert periods == [
        (Phase.INTRA_PENITENTIARY, datetime.date(2026, 1, 5), datetime.date(2026, 6, 1)),
        (Phase.EXTRA_PENITENTIARY, datetime.date(2026, 6, 1), None),
    ]
    assert case.months_in_phase(Phase.INTRA_PENITENTIARY) == 4


def test_the_phase_form_shows_the_missing_summary_next_to_its_field(client_for, case, professional):
    # given
    client = client_for(professional)
    # when
    response = client.post(
        reverse("team:case_move", args=[case.pk]),
        {
            "to_phase": Phase.CLOSED,
            "on_date": "2026-02-01",
            "exit_type": ExitType.DROPOUT,
            "note": "Dejó de asistir",
        },
    )
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["summary"] == ["Para cerrar el caso se requiere un resumen del caso."]
    assert "Dejó de asistir" in response.content.decode()
    case.refresh_from_db()
    assert case.phase == Phase.INTRA_PENITENTIARY


def test_a_director_can_read_but_not_move_a_case(client_for, case, director):
    client = client_for(director)
    assert client.get(reverse("team:case_detail", args=[case.pk])).status_code == 200
    assert client.get(reverse("team:case_move", args=[case.pk])).status_code == 403


def test_the_phase_form_groups_the_exit_fields_for_the_closing_move_only(
    client_for, case, professional
):
    # given
    client = client_for(professional)
    # when
    html = client.get(reverse("team:case_move", args=[case.pk])).content.decode()
    # then: the exit fields sit in their own group, which the static script shows only when
    # the chosen phase is the terminal one (no inline script: the CSP forbids them)
    exit_group = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert f'data-terminal-phase="{Phase.CLOSED}"' in exit_group
    for name in ["summary", "exit_type", "outcome", "recidivism_on", "labour_outcome"]:
        assert f'name="{name}"' in exit_group
    assert 'name="to_phase"' not in exit_group
    assert 'name="note"' not in exit_group
    assert 'src="/static/js/phase_move.js" defer' in html
    assert "<script>" not in html


def test_a_move_that_does_not_close_ignores_the_exit_fields(client_for, case, professional):
    # given: without JavaScript the exit fields are on screen, and someone fills them in
    client = client_for(professional)
    # when
    response = client.post(
        reverse("team:case_move", args=[case.pk]),
        {
            "to_phase": Phase.EXTRA_PENITENTIARY,
            "on_date": "2026-02-01",
            "summary": "Escrito por error",
            "exit_type": ExitType.DROPOUT,
            "outcome": Outcome.RECIDIVISM,
        },
    )
    # then: the case moves, and nothing of an exit is recorded
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.EXTRA_PENITENTIARY
    assert (case.summary, case.exit_type, case.outcome) == ("", "", "")


def test_the_phase_form_passes_no_exit_data_on_a_move_that_does_not_close():
    # given
    form = PhaseMoveForm(
        {
            "to_phase": Phase.EXTRA_PENITENTIARY,
            "on_date": "2026-02-01",
            "summary": "Escrito por error",
            "exit_type": ExitType.DROPOUT,
            "recidivism_on": "2026-01-20",
        },
        moves=[(Phase.EXTRA_PENITENTIARY, "Extra"), (Phase.CLOSED, "Cerrado")],
        terminal_phase=Phase.CLOSED,
    )
    # when
    valid = form.is_valid()
    # then
    assert valid
    assert form.cleaned_data["summary"] == ""
    assert form.cleaned_data["exit_type"] == ""
    assert form.cleaned_data["recidivism_on"] is None
