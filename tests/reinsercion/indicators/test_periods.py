import datetime

import pytest

from reinsercion.indicators.forms import PeriodForm
from reinsercion.indicators.periods import Period

TODAY = datetime.date(2026, 4, 10)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (Period.month(2026, 1), Period.month(2025, 12)),
        (Period.quarter(2026, 1), Period.quarter(2025, 4)),
        (Period.year(2026), Period.year(2025)),
        (
            Period.range(datetime.date(2026, 3, 10), datetime.date(2026, 3, 19)),
            Period.range(datetime.date(2026, 2, 28), datetime.date(2026, 3, 9)),
        ),
    ],
)
def test_the_previous_period_has_the_same_length(period, previous):
    assert period.previous() == previous


def test_labels():
    assert Period.month(2026, 3).label == "marzo 2026"
    assert Period.quarter(2026, 2).label == "2.º trimestre 2026 (abril–junio)"
    assert Period.year(2026).label == "2026"
    assert Period.quarter(2026, 4).end == datetime.date(2026, 12, 31)


def test_closed_months_leave_out_the_current_month():
    assert Period.year(2026).closed_months(TODAY) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]
    # a range judges only the months wholly inside it
    part = Period.range(datetime.date(2026, 1, 15), datetime.date(2026, 3, 31))
    assert part.closed_months(TODAY) == [datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, Period.year(2026)),
        ({"periodo": "month", "anio": "2025", "mes": "7"}, Period.month(2025, 7)),
        ({"periodo": "quarter", "anio": "2026", "trimestre": "1"}, Period.quarter(2026, 1)),
        (
            {"periodo": "range", "desde": "2026-01-01", "hasta": "2026-02-15"},
            Period.range(datetime.date(2026, 1, 1), datetime.date(2026, 2, 15)),
        ),
        # an invalid choice falls back to the current year, with the error on the form
        ({"periodo": "range", "desde": "2026-03-01", "hasta": "2026-02-01"}, Period.year(2026)),
    ],
)
def test_the_period_form(data, expected):
    form = PeriodForm(data or None, today=TODAY)
    assert form.period() == expected


def test_a_range_needs_both_dates():
    form = PeriodForm({"periodo": "range", "desde": "2026-03-01"}, today=TODAY)
    assert not form.is_valid()
    assert "Indique las fechas desde y hasta del rango." in form.non_field_errors()


def test_the_form_shows_the_period_it_uses_when_nothing_was_chosen():
    form = PeriodForm(None, today=TODAY)
    assert form["periodo"].value() == "year"
    assert form["anio"].value() == 2026
