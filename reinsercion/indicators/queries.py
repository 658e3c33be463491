"""The indicators of one program over one period, computed from the case data.

Every function runs a fixed number of queries whatever the number of cases (the pages' query
counts are tested with few and with more cases).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reinsercion.activities.compliance import complete_months, contact_compliance
from reinsercion.activities.models import ActivityKind, ActivityRecord, Attendance
from reinsercion.assessment.models import RISK_KINDS, Assessment, DomainScore
from reinsercion.assessment.rules import deadlines
from reinsercion.assessment.rules.levels import risk_rank
from reinsercion.cases.choices import ExitType, LabourOutcome, Outcome
from reinsercion.cases.models import Case
from reinsercion.extensions import indicator_sources
from reinsercion.indicators.figures import (
    LAE_EVALUATION,
    LAE_SHEET,
    LV_NORMS,
    OPV_DOCUMENT,
    Definition,
    Figure,
    Table,
    percent,
)
from reinsercion.indicators.periods import Period, month_end, month_start
from reinsercion.plans.models import PlanEvent, PlanEventKind, PlanExtension
from reinsercion.programs.choices import Phase
from reinsercion.results.queries import cohort_results

# A trend chart shows at least this many months, ending with the period's last month.
TREND_MONTHS = 12
TREND_MONTHS_MAX = 24
KIND_LABELS = dict(ActivityKind.choices)


def _aware_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def trend_months(period: Period, today: datetime.date) -> list[datetime.date]:
    """The months of a trend chart: the period's months, at least ``TREND_MONTHS`` and at
    most ``TREND_MONTHS_MAX`` back from its last month, never past the current month."""
    last = month_start(min(period.end, today))
    first = min(month_start(period.start), last - relativedelta(months=TREND_MONTHS - 1))
    first = max(first, last - relativedelta(months=TREND_MONTHS_MAX - 1))
    months, month = [], first
    while month <= last:
        months.append(month)
        month += relativedelta(months=1)
    return months


# Accompaniment events --------------------------------------------------------------------------


@dataclass
class CaseBelow:
    case_id: int
    name: str
    months_met: int
    months_judged: int
    short_months: list[tuple[datetime.date, int]]  # (month, events) of the months below N


@dataclass
class EventsIndicator:
    minimum: int | None
    figure: Figure | None
    trend: list[tuple[datetime.date, int, int]] = field(default_factory=list)  # month, met, judged
    below: list[CaseBelow] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    below_total: int = 0  # ``below`` may be cut short when stored (snapshots.py)


def _events_definition(program, period: Period) -> Definition:
    kinds = ", ".join(KIND_LABELS.get(k, k).lower() for k in program.accompaniment_kinds or [])
    return Definition(
        numerator=(
            f"Casos con al menos {program.min_monthly_events} eventos de acompañamiento en cada "
            "mes calendario completo del periodo en que estuvieron vigentes."
        ),
        denominator=(
            "Casos del programa vigentes durante al menos un mes calendario completo del "
            "periodo (abiertos o ya egresados)."
        ),
        period=f"{period.label}; solo meses ya terminados.",
        rule=(
            f"Cuenta como evento una actividad de tipo {kinds or '(ninguno configurado)'} a la "
            "que la persona asistió. Las gestiones administrativas (seguimiento de derivación, "
            "otra gestión) y las inasistencias no cuentan. El mínimo (N) y la meta son "
            "parámetros del programa."
        ),
        source=LAE_SHEET + ": indicador de componente (meta 90 %).",
    )


def events_indicator(program, period: Period, today: datetime.date) -> EventsIndicator:
    """Share of cases with ≥ N accompaniment events in every complete month of ``period``;
    the cases below it; and the monthly share over the trend months. Two queries."""
    minimum = program.min_monthly_events
    kinds = list(program.accompaniment_kinds or [])
    if not minimum:
        return EventsIndicator(minimum=None, figure=None, kinds=kinds)
    months = trend_months(period, today)
    first, last = min(months[0], month_start(period.start)), month_end(months[-1])
    cases = list(
        Case.objects.filter(program=program, opened_on__lte=last)
        .exclude(closed_on__lt=first)
        .order_by()
        .values_list("pk", "opened_on", "closed_on", "person__first_names", "person__last_names")
    )
    counts = Counter(
        {
            (case_id, month): n
            for case_id, month, n in ActivityRecord.objects.filter(
                case__program=program,
                attendance=Attendance.ATTENDED,
                kind__in=kinds,
                occurred_at__gte=_aware_midnight(first),
                occurred_at__lt=_aware_midnight(last + datetime.timedelta(days=1)),
            )
            .annotate(month=TruncMonth("occurred_at", output_field=DateField()))
            .order_by()
            .values("case_id", "month")
            .annotate(n=Count("pk"))
            .values_list("case_id", "month", "n")
        }
    )
    in_period = set(period.closed_months(today))
    trend_judged, trend_met = Counter(), Counter()
    judged = met = 0
    below = []
    for pk, opened_on, closed_on, first_names, last_names in cases:
        open_months = complete_months(opened_on, today, closed_on)
        for month in open_months:
            trend_judged[month] += 1
            if counts[(pk, month)] >= minimum:
                trend_met[month] += 1
        own = [m for m in open_months if m in in_period]
        if not own:
            continue
        judged += 1
        short = [(m, counts[(pk, m)]) for m in own if counts[(pk, m)] < minimum]
        if short:
            below.append(
                CaseBelow(
                    case_id=pk,
                    name=f"{first_names} {last_names}".strip(),
                    months_met=len(own) - len(short),
                    months_judged=len(own),
                    short_months=short,
                )
            )
        else:
            met += 1
    below.sort(key=lambda b: (b.months_met - b.months_judged, b.name))
    figure = Figure(
        key="events",
        title=f"Jóvenes con al menos {minimum} eventos de acompañamiento cada mes",
        numerator=met,
        denominator=judged,
        target=program.events_target_pct,
        definition=_events_definition(program, period),
    )
    return EventsIndicator(
        minimum=minimum,
        figure=figure,
        trend=[(m, trend_met[m], trend_judged[m]) for m in months if m in trend_judged],
        below=below,
        kinds=kinds,
        below_total=len(below),
    )


# Risk reduction of the graduates -----------------------------------------------------------------


@dataclass
class RiskReduction:
    figure: Figure
    without_reassessment: int
    domains: Table


def _graduates(program, start: datetime.date, end: datetime.date):
    """Exits by judicial end of the sanction (cumplimiento) between ``start`` and ``end``."""
    return Case.objects.filter(
        program=program, exit_type=ExitType.COMPLETION, closed_on__gte=start, closed_on__lte=end
    )


def risk_reduction(program, period: Period) -> RiskReduction:
    """Share of the period's graduates whose last risk assessment has a lower level than the
    first, and per dynamic domain the share whose last score is lower than the first.
    Three queries."""
    graduates = list(_graduates(program, period.start, period.end).values_list("pk", flat=True))
    by_case = defaultdict(list)
    for pk, case_id, level in (
        Assessment.objects.filter(
            case__in=graduates,
            version__instrument__kind__in=RISK_KINDS,
            version__instrument__prevails=False,
        )
        .exclude(level="")
        .order_by("assessed_on", "pk")
        .values_list("pk", "case_id", "level")
    ):
        by_case[case_id].append((pk, level))
    lowered = 0
    pairs = {}  # case id → (first assessment id, last assessment id)
    for case_id, assessments in by_case.items():
        if len(assessments) < 2:
            continue
        (first_pk, first_level), (last_pk, last_level) = assessments[0], assessments[-1]
        pairs[case_id] = (first_pk, last_pk)
        if risk_rank(last_level) < risk_rank(first_level):
            lowered += 1
    scores = {
        (assessment_id, code): (name, order, score)
        for assessment_id, code, name, order, score in DomainScore.objects.filter(
            assessment_id__in=[pk for pair in pairs.values() for pk in pair],
            domain__is_static=False,
        ).values_list(
            "assessment_id", "domain__code", "domain__name", "domain__sort_order", "score"
        )
    }
    domains: dict[str, dict] = {}
    for first_pk, last_pk in pairs.values():
        for (assessment_id, code), (name, order, score) in scores.items():
            if assessment_id != first_pk or (last_pk, code) not in scores:
                continue
            d = domains.setdefault(code, {"name": name, "order": order, "n": 0, "lower": 0})
            d["n"] += 1
            if scores[(last_pk, code)][2] < score:
                d["lower"] += 1
    rows = [
        [d["name"], d["lower"], d["n"], percent(d["lower"], d["n"])]
        for d in sorted(domains.values(), key=lambda d: (d["order"], d["name"]))
    ]
    figure = Figure(
        key="risk",
        title="Egresados que disminuyen su riesgo",
        numerator=lowered,
        denominator=len(graduates),
        target=program.risk_reduction_target_pct,
        definition=Definition(
            numerator=(
                "Egresados por término judicial de la sanción cuya última evaluación de riesgo "
                "tiene un nivel menor que la primera (un nivel igual no es disminución)."
            ),
            denominator=(
                "Total de egresados por término judicial de la sanción (tipo de egreso "
                "«cumplimiento») en el periodo, tengan o no reevaluación."
            ),
            period=f"Fecha de egreso dentro de {period.label}.",
            rule=(
                "Se comparan la primera y la última evaluación con instrumento general o de "
                "factores de riesgo adolescentes; por dominio, el puntaje de la última contra "
                "el de la primera (solo dominios dinámicos)."
            ),
            source=LAE_SHEET + ": indicador de propósito (meta 52 %).",
        ),
    )
    return RiskReduction(
        figure=figure,
        without_reassessment=len(graduates) - len(pairs),
        domains=Table(
            key="riesgo-dominios",
            title="Disminución del puntaje por dominio (egresados con dos o más evaluaciones)",
            headers=["Dominio", "Egresados que bajan", "Egresados evaluados", "%"],
            rows=rows,
        ),
    )


# Recidivism of the graduates of year t-1 --------------------------------------------------------


@dataclass
class Recidivism:
    year: int  # t
    graduates: int
    in_previous_year: Figure  # measured in t-1
    by_year: Figure  # measured in t


def recidivism(program, period: Period, today: datetime.date) -> Recidivism:
    """The graduates of year t-1 (t: the year the period ends in) who re-offend, measured at
    the end of t-1 and at the end of t (or today, if t is not over). One query."""
    t = period.end.year
    start, end = datetime.date(t - 1, 1, 1), datetime.date(t - 1, 12, 31)
    rows = list(
        _graduates(program, start, end).values_list("closed_on", "outcome", "recidivism_on")
    )
    until_t = min(datetime.date(t, 12, 31), today)

    def reoffended(until: datetime.date, *, undated: bool) -> int:
        n = 0
        for closed_on, outcome, on in rows:
            if outcome != Outcome.RECIDIVISM:
                continue
            if on is None:
                n += undated
            elif closed_on <= on <= until:
                n += 1
        return n

    source = LAE_EVALUATION
    base = dict(
        denominator=f"Egresados por término judicial de la sanción durante {t - 1}.",
        rule=(
            "Reincidencia: un nuevo delito registrado en el caso («resultado del seguimiento: "
            "reincidencia», con su delito y fecha) ocurrido después del egreso. Una "
            "reincidencia sin fecha cuenta solo en la medición de t."
        ),
        source=source,
    )
    return Recidivism(
        year=t,
        graduates=len(rows),
        in_previous_year=Figure(
            key="recidivism_t1",
            title=f"Reincidencia de los egresados {t - 1}, medida en {t - 1}",
            numerator=reoffended(end, undated=False),
            denominator=len(rows),
            definition=Definition(
                numerator=f"Egresados {t - 1} con reincidencia fechada hasta el 31-12-{t - 1}.",
                period=f"Egreso en {t - 1}; reincidencia hasta el 31-12-{t - 1}.",
                **base,
            ),
        ),
        by_year=Figure(
            key="recidivism_t",
            title=f"Reincidencia de los egresados {t - 1}, medida en {t}",
            numerator=reoffended(until_t, undated=True),
            denominator=len(rows),
            definition=Definition(
                numerator=(
                    f"Egresados {t - 1} con reincidencia hasta el {until_t:%d-%m-%Y} "
                    "(acumulada desde el egreso)."
                ),
                period=f"Egreso en {t - 1}; reincidencia hasta el {until_t:%d-%m-%Y}.",
                **base,
            ),
        ),
    )


# OPV: per-generation results for the team -------------------------------------------------------

PHASE_ORDER = [Phase.INTRA_PENITENTIARY, Phase.EXTRA_PENITENTIARY, Phase.FOLLOW_UP, Phase.CLOSED]


def _follow_up_status(phases: Counter) -> str:
    if phases[Phase.INTRA_PENITENTIARY]:
        return "En intervención intrapenitenciaria"
    if phases[Phase.EXTRA_PENITENTIARY]:
        return "En intervención extrapenitenciaria"
    if phases[Phase.FOLLOW_UP]:
        closed = phases[Phase.CLOSED]
        return f"En seguimiento ({closed} de {sum(phases.values())} cerrados)"
    return "Seguimiento cerrado" if phases else "Sin integrantes"


def cohort_table(program, period: Period) -> tuple[Table, Table, object] | None:
    """The per-generation results up to the period's year, every cell shown (the team sees
    them unsuppressed), each generation's follow-up status, and labour insertion. Five
    queries."""
    if not program.uses_cohorts:
        return None
    results = cohort_results(program.code, year_to=period.end.year)
    phases: dict[tuple[int, int], Counter] = defaultdict(Counter)
    labour: dict[int, Counter] = defaultdict(Counter)
    for ordinal, phase, labour_outcome, n in (
        Case.objects.filter(program=program, cohort__year__lte=period.end.year)
        .order_by()
        .values_list("cohort__ordinal", "phase", "labour_outcome")
        .annotate(n=Count("pk"))
    ):
        phases[ordinal][phase] += n
        if phase == Phase.CLOSED:
            labour[ordinal][labour_outcome or ""] += n
    rows = []
    for c in results.cohorts:
        rows.append(
            [
                f"{c.ordinal}ª generación",
                c.year,
                c.counted,
                c.effective,
                c.effective_pct,
                c.recidivism,
                c.recidivism_pct,
                c.in_progress,
                c.not_counted,
                _follow_up_status(phases[c.ordinal]),
            ]
        )
    table = Table(
        key="generaciones",
        title="Resultados por generación",
        headers=[
            "Generación",
            "Año",
            "Egresados que cuentan",
            "Reinserción efectiva",
            "% reinserción efectiva",
            "Reincidencia",
            "% reincidencia",
            "Aún en intervención o seguimiento",
            "No cuentan (menos tiempo que la regla)",
            "Estado del seguimiento",
        ],
        rows=rows,
        footer=[
            "Total",
            "",
            results.counted,
            results.effective,
            results.effective_pct,
            results.recidivism,
            results.recidivism_pct,
            results.in_progress,
            results.not_counted,
            "",
        ],
        note=(
            f"{results.rule} Porcentajes enteros, redondeados como en el documento del programa."
        ),
    )
    labour_labels = [label for _, label in LabourOutcome.choices]
    labour_rows = []
    for c in results.cohorts:
        counts = labour[c.ordinal]
        labour_rows.append(
            [
                f"{c.ordinal}ª generación ({c.year})",
                *(counts[value] for value, _ in LabourOutcome.choices),
                counts[""],
            ]
        )
    labour_table = Table(
        key="insercion-laboral",
        title="Inserción laboral al cierre, por generación",
        headers=["Generación", *labour_labels, "No registrada"],
        rows=labour_rows,
        note="Personas con el caso cerrado, según la situación laboral registrada al cierre.",
    )
    definition = Definition(
        numerator="Reinserción efectiva (o reincidencia) al cerrar el año de seguimiento.",
        denominator=(
            "Integrantes de la generación que cumplen la regla de medición y cerraron su "
            "seguimiento."
        ),
        period=f"Generaciones hasta {period.end.year} (año de la generación).",
        rule=results.rule or "El programa no define una regla de medición.",
        source=OPV_DOCUMENT + " (49 egresados, 45 con reinserción efectiva, 4 reincidencias).",
    )
    return table, labour_table, definition


# Deadlines and records -------------------------------------------------------------------------


def plan_deadlines(program, period: Period, today: datetime.date) -> Figure | None:
    """Plans (PII) sent to court within 45 days of the final sentence (+ prórroga), among the
    cases whose deadline falls in the period and has passed (or was met). Three queries."""
    if not program.requires_court_data:
        return None
    cases = dict(
        Case.objects.filter(
            program=program,
            sentence_final_on__gte=period.start - datetime.timedelta(days=75),
            sentence_final_on__lte=period.end,
        ).values_list("pk", "sentence_final_on")
    )
    extensions = dict(
        PlanExtension.objects.filter(case__in=list(cases)).values_list("case_id", "days")
    )
    delivered: dict[int, datetime.date] = {}
    for case_id, on_date in (
        PlanEvent.objects.filter(plan__case__in=list(cases), kind=PlanEventKind.SENT_TO_COURT)
        .order_by("on_date")
        .values_list("plan__case_id", "on_date")
    ):
        delivered.setdefault(case_id, on_date)
    due_count = on_time = 0
    for case_id, final_on in cases.items():
        due = deadlines.plan_due_on(final_on, extensions.get(case_id, 0))
        if not period.contains(due):
            continue
        sent = delivered.get(case_id)
        if sent is None and due >= today:
            continue  # still within its deadline
        due_count += 1
        on_time += sent is not None and sent <= due
    return Figure(
        key="plan_deadline",
        title="Planes enviados al tribunal dentro de 45 días",
        numerator=on_time,
        denominator=due_count,
        definition=Definition(
            numerator="Casos cuyo primer PII se envió al tribunal a más tardar el día del plazo.",
            denominator=(
                "Casos cuyo plazo (45 días desde la sentencia ejecutoriada, más la prórroga si "
                "la hubo) vence en el periodo y ya venció o se cumplió."
            ),
            period=f"Vencimiento dentro de {period.label}.",
            rule="Plazo = sentencia ejecutoriada + 45 días + días de prórroga (hasta 15).",
            source=LV_NORMS + ": plazo del plan de intervención individual.",
        ),
    )


@dataclass
class RecordTimeliness:
    figure: Figure
    trend: list[tuple[datetime.date, int, int]]  # month, on time, total


def record_timeliness(program, period: Period, today: datetime.date) -> RecordTimeliness:
    """Sessions and actions recorded within 48 hours, by the month they happened. One query."""
    months = trend_months(period, today)
    first, last = min(months[0], month_start(period.start)), max(month_end(months[-1]), period.end)
    per_month = {
        month: (total, late)
        for month, total, late in ActivityRecord.objects.filter(
            case__program=program,
            occurred_at__gte=_aware_midnight(first),
            occurred_at__lt=_aware_midnight(last + datetime.timedelta(days=1)),
        )
        .exclude(attendance=Attendance.SCHEDULED)
        .annotate(month=TruncMonth("occurred_at", output_field=DateField()))
        .order_by()
        .values("month")
        .annotate(total=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
        .values_list("month", "total", "late")
    }
    # The period itself may start or end inside a month: count it exactly.
    inside = [m for m in period.months()]
    total = sum(per_month.get(m, (0, 0))[0] for m in inside)
    late = sum(per_month.get(m, (0, 0))[1] for m in inside)
    if period.start != month_start(period.start) or period.end != month_end(period.end):
        exact = (
            ActivityRecord.objects.filter(
                case__program=program,
                occurred_at__gte=_aware_midnight(period.start),
                occurred_at__lt=_aware_midnight(period.end + datetime.timedelta(days=1)),
            )
            .exclude(attendance=Attendance.SCHEDULED)
            .aggregate(total=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
        )
        total, late = exact["total"], exact["late"]
    return RecordTimeliness(
        figure=Figure(
            key="records_48h",
            title="Registros ingresados dentro de 48 horas",
            numerator=total - late,
            denominator=total,
            definition=Definition(
                numerator="Sesiones y gestiones registradas hasta 48 horas después de su término.",
                denominator="Sesiones y gestiones realizadas en el periodo (asistidas o no).",
                period=f"Fecha de la sesión dentro de {period.label}.",
                rule="Registro de avances: dentro de 48 horas de realizada la sesión o gestión.",
                source=LV_NORMS + ", §5.1 y §5.2.",
            ),
        ),
        trend=[(m, t - lt, t) for m in months for t, lt in [per_month.get(m, (0, 0))]],
    )


@dataclass
class ContactSnapshot:
    figure: Figure
    below: list[tuple[int, str, object]]  # case id, name, ContactStatus
    below_total: int = 0  # ``below`` may be cut short when stored (snapshots.py)


def contact_snapshot(program, today: datetime.date) -> ContactSnapshot:
    """Open cases that meet their minimum contact frequency today (bounded queries)."""
    cases = Case.objects.filter(program=program).open()
    statuses = contact_compliance(cases, today)
    names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in Case.objects.filter(
            pk__in=[pk for pk, s in statuses.items() if not s.complies]
        ).values_list("pk", "person__first_names", "person__last_names")
    }
    complying = sum(1 for s in statuses.values() if s.complies)
    below = sorted(
        ((pk, names.get(pk, ""), s) for pk, s in statuses.items() if not s.complies),
        key=lambda item: item[1],
    )
    return ContactSnapshot(
        figure=Figure(
            key="contact",
            title="Casos que cumplen su frecuencia mínima de contacto",
            numerator=complying,
            denominator=len(statuses),
            definition=Definition(
                numerator=(
                    "Casos abiertos con contacto presencial dentro de su intervalo mínimo y con "
                    "los contactos esperados en los últimos 90 días."
                ),
                denominator="Casos abiertos con una frecuencia mínima fijada (evaluación o plan).",
                period=f"Situación al {today:%d-%m-%Y} (no depende del periodo elegido).",
                rule="Frecuencia mínima según riesgo y necesidad (Cuadros N°1 y N°5) o el plan.",
                source=LV_NORMS + ", Cuadros N°1 a N°5.",
            ),
        ),
        below=below,
        below_total=len(below),
    )


def caseload(program) -> Table:
    """Open cases per assigned professional (a case in a duo counts for both). One query."""
    through = Case.professionals.through
    rows = (
        through.objects.filter(case__program=program)
        .exclude(case__phase__in=[Phase.CLOSED, Phase.EXIT])
        .order_by()
        .values_list("user__first_name", "user__last_name", "user__username")
        .annotate(n=Count("case_id"))
    )
    return Table(
        key="carga",
        title="Carga de casos por profesional",
        headers=["Profesional", "Casos abiertos asignados"],
        rows=sorted(
            ([f"{first} {last}".strip() or username, n] for first, last, username, n in rows),
            key=lambda r: (-r[1], r[0]),
        ),
        note="Casos abiertos hoy; un caso atendido en dupla cuenta para ambos profesionales.",
    )


def extension_tables(program, period: Period) -> list[Table]:
    """Tables other apps register (e.g. red: referral answer times per institution)."""
    tables = []
    for key, source in indicator_sources().items():
        result = source(program=program, start=period.start, end=period.end)
        if result is not None:
            tables.append(
                Table(
                    key=key,
                    title=result.title,
                    headers=list(result.headers),
                    rows=[list(r) for r in result.rows],
                    note=result.definition,
                )
            )
    return tables
