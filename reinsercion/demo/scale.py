"""National-scale demo data: grows a demo database to 100,000 cases and millions of records.

``manage.py demo_scale --cases 100000 --records-per-case 50`` adds, on top of ``manage.py demo``:
synthetic people with valid RUTs, LAE and LAS cases in every phase, 2,000 professionals with
their team memberships (plus supervisors), phase periods, sessions (``ActivityRecord``, some
scheduled ahead so agendas fill), assessments with domain scores, and plans with objectives
and events. Other apps add their share through their own ``demo_scale_<app>`` command (the
network's referrals live in ``red``), which ``demo_scale`` runs after this one.

**This bulk fixture bypasses the per-row audit on purpose.** Case tables use
``AuditedQuerySet``, which refuses ``bulk_create`` so that no real change escapes
django-auditlog. Synthetic demo rows have no history worth keeping, and a national-scale load
row by row would take hours, so rows are written straight to the tables: with PostgreSQL's
``COPY`` (psycopg 3's ``cursor.copy()``), elsewhere (SQLite, for tests) with ``executemany``.
No ``LogEntry`` is written for them, and no model signal runs.

It refuses to run on a database that may hold real data: see ``ensure_demo_database``.
"""

import datetime
import json
import random
from collections.abc import Iterable, Sequence

from stdnum.cl import rut as stdnum_rut

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from reinsercion.activities.models import ActivityRecord
from reinsercion.assessment.models import Assessment, Domain, DomainScore, InstrumentVersion
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.people.models import Comuna, Person
from reinsercion.people.search import normalise
from reinsercion.plans.models import InterventionPlan, PlanEvent, PlanObjective
from reinsercion.programs.models import Program, TeamMembership, User

# The marker of a demo database. Every account ``manage.py demo`` creates (team, partners,
# web editor, admin) has an address in this reserved domain; a real deployment's accounts
# never do. A database counts as a demo only if it has accounts and all of them are there.
DEMO_EMAIL_DOMAIN = "demo.reinsercion.local"
# Accounts this module creates; their presence says the scale data is loaded.
SCALE_USERNAME_PREFIX = "escala."
SCALE_PROGRAMS = ("LAE", "LAS")
DEFAULT_PROFESSIONALS = 2_000

# RUT bodies for synthetic people: a stride through [LOW, LOW + SPAN) visits every body once.
RUT_LOW = 30_000_000
RUT_SPAN = 20_000_000
RUT_STRIDE = 7_919_993  # prime, coprime with RUT_SPAN

FIRST_NAMES_M = [
    "Juan", "Pedro", "Luis", "Carlos", "Jorge", "Manuel", "Cristián", "Rodrigo", "Felipe",
    "Matías", "Sebastián", "Diego", "Nicolás", "Javier", "Patricio", "Héctor", "Víctor",
    "Marcelo", "Claudio", "Andrés", "Bastián", "Benjamín", "Vicente", "Agustín", "Tomás",
    "Maximiliano", "Joaquín", "Martín", "Lucas", "Alonso",
]  # fmt: skip
FIRST_NAMES_F = [
    "María", "Camila", "Valentina", "Javiera", "Francisca", "Constanza", "Daniela", "Carolina",
    "Paula", "Catalina", "Fernanda", "Macarena", "Antonia", "Isidora", "Florencia", "Josefa",
    "Martina", "Trinidad", "Emilia", "Agustina",
]  # fmt: skip
LAST_NAMES = [
    "González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras", "Silva", "Martínez",
    "Sepúlveda", "Morales", "Rodríguez", "López", "Fuentes", "Hernández", "Torres", "Araya",
    "Flores", "Espinoza", "Valenzuela", "Castillo", "Tapia", "Reyes", "Gutiérrez", "Castro",
    "Pizarro", "Álvarez", "Vásquez", "Sánchez", "Fernández", "Ramírez", "Carrasco", "Gómez",
    "Cortés", "Herrera", "Núñez", "Jara", "Vergara", "Rivera", "Figueroa", "Riquelme",
    "García", "Miranda", "Bravo", "Vera", "Molina", "Vega", "Campos", "Sandoval", "Orellana",
    "Zúñiga", "Olivares", "Alarcón", "Gallardo", "Ortiz", "Garrido", "Salazar", "Guzmán",
    "Henríquez", "Saavedra", "Navarro", "Aguilera", "Parra", "Romero", "Aravena", "Vargas",
    "Quiroz", "Cáceres", "Yáñez", "Leiva", "Escobar", "Ruiz", "Valdés", "Vidal", "Salinas",
    "Zamora", "Lagos", "Mella", "Cárdenas", "Lillo",
]  # fmt: skip
COMUNAS = [
    "Arica", "Iquique", "Alto Hospicio", "Antofagasta", "Calama", "Copiapó", "La Serena",
    "Coquimbo", "Ovalle", "Valparaíso", "Viña del Mar", "Quillota", "San Antonio", "Los Andes",
    "Santiago", "Puente Alto", "Maipú", "La Florida", "San Bernardo", "La Pintana",
    "Pudahuel", "Peñalolén", "Rancagua", "Talca", "Curicó", "Linares", "Chillán",
    "Concepción", "Talcahuano", "Coronel", "Los Ángeles", "Temuco", "Padre Las Casas",
    "Valdivia", "Osorno", "Puerto Montt", "Castro", "Coyhaique", "Punta Arenas",
]  # fmt: skip
COURTS = [f"Juzgado de Garantía de {c}" for c in COMUNAS[::3]]
OFFENCES = [
    "Robo con intimidación", "Robo en lugar habitado", "Hurto simple", "Microtráfico de drogas",
    "Robo con violencia", "Receptación", "Lesiones graves", "Robo en lugar no habitado",
]  # fmt: skip
NOTES = [
    "Se revisan avances del plan y compromisos de la semana.",
    "Conversación sobre asistencia al liceo; se acuerda reunión con orientadora.",
    "Se trabaja manejo de la frustración con técnicas de respiración.",
    "Entrevista con la madre: buena disposición a apoyar el proceso.",
    "Se coordina postulación a curso de oficio.",
    "Refiere consumo ocasional; se motiva derivación a tratamiento.",
    "Visita al domicilio: vive con su abuela y dos hermanos menores.",
    "Control de firma sin novedades.",
]
ABSENCE_REASONS = [
    "Enfermedad (presenta certificado).",
    "No informa motivo.",
    "Problema de locomoción.",
]
OBJECTIVES = [
    ("Disminuir el contacto con pares infractores", "Taller de habilidades sociales"),
    ("Reinsertarse en el sistema escolar", "Coordinación con el liceo; apoyo pedagógico"),
    ("Iniciar tratamiento por consumo", "Derivación asistida a SENDA Previene"),
    ("Fortalecer el apoyo de un adulto responsable", "Sesiones familiares"),
    ("Mejorar el manejo de la ira", "Intervención individual cognitivo-conductual"),
]
SESSION_KINDS = [
    "individual", "individual", "individual", "counselling", "control_in_person",
    "control_in_person", "control_phone", "control_field", "family_session", "home_visit",
    "referral_follow_up", "other",
]  # fmt: skip
AMBITS = ["psychosocial", "psychosocial", "family", "labour"]
# Where LAE/LAS cases stand, in parts per hundred.
PHASE_WEIGHTS = {"intake": 5, "assessment": 8, "plan": 9, "execution": 58, "exit": 20}
RISK_BY_TOTAL = [(0, "very_low"), (6, "low"), (11, "medium"), (17, "high"), (24, "very_high")]


class NotADemoDatabase(Exception):
    """The database may hold real data: scale demo data must never be written there."""


def ensure_demo_database() -> None:
    """Refuse unless this is a database ``manage.py demo`` built (see ``DEMO_EMAIL_DOMAIN``)."""
    users = User.objects.all()
    if not users.exists():
        raise NotADemoDatabase(
            "La base de datos no tiene usuarios de demostración: ejecute primero `manage.py demo`."
        )
    foreign = users.exclude(email__iendswith="@" + DEMO_EMAIL_DOMAIN)
    if foreign.exists():
        raise NotADemoDatabase(
            f"La base de datos tiene {foreign.count()} cuenta(s) fuera de @{DEMO_EMAIL_DOMAIN}: "
            "puede contener datos reales. demo_scale solo se ejecuta sobre una base creada con "
            "`manage.py demo`."
        )
    missing = set(SCALE_PROGRAMS) - set(
        Program.objects.filter(code__in=SCALE_PROGRAMS).values_list("code", flat=True)
    )
    if missing:
        raise NotADemoDatabase(
            f"Faltan los programas de demostración {', '.join(sorted(missing))}: ejecute "
            "primero `manage.py demo`."
        )


def has_scale_data() -> bool:
    return User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX).exists()


def synthetic_rut(index: int) -> str:
    """The ``index``-th synthetic RUT (``12345678-5`` form): valid, distinct for every index
    below ``RUT_SPAN`` and above the range ``manage.py demo`` draws from."""
    body = str(RUT_LOW + (index * RUT_STRIDE) % RUT_SPAN)
    return f"{body}-{stdnum_rut.calc_check_digit(body)}"


# Writing rows --------------------------------------------------------------------------------


def next_id(model) -> int:
    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


class TableWriter:
    """Writes rows of ``model`` given as tuples in ``columns`` order (attnames).

    Concrete fields left out get their default (or NULL), so a field added later with a
    default does not break the fixture. Values are plain Python: int, str, bool, None, date,
    aware datetime; JSON fields take a ``json.dumps`` string.
    """

    def __init__(self, model, columns: Sequence[str]):
        self.model = model
        self.table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        self.extra = [f for name, f in fields.items() if name not in columns]
        self.extra_values = tuple(self._default(f) for f in self.extra)
        self.columns = [fields[c].column for c in columns] + [f.column for f in self.extra]
        self.count = 0

    @staticmethod
    def _default(field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return timezone.now()
        if field.has_default():
            value = field.get_default()
            if isinstance(field, models.JSONField):
                return json.dumps(value)
            return value
        if field.null:
            return None
        if field.empty_strings_allowed:
            return ""
        raise ValueError(f"{field.model.__name__}.{field.attname} needs a value")

    def write(self, rows: Iterable[tuple]) -> int:
        extra = self.extra_values
        full = (row + extra for row in rows) if extra else rows
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        written = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {connection.ops.quote_name(self.table)} ({names}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in full:
                        copy.write_row(row)
                        written += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                table = connection.ops.quote_name(self.table)
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
                batch = []
                for row in full:
                    batch.append(tuple(_plain(v) for v in row))
                    if len(batch) >= 5_000:
                        cursor.executemany(sql, batch)
                        written += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    written += len(batch)
        self.count += written
        return written


def _plain(value):
    """A value SQLite stores the way Django's backend does (UTC, naive)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze(model_list) -> None:
    """Fresh planner statistics: without them the first queries on millions of rows guess."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def fast_bulk_session() -> None:
    """On PostgreSQL, skip per-row foreign-key triggers for this transaction when allowed
    (superuser): every key written here points at a row written here or already present."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL synchronous_commit = off")


# The builder -------------------------------------------------------------------------------


class ScaleBuilder:
    def __init__(self, *, cases: int, records_per_case: int, professionals=None, seed=2024,
                 stdout=None):  # fmt: skip
        self.rng = random.Random(seed)
        self.n_cases = cases
        self.records_per_case = records_per_case
        self.n_professionals = professionals or min(DEFAULT_PROFESSIONALS, max(4, cases // 50))
        self.stdout = stdout
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.counts: dict[str, int] = {}

    def say(self, text):
        if self.stdout:
            self.stdout.write(text)

    def build(self) -> dict[str, int]:
        self.programs = {p.code: p for p in Program.objects.filter(code__in=SCALE_PROGRAMS)}
        self.users()
        self.people_and_cases()
        self.phase_periods()
        self.activities()
        self.assessments_and_plans()
        touched = [User, TeamMembership, Person, Case, Case.professionals.through, PhasePeriod,
                   ActivityRecord, Assessment, DomainScore, InterventionPlan, PlanObjective,
                   PlanEvent]  # fmt: skip
        reset_sequences(touched)
        analyze(touched)
        return self.counts

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    # Teams -------------------------------------------------------------------------------
    def users(self):
        rng = self.rng
        password = make_password(None)
        user_id = next_id(User)
        membership_id = next_id(TeamMembership)
        users, memberships = [], []
        kinds = ["psychologist", "social_worker", "case_manager", "case_manager"]
        self.professionals = {code: [] for code in SCALE_PROGRAMS}
        self.supervisors = []
        n_supervisors = max(1, self.n_professionals // 40)
        for n in range(self.n_professionals + n_supervisors):
            supervisor = n >= self.n_professionals
            role = "supervision" if supervisor else "professional"
            number = n - self.n_professionals if supervisor else n
            username = f"{SCALE_USERNAME_PREFIX}{role}.{number + 1:04d}"
            sex_names = FIRST_NAMES_F if n % 3 else FIRST_NAMES_M
            users.append(
                (user_id, username, password, rng.choice(sex_names), rng.choice(LAST_NAMES),
                 f"{username}@{DEMO_EMAIL_DOMAIN}", rng.choice(kinds), True, self.now)
            )  # fmt: skip
            # Six in ten professionals work in LAE, the rest in LAS; one in ten in both.
            home = "LAE" if (number * 10) // max(1, self.n_professionals) < 6 else "LAS"
            programs = [home]
            if number % 10 == 0:
                programs.append("LAS" if home == "LAE" else "LAE")
            for code in programs:
                memberships.append((membership_id, user_id, self.programs[code].pk, role))
                membership_id += 1
            (self.supervisors if supervisor else self.professionals[home]).append(user_id)
            user_id += 1
        self._write(
            User,
            ["id", "username", "password", "first_name", "last_name", "email",
             "professional_kind", "is_active", "date_joined"],
            users,
        )  # fmt: skip
        self._write(TeamMembership, ["id", "user_id", "program_id", "role"], memberships)

    # People and cases --------------------------------------------------------------------
    def people_and_cases(self):
        rng, today = self.rng, self.today
        existing = set(Person.objects.values_list("rut", flat=True))
        person_id, case_id = next_id(Person), next_id(Case)
        link_id = next_id(Case.professionals.through)
        phases = list(PHASE_WEIGHTS)
        weights = list(PHASE_WEIGHTS.values())
        people, cases, links = [], [], []
        # case_id -> (program_code, phase, opened_on, end_on, professional_id, steps)
        self.cases: dict[int, tuple] = {}
        rut_index = 0
        comuna_ids = dict(Comuna.objects.values_list("search_name", "pk"))
        for i in range(self.n_cases):
            rut = synthetic_rut(rut_index)
            while rut in existing:
                rut_index += 1
                rut = synthetic_rut(rut_index)
            rut_index += 1
            female = rng.random() < 0.15
            names = FIRST_NAMES_F if female else FIRST_NAMES_M
            first = rng.choice(names)
            if rng.random() < 0.6:
                first = f"{first} {rng.choice(names)}"
            last = f"{rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"
            birth = datetime.date(today.year - rng.randint(15, 19), rng.randint(1, 12),
                                  rng.randint(1, 28))  # fmt: skip
            comuna = rng.choice(COMUNAS)
            people.append(
                (person_id, rut, first, last, birth, "female" if female else "male", "Chilena",
                 comuna, f"Pasaje {rng.choice(LAST_NAMES)} {rng.randint(10, 2500)}",
                 f"+56 9 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", self.now,
                 self.now, normalise(f"{first} {last}"), comuna_ids.get(normalise(comuna)))
            )  # fmt: skip

            program = "LAE" if rng.random() < 0.6 else "LAS"
            phase = rng.choices(phases, weights)[0]
            steps = phases.index(phase)
            # Closed cases lasted up to two years; open ones started up to 18 months ago.
            if phase == "exit":
                closed_on = today - datetime.timedelta(days=rng.randint(1, 700))
                opened_on = closed_on - datetime.timedelta(days=rng.randint(120, 540))
            else:
                closed_on = None
                span = {"intake": 10, "assessment": 30, "plan": 50}.get(phase, 540)
                opened_on = today - datetime.timedelta(days=rng.randint(steps * 8 + 1, span + 60))
            professional = rng.choice(self.professionals[program] or self.professionals["LAE"])
            final_on = opened_on - datetime.timedelta(days=rng.randint(1, 5))
            years = rng.choice([0, 1, 1, 2, 3])
            cases.append(
                (case_id, person_id, self.programs[program].pk, phase, opened_on,
                 rng.choice(COURTS), f"{1000 + i % 9000}-{opened_on.year}",
                 f"{opened_on.year % 100}00{rng.randint(100000, 999999)}-{i % 10}",
                 rng.choice(OFFENCES), years or None, rng.choice([0, 180, 240, 300]) or None,
                 final_on, final_on, final_on + datetime.timedelta(days=365 * max(years, 1)),
                 i % 4 == 0, closed_on, "completion" if closed_on else "",
                 "Cumplió la sanción y su plan de intervención." if closed_on else "",
                 self.now, self.now)
            )  # fmt: skip
            links.append((link_id, case_id, professional))
            link_id += 1
            if rng.random() < 0.2:  # a duo: a second professional of the same program
                second = rng.choice(self.professionals[program] or self.professionals["LAE"])
                if second != professional:
                    links.append((link_id, case_id, second))
                    link_id += 1
            self.cases[case_id] = (program, phase, opened_on, closed_on or today, professional,
                                   steps)  # fmt: skip
            person_id += 1
            case_id += 1
        self._write(
            Person,
            ["id", "rut", "first_names", "last_names", "birth_date", "sex", "nationality",
             "comuna", "address", "phone", "created_at", "updated_at", "search_name",
             "home_comuna_id"],
            people,
        )  # fmt: skip
        self._write(
            Case,
            ["id", "person_id", "program_id", "phase", "opened_on", "court", "rit", "ruc",
             "offence", "sentence_years", "sentence_days", "sentence_final_on",
             "sentence_starts_on", "sentence_ends_on", "drug_treatment_condition", "closed_on",
             "exit_type", "summary", "created_at", "updated_at"],
            cases,
        )  # fmt: skip
        self._write(Case.professionals.through, ["id", "case_id", "user_id"], links)

    def phase_periods(self):
        phases = list(PHASE_WEIGHTS)

        first_id = next_id(PhasePeriod)  # not inside rows(): no query during a COPY

        def rows():
            period_id = first_id
            for case_id, (_, _, opened_on, end_on, professional, steps) in self.cases.items():
                total = max((end_on - opened_on).days, steps)
                # Intake, assessment and plan take their share of the first months.
                starts = [opened_on]
                for k in range(1, steps + 1):
                    share = min(total * k // 6, 20 * k) if k < 4 else total
                    starts.append(opened_on + datetime.timedelta(days=max(share, k)))
                for k in range(steps + 1):
                    ended = starts[k + 1] if k < steps else None
                    yield (period_id, case_id, phases[k], starts[k], ended, professional)
                    period_id += 1

        self._write(
            PhasePeriod, ["id", "case_id", "phase", "started_on", "ended_on", "changed_by_id"],
            rows(),
        )  # fmt: skip

    # Sessions ----------------------------------------------------------------------------
    def activities(self):
        rng, today, per_case = self.rng, self.today, self.records_per_case
        hours = [9, 10, 11, 12, 15, 16, 17]
        durations = [30, 45, 45, 60, 60, 90]
        delta = datetime.timedelta

        first_id = next_id(ActivityRecord)  # not inside rows(): no query during a COPY

        def rows():
            record_id = first_id
            random_ = rng.random
            randrange = rng.randrange
            for case_id, (_, phase, opened_on, end_on, professional, _) in self.cases.items():
                span = max((end_on - opened_on).days, 1)
                # Open cases in execution have their next sessions scheduled.
                ahead = min(2, per_case) if phase == "execution" else 0
                for n in range(per_case):
                    kind = SESSION_KINDS[randrange(len(SESSION_KINDS))]
                    ambit = AMBITS[randrange(4)]
                    duration = durations[randrange(6)]
                    if n < ahead:
                        day = today + delta(days=1 + randrange(21))
                        yield (record_id, case_id, kind, self.at(day, hours[randrange(7)]),
                               duration, ambit, "", "scheduled", "", "", None, professional,
                               False)  # fmt: skip
                        record_id += 1
                        continue
                    day = opened_on + delta(days=randrange(span))
                    occurred = self.at(day, hours[randrange(7)], 15 * randrange(4))
                    roll = random_()
                    if roll < 0.85:
                        attendance, reason = "attended", ""
                    elif roll < 0.92:
                        attendance, reason = "absent_justified", ABSENCE_REASONS[0]
                    elif roll < 0.98:
                        attendance, reason = "absent_unjustified", ABSENCE_REASONS[randrange(1, 3)]
                    else:
                        attendance, reason = "scheduled", ""
                    if attendance == "scheduled":
                        recorded_at, late = None, False
                    else:
                        after = 1 + randrange(72) if random_() < 0.9 else 49 + randrange(200)
                        recorded_at = occurred + delta(hours=after)
                        late = after > 48
                    yield (record_id, case_id, kind, occurred, duration, ambit,
                           NOTES[randrange(8)] if attendance == "attended" else "",
                           attendance, reason, "", recorded_at, professional, late)  # fmt: skip
                    record_id += 1

        self._write(
            ActivityRecord,
            ["id", "case_id", "kind", "occurred_at", "duration_minutes", "ambit", "notes",
             "attendance", "absence_reason", "participants", "recorded_at", "recorded_by_id",
             "is_late"],
            rows(),
        )  # fmt: skip

    # Assessments and plans ---------------------------------------------------------------
    def assessments_and_plans(self):
        rng, delta = self.rng, datetime.timedelta
        version = InstrumentVersion.objects.get(instrument__code="factores-lae-las")
        domains = list(Domain.objects.filter(version=version).order_by("sort_order", "pk"))
        dynamic = [d for d in domains if not d.is_static]
        assessment_id, score_id = next_id(Assessment), next_id(DomainScore)
        plan_id, objective_id, event_id = (
            next_id(InterventionPlan), next_id(PlanObjective), next_id(PlanEvent)
        )  # fmt: skip
        assessments, scores, plans, objectives, events = [], [], [], [], []
        supervisors = self.supervisors
        for case_id, (_, phase, opened_on, end_on, professional, steps) in self.cases.items():
            if steps < 1:
                continue
            assessed_on = opened_on + delta(days=min(10, max((end_on - opened_on).days, 0)))
            reassessed = steps >= 3 and (end_on - opened_on).days > 365 and rng.random() < 0.5
            dates = [(assessed_on, "initial")]
            if reassessed:
                dates.append((assessed_on + delta(days=365), "yearly"))
            first_assessment = assessment_id
            for on, reason in dates:
                values = [rng.randint(0, 4) for _ in domains]
                total = sum(values)
                level = [lvl for low, lvl in RISK_BY_TOTAL if total >= low][-1]
                needs = []
                for domain, value in zip(domains, values, strict=True):
                    need = "" if domain.is_static else ("low", "medium", "high")[min(value, 4) // 2]
                    needs.append(need)
                    scores.append((score_id, assessment_id, domain.pk, value, need,
                                   not domain.is_static))  # fmt: skip
                    score_id += 1
                need_level = max(
                    (n for n in needs if n), key=("low", "medium", "high").index, default=""
                )
                assessments.append(
                    (assessment_id, case_id, version.pk, on, reason, professional, total, level,
                     level, need_level, self.at(on, 12))
                )  # fmt: skip
                assessment_id += 1
            if steps < 2:
                continue
            plan_on = assessed_on + delta(days=15)
            status = (
                rng.choice(["draft", "in_review", "sent_to_court"]) if phase == "plan"
                else "in_execution"
            )  # fmt: skip
            supervisor = rng.choice(supervisors) if status != "draft" else None
            risk = assessments[-len(dates)][8]
            plans.append(
                (plan_id, case_id, 1, status, "annex_a", first_assessment, professional,
                 supervisor, risk, rng.choice(["weekly", "biweekly", "monthly"]),
                 self.at(plan_on, 10), self.at(plan_on, 10))
            )  # fmt: skip
            for k, domain in enumerate(rng.sample(dynamic, min(3, len(dynamic)))):
                goal, how = OBJECTIVES[rng.randrange(len(OBJECTIVES))]
                objective_status = (
                    rng.choice(["in_progress", "in_progress", "achieved", "pending"])
                    if status == "in_execution" else "pending"
                )  # fmt: skip
                objectives.append((objective_id, plan_id, domain.pk, domain.axis, goal, how, k,
                                   objective_status))  # fmt: skip
                objective_id += 1
            path = {
                "draft": ["draft"],
                "in_review": ["draft", "in_review"],
                "sent_to_court": ["draft", "in_review", "endorsed", "sent_to_court"],
                "in_execution": ["draft", "in_review", "endorsed", "sent_to_court", "approved",
                                 "in_execution"],
            }[status]  # fmt: skip
            kinds = {"draft": "created", "in_review": "submitted", "endorsed": "endorsed",
                     "sent_to_court": "sent_to_court", "approved": "approved",
                     "in_execution": "execution_started"}  # fmt: skip
            previous = ""
            for k, to_status in enumerate(path):
                on = plan_on + delta(days=3 * k)
                actor = supervisor if to_status == "endorsed" else professional
                events.append((event_id, plan_id, kinds[to_status], previous, to_status, actor,
                               on, self.at(on, 11)))  # fmt: skip
                event_id += 1
                previous = to_status
            plan_id += 1
        self._write(
            Assessment,
            ["id", "case_id", "version_id", "assessed_on", "reason", "assessor_id",
             "total_score", "paper_level", "level", "need_level", "created_at"],
            assessments,
        )  # fmt: skip
        self._write(
            DomainScore,
            ["id", "assessment_id", "domain_id", "score", "need_level", "need_from_paper"],
            scores,
        )  # fmt: skip
        self._write(
            InterventionPlan,
            ["id", "case_id", "number", "status", "layout", "assessment_id", "author_id",
             "supervisor_id", "risk_level", "control_frequency", "created_at", "updated_at"],
            plans,
        )  # fmt: skip
        self._write(
            PlanObjective,
            ["id", "plan_id", "domain_id", "axis", "objective", "actions", "sort_order",
             "status"],
            objectives,
        )  # fmt: skip
        self._write(
            PlanEvent,
            ["id", "plan_id", "kind", "from_status", "to_status", "actor_id", "on_date", "at"],
            events,
        )  # fmt: skip

    def _write(self, model, columns, rows):
        started = timezone.now()
        written = TableWriter(model, columns).write(rows)
        self.counts[model._meta.db_table] = written
        seconds = (timezone.now() - started).total_seconds()
        self.say(f"  {model._meta.db_table:<36} {written:>10,} filas  {seconds:7.1f} s")


def build(*, cases: int, records_per_case: int, professionals=None, seed=2024, stdout=None):
    """Write the scale data; the caller holds the transaction (see ``fast_bulk_session``)."""
    ensure_demo_database()
    if has_scale_data():
        raise NotADemoDatabase(
            "Esta base ya tiene datos de escala (usuarios «escala.*»); cree una base nueva."
        )
    builder = ScaleBuilder(
        cases=cases,
        records_per_case=records_per_case,
        professionals=professionals,
        seed=seed,
        stdout=stdout,
    )
    return builder.build()


def scale_cases() -> list[tuple]:
    """The cases ``build`` wrote, for other apps' ``demo_scale_<app>`` commands: rows of
    (case id, phase, opened_on, closed_on, professional id), one per case."""
    rows = (
        Case.professionals.through.objects.filter(user__username__startswith=SCALE_USERNAME_PREFIX)
        .order_by("case_id", "pk")
        .values_list("case_id", "case__phase", "case__opened_on", "case__closed_on", "user_id")
    )
    seen, cases = set(), []
    for row in rows.iterator(chunk_size=20_000):
        if row[0] not in seen:
            seen.add(row[0])
            cases.append(row)
    return cases


def scale_supervisors() -> list[int]:
    return list(
        User.objects.filter(
            username__startswith=f"{SCALE_USERNAME_PREFIX}supervision."
        ).values_list("pk", flat=True)
    )
