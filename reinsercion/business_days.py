"""Chile's calendar for legal deadlines: business days, public holidays and how a deadline counts.

Holidays come from the ``holidays`` package (Chile, with its movable holidays and the regional
ones of Arica y Parinacota and Ñuble). A business day is a weekday that is not a public holiday
of the country or of the office's region.

Every deadline of the norms is a ``Deadline``: an amount and a unit (calendar days, business
days or hours), and the norm it comes from. How a deadline that ends on a day the office is
closed moves is decided in docs/decisions/0004-legal-calendar.md.
"""

import datetime
import functools
from dataclasses import dataclass

import holidays

from django.db import models
from django.utils import timezone


class Region(models.TextChoices):
    """Chile's regions (ISO 3166-2:CL codes, as the ``holidays`` package names them)."""

    AP = "AP", "Arica y Parinacota"
    TA = "TA", "Tarapacá"
    AN = "AN", "Antofagasta"
    AT = "AT", "Atacama"
    CO = "CO", "Coquimbo"
    VS = "VS", "Valparaíso"
    RM = "RM", "Metropolitana de Santiago"
    LI = "LI", "Libertador General Bernardo O'Higgins"
    ML = "ML", "Maule"
    NB = "NB", "Ñuble"
    BI = "BI", "Biobío"
    AR = "AR", "La Araucanía"
    LR = "LR", "Los Ríos"
    LL = "LL", "Los Lagos"
    AI = "AI", "Aysén del General Carlos Ibáñez del Campo"
    MA = "MA", "Magallanes y de la Antártica Chilena"


class Unit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "días corridos"
    BUSINESS_DAYS = "business_days", "días hábiles"
    HOURS = "hours", "horas"


@functools.cache
def _holidays(region: str):
    # One calendar per region, filled year by year as dates are asked for.
    return holidays.country_holidays("CL", subdiv=region or None, language="es")


def holiday_name(day: datetime.date, region: str = "") -> str:
    """The public holiday on ``day`` (national, or of ``region``), or ""."""
    return _holidays(region).get(day) or ""


def is_business_day(day: datetime.date, region: str = "") -> bool:
    return day.weekday() < 5 and day not in _holidays(region)


def next_business_day(day: datetime.date, region: str = "") -> datetime.date:
    """``day`` itself if it is a business day, else the first business day after it."""
    while not is_business_day(day, region):
        day += datetime.timedelta(days=1)
    return day


def add_business_days(day: datetime.date, count: int, region: str = "") -> datetime.date:
    """The ``count``-th business day after ``day`` (``day`` itself is not counted)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day, region):
            count -= 1
    return day


@dataclass(frozen=True)
class Deadline:
    """A legal deadline: how much time, counted how, and the norm that sets it."""

    amount: int
    unit: str  # a ``Unit`` value
    norm: str  # where the norms say so, in Spanish

    @property
    def label(self) -> str:
        return f"{self.amount} {Unit(self.unit).label}"

    def due_on(self, start: datetime.date | datetime.datetime, region: str = "") -> datetime.date:
        """The last day to comply, counted from ``start`` (a date, or a date and time for the
        deadlines in hours).

        Calendar days and hours run on every day; when they end on a day that is not a
        business day, the deadline moves to the next business day (the offices and the
        courts are closed). Business days skip weekends and holidays by definition.
        """
        if isinstance(start, datetime.datetime) and timezone.is_aware(start):
            start = timezone.localtime(start)
        if self.unit == Unit.BUSINESS_DAYS:
            day = start.date() if isinstance(start, datetime.datetime) else start
            return add_business_days(day, self.amount, region)
        if self.unit == Unit.HOURS:
            if not isinstance(start, datetime.datetime):
                start = datetime.datetime.combine(start, datetime.time.min)
            end = (start + datetime.timedelta(hours=self.amount)).date()
        else:
            day = start.date() if isinstance(start, datetime.datetime) else start
            end = day + datetime.timedelta(days=self.amount)
        return next_business_day(end, region)
