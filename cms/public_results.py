"""Cached access to the public aggregates of ``reinsercion.results`` and their SVG chart.

The cache key carries ``results_version()``, which the case module bumps whenever a case,
its phase history or a generation changes; an outcome recorded today shows on the next visit.
"""

from dataclasses import dataclass

from django.core.cache import cache

from reinsercion.results import queries as results

TIMEOUT = 24 * 60 * 60


def _key(*parts) -> str:
    return ":".join(["cms", "results", str(results.results_version()), *map(str, parts)])


def program_results(code: str, year_from: int | None, year_to: int | None):
    return cache.get_or_set(
        _key("cohorts-public", code, year_from, year_to),
        lambda: results.cohort_results(code, year_from=year_from, year_to=year_to, public=True),
        TIMEOUT,
    )


def breakdown(code: str, dimension: str, year_from: int | None, year_to: int | None):
    return cache.get_or_set(
        _key("breakdown", code, dimension, year_from, year_to),
        lambda: results.breakdown(code, dimension, year_from=year_from, year_to=year_to),
        TIMEOUT,
    )


# Chart --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    x: float
    center: float
    width: float
    effective_y: float
    effective_h: float
    recidivism_y: float
    recidivism_h: float
    counted: int
    effective: int
    recidivism: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    left: float
    tick_x: float
    bars: list
    ticks: list  # (y, value)


def stacked_bars(program_results, *, width=640, height=300) -> Chart | None:
    """Geometry of a stacked bar per generation: effective reinsertion below, recidivism on top."""
    cohorts = [c for c in program_results.cohorts if c.counted] if program_results else []
    if not cohorts:
        return None
    left, top, bottom = 44.0, 16.0, 40.0
    plot_h = height - top - bottom
    peak = max(c.counted for c in cohorts)
    step = 5 if peak <= 25 else 10
    scale_max = ((peak + step - 1) // step) * step
    slot = (width - left - 8) / len(cohorts)
    bar_w = min(56.0, slot * 0.6)
    baseline = top + plot_h
    bars = []
    for i, c in enumerate(cohorts):
        eff_h = plot_h * c.effective / scale_max
        rec_h = plot_h * c.recidivism / scale_max
        bars.append(
            Bar(
                label=str(c.year),
                x=round(left + slot * i + (slot - bar_w) / 2, 1),
                center=round(left + slot * i + slot / 2, 1),
                width=round(bar_w, 1),
                effective_y=round(baseline - eff_h, 1),
                effective_h=round(eff_h, 1),
                recidivism_y=round(baseline - eff_h - rec_h, 1),
                recidivism_h=round(rec_h, 1),
                counted=c.counted,
                effective=c.effective,
                recidivism=c.recidivism,
            )
        )
    ticks = [
        (round(baseline - plot_h * v / scale_max, 1), v) for v in range(0, scale_max + 1, step)
    ]
    return Chart(
        width=width,
        height=height,
        baseline=baseline,
        left=left,
        tick_x=left - 8,
        bars=bars,
        ticks=ticks,
    )
