"""Geometry of the server-drawn SVG charts: a monthly share (0–100 %) with its target line.

The template draws the SVG (no JavaScript); each chart is followed by its data table, and
its ``<desc>`` reads the values out for screen readers.
"""

from dataclasses import dataclass
from decimal import Decimal

from reinsercion.indicators.periods import MONTHS

SHORT_MONTHS = [m[:3] for m in MONTHS]


@dataclass(frozen=True)
class Point:
    x: float
    y: float | None  # None: nothing to measure that month (no point drawn)
    label: str  # "ene 2026"
    short: str  # "ene"; the year is added in January and on the first point
    value: Decimal | None
    numerator: int
    denominator: int


@dataclass(frozen=True)
class TrendChart:
    key: str
    title: str
    width: int
    height: int
    left: float
    right: float
    baseline: float
    points: list[Point]
    path: str  # the polyline through the measured points
    ticks: list[tuple[float, int]]
    target: int | None
    target_y: float | None

    @property
    def description(self) -> str:
        values = "; ".join(
            f"{p.label}: {p.value} % ({p.numerator} de {p.denominator})"
            if p.value is not None
            else f"{p.label}: sin casos que medir"
            for p in self.points
        )
        target = f" Meta: {self.target} %." if self.target is not None else ""
        return f"{self.title}, por mes. {values}.{target}"


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def trend_chart(key, title, series, *, target=None, width=640, height=240) -> TrendChart | None:
    """``series``: [(month date, numerator, denominator)], oldest first."""
    if not series:
        return None
    left, right, top, bottom = 44.0, width - 12.0, 14.0, 36.0
    plot_h = height - top - bottom
    baseline = top + plot_h
    step = (right - left) / max(1, len(series) - 1) if len(series) > 1 else 0
    points = []
    for i, (month, numerator, denominator) in enumerate(series):
        value = share(numerator, denominator)
        x = round(left + step * i if len(series) > 1 else (left + right) / 2, 1)
        y = round(baseline - plot_h * float(value) / 100, 1) if value is not None else None
        short = SHORT_MONTHS[month.month - 1]
        if i == 0 or month.month == 1:
            short = f"{short} {month:%y}"
        points.append(
            Point(
                x=x,
                y=y,
                label=f"{SHORT_MONTHS[month.month - 1]} {month.year}",
                short=short,
                value=value,
                numerator=numerator,
                denominator=denominator,
            )
        )
    measured = [p for p in points if p.y is not None]
    path = " ".join(f"{p.x},{p.y}" for p in measured)
    ticks = [(round(baseline - plot_h * v / 100, 1), v) for v in (0, 25, 50, 75, 100)]
    target_y = round(baseline - plot_h * target / 100, 1) if target is not None else None
    return TrendChart(
        key=key,
        title=title,
        width=width,
        height=height,
        left=left,
        right=right,
        baseline=baseline,
        points=points,
        path=path,
        ticks=ticks,
        target=target,
        target_y=target_y,
    )
