"""The period an indicator page looks at: a month, a quarter, a year or a range of dates."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from django.db import models

MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


class PeriodKind(models.TextChoices):
    MONTH = "month", "Mes"
    QUARTER = "quarter", "Trimestre"
    YEAR = "year", "Año"
    RANGE = "range", "Rango de fechas"


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return month_start(day) + relativedelta(months=1, days=-1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        start = datetime.date(year, month, 1)
        return cls(PeriodKind.MONTH, start, month_end(start))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
        return cls(PeriodKind.QUARTER, start, start + relativedelta(months=3, days=-1))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(PeriodKind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def range(cls, start: datetime.date, end: datetime.date) -> "Period":
        return cls(PeriodKind.RANGE, start, end)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return (
                f"{quarter}.º trimestre {self.start.year} ({MONTHS[self.start.month - 1]}–"
                f"{MONTHS[self.end.month - 1]})"
            )
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start:%d-%m-%Y} a {self.end:%d-%m-%Y}"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def previous(self) -> "Period":
        """The period just before, of the same kind (a range: the same number of days)."""
        if self.kind == PeriodKind.MONTH:
            return Period.month(*_year_month(self.start - relativedelta(months=1)))
        if self.kind == PeriodKind.QUARTER:
            start = self.start - relativedelta(months=3)
            return Period.quarter(start.year, (start.month - 1) // 3 + 1)
        if self.kind == PeriodKind.YEAR:
            return Period.year(self.start.year - 1)
        days = (self.end - self.start).days + 1
        end = self.start - datetime.timedelta(days=1)
        return Period.range(end - datetime.timedelta(days=days - 1), end)

    def months(self) -> list[datetime.date]:
        """First days of the calendar months the period touches."""
        result, month = [], month_start(self.start)
        while month <= self.end:
            result.append(month)
            month += relativedelta(months=1)
        return result

    def closed_months(self, today: datetime.date) -> list[datetime.date]:
        """Calendar months wholly inside the period that have already ended by ``today``."""
        return [
            m
            for m in self.months()
            if m >= self.start and month_end(m) <= self.end and month_end(m) < today
        ]

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _year_month(day: datetime.date) -> tuple[int, int]:
    return day.year, day.month


def default_period(today: datetime.date) -> Period:
    """The year so far: what a director looks at first."""
    return Period.year(today.year)
