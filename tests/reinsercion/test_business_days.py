"""Chile's calendar: business days skip weekends, national and regional holidays."""

import datetime

import pytest

from reinsercion.business_days import (
    Deadline,
    Unit,
    add_business_days,
    holiday_name,
    is_business_day,
    next_business_day,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "region", "expected"),
    [
        (D(2026, 9, 18), "", False),  # Fiestas Patrias
        (D(2026, 9, 17), "", True),
        (D(2026, 4, 3), "", False),  # Good Friday: movable
        (D(2026, 6, 29), "", False),  # San Pedro y San Pablo, moved to a Monday
        (D(2026, 8, 20), "NB", False),  # Ñuble's regional holiday
        (D(2026, 8, 20), "RM", True),  # ... is a working day in Santiago
        (D(2027, 6, 7), "AP", False),  # Arica's regional holiday
        (D(2027, 6, 7), "", True),
        (D(2026, 11, 28), "", False),  # a Saturday
    ],
)
def test_business_days_skip_weekends_and_holidays(day, region, expected):
    assert is_business_day(day, region) is expected


def test_holidays_have_their_spanish_names():
    assert holiday_name(D(2026, 9, 18)) == "Día de la Independencia"
    assert holiday_name(D(2026, 9, 17)) == ""


def test_counting_business_days_across_fiestas_patrias():
    # 2025: Thursday 18 and Friday 19 September, then the weekend
    assert add_business_days(D(2025, 9, 17), 1) == D(2025, 9, 22)
    assert add_business_days(D(2025, 9, 17), 5) == D(2025, 9, 26)
    assert next_business_day(D(2025, 9, 18)) == D(2025, 9, 22)


@pytest.mark.parametrize(
    ("deadline", "start", "expected"),
    [
        # 5 calendar days from Sunday 29 March 2026 end on Good Friday: Monday 6 April
        (Deadline(5, Unit.CALENDAR_DAYS, ""), D(2026, 3, 29), D(2026, 4, 6)),
        # ... and on a plain Thursday they stay
        (Deadline(5, Unit.CALENDAR_DAYS, ""), D(2026, 3, 26), D(2026, 3, 31)),
        # 24 hours from Thursday 17 September 2026 15:00 end on a holiday: Monday 21
        (Deadline(24, Unit.HOURS, ""), datetime.datetime(2026, 9, 17, 15), D(2026, 9, 21)),
        (Deadline(24, Unit.HOURS, ""), datetime.datetime(2026, 9, 15, 15), D(2026, 9, 16)),
        # 5 business days from Tuesday 31 March 2026 skip Good Friday and the weekend
        (Deadline(5, Unit.BUSINESS_DAYS, ""), D(2026, 3, 31), D(2026, 4, 8)),
    ],
)
def test_each_deadline_counts_as_its_unit_says(deadline, start, expected):
    assert deadline.due_on(start) == expected


def test_a_deadline_says_how_it_counts():
    assert Deadline(5, Unit.BUSINESS_DAYS, "").label == "5 días hábiles"
    assert Deadline(5, Unit.CALENDAR_DAYS, "").label == "5 días corridos"
