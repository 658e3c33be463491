"""Everything a program's indicator page, its exports and its management report show for one
period, assembled once."""

import datetime
from dataclasses import dataclass, field

from reinsercion.indicators import queries
from reinsercion.indicators.charts import TrendChart, trend_chart
from reinsercion.indicators.figures import Definition, Figure, Table
from reinsercion.indicators.periods import Period


@dataclass
class ProgramReport:
    program: object
    period: Period
    previous_period: Period
    today: datetime.date
    events: queries.EventsIndicator
    risk: queries.RiskReduction | None
    recidivism: queries.Recidivism | None
    cohorts: tuple[Table, Table, Definition] | None
    plan_deadline: Figure | None
    records: queries.RecordTimeliness
    contact: queries.ContactSnapshot
    caseload: Table
    extra_tables: list[Table] = field(default_factory=list)
    charts: list[TrendChart] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        result = [self.events.figure] if self.events.figure else []
        if self.risk:
            result.append(self.risk.figure)
        if self.recidivism:
            result += [self.recidivism.in_previous_year, self.recidivism.by_year]
        if self.plan_deadline:
            result.append(self.plan_deadline)
        result += [self.records.figure, self.contact.figure]
        return result

    def figures_table(self) -> Table:
        return Table(
            key="indicadores",
            title="Indicadores",
            headers=[
                "Indicador",
                "Numerador",
                "Denominador",
                "%",
                "Meta (%)",
                "Periodo anterior (%)",
                "Periodo",
                "Numerador (definición)",
                "Denominador (definición)",
                "Regla",
                "Documento",
            ],
            rows=[
                [
                    f.title,
                    f.numerator,
                    f.denominator,
                    f.share,
                    f.target,
                    f.previous.share if f.previous else None,
                    f.definition.period,
                    f.definition.numerator,
                    f.definition.denominator,
                    f.definition.rule,
                    f.definition.source,
                ]
                for f in self.figures
            ],
        )

    def below_table(self) -> Table:
        return Table(
            key="bajo-el-minimo",
            title=f"Casos bajo el mínimo de {self.events.minimum} eventos mensuales",
            headers=[
                "Caso",
                "Persona",
                "Meses que cumple",
                "Meses evaluados",
                "Meses bajo el mínimo",
            ],
            rows=[
                [
                    b.case_id,
                    b.name,
                    b.months_met,
                    b.months_judged,
                    ", ".join(f"{m:%m-%Y}: {n}" for m, n in b.short_months),
                ]
                for b in self.events.below
            ],
            note=(
                f"Primeros {len(self.events.below)} de {self.events.below_total} casos, los más "
                "lejos del mínimo primero."
                if len(self.events.below) < self.events.below_total
                else ""
            ),
        )

    def trend_table(self, chart: TrendChart) -> Table:
        return Table(
            key=f"tendencia-{chart.key}",
            title=f"{chart.title}, por mes",
            headers=["Mes", "Cumplen", "Total", "%", "Meta (%)"],
            rows=[
                [p.label, p.numerator, p.denominator, p.value, chart.target] for p in chart.points
            ],
        )

    @property
    def chart_tables(self) -> list[tuple[TrendChart, Table]]:
        return [(c, self.trend_table(c)) for c in self.charts]

    def tables(self) -> dict[str, Table]:
        """Every table of the page by key, for the exports."""
        tables = [self.figures_table()]
        if self.events.figure:
            tables.append(self.below_table())
        tables += [self.trend_table(c) for c in self.charts]
        if self.risk:
            tables.append(self.risk.domains)
        if self.cohorts:
            tables += [self.cohorts[0], self.cohorts[1]]
        tables.append(self.caseload)
        tables += self.extra_tables
        return {t.key: t for t in tables}


def _with_previous(current: Figure | None, previous: Figure | None) -> Figure | None:
    if current is not None:
        current.previous = previous
    return current


def build(program, period: Period, today: datetime.date) -> ProgramReport:
    """The program's indicators for ``period``, each compared with the previous period."""
    before = period.previous()
    events = queries.events_indicator(program, period, today)
    _with_previous(events.figure, queries.events_indicator(program, before, today).figure)
    risk = recidivism = None
    if program.requires_court_data:
        risk = queries.risk_reduction(program, period)
        _with_previous(risk.figure, queries.risk_reduction(program, before).figure)
        recidivism = queries.recidivism(program, period, today)
    plan = _with_previous(
        queries.plan_deadlines(program, period, today),
        queries.plan_deadlines(program, before, today),
    )
    records = queries.record_timeliness(program, period, today)
    _with_previous(records.figure, queries.record_timeliness(program, before, today).figure)
    charts = []
    if events.figure:
        charts.append(
            trend_chart(
                "eventos",
                f"Jóvenes con al menos {events.minimum} eventos en el mes",
                events.trend,
                target=program.events_target_pct,
            )
        )
    charts.append(trend_chart("registros", "Registros dentro de 48 horas", records.trend))
    return ProgramReport(
        program=program,
        period=period,
        previous_period=before,
        today=today,
        events=events,
        risk=risk,
        recidivism=recidivism,
        cohorts=queries.cohort_table(program, period),
        plan_deadline=plan,
        records=records,
        contact=queries.contact_snapshot(program, today),
        caseload=queries.caseload(program),
        extra_tables=queries.extension_tables(program, period),
        charts=[c for c in charts if c],
    )
