"""The national-scale benchmark (``make bench``): staff, partner and public pages under gunicorn
on PostgreSQL, measured with wrk against Django's stock admin changelist of ``Case``.

1. Creates the PostgreSQL database (``DATABASE_URL``, default ``reinsercion_bench``) if needed,
   migrates it and, when it lacks the scale data, loads ``manage.py demo`` and
   ``manage.py demo_scale`` (``BENCH_CASES`` × ``BENCH_RECORDS``; 100000 × 50 by default).
2. For every page: starts gunicorn (2 workers, ``cms.settings.bench``: production settings on
   loopback), checks the page answers 200 with the user's session, runs
   ``wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$BENCH_DURATION --timeout $BENCH_TIMEOUT``,
   then stops gunicorn — a fresh server per page, so a slow page's queued requests never leak
   into the next measurement.
3. Renders each page once in-process to count its queries and sum their SQL time.
4. Prints a Markdown table: req/s, p50, p99, SQL ms, queries, and the targets of issue 11 as
   ratios to the admin changelist, with PASS/FAIL. ``BENCH_MARKDOWN=path`` also writes it.

Sessions are made with the test client's ``force_login``, marked as past the second factor
(no password, no django-axes attempt); they last the 30 idle minutes of the production
settings, far beyond a run.
"""

import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETTINGS = "cms.settings.bench"
DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reinsercion_bench"
)
CASES = int(os.environ.get("BENCH_CASES", "100000"))
RECORDS = int(os.environ.get("BENCH_RECORDS", "50"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
THREADS = os.environ.get("BENCH_THREADS", "2")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
DURATION = os.environ.get("BENCH_DURATION", "10s")
TIMEOUT = os.environ.get("BENCH_TIMEOUT", "30s")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
ONLY = os.environ.get("BENCH_ONLY", "")  # comma-separated page keys, for a partial run
SQL_BUDGET_MS = 50.0

os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
os.environ["DATABASE_URL"] = DATABASE_URL

import environ
import psycopg

import django

# Models and the test client need the settings above: set up Django before importing them.
django.setup()

from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.db.models import Count
from django.test import Client

from wagtail.models import Page as WagtailPage

from reinsercion.activities.models import ActivityRecord
from reinsercion.cases.models import Case
from reinsercion.demo.scale import (
    SCALE_USERNAME_PREFIX,
    has_scale_data,
)
from reinsercion.programs.models import User
from reinsercion.second_factor.middleware import VERIFIED as SECOND_FACTOR_VERIFIED


@dataclass
class Page:
    key: str
    label: str
    url: str
    user: str | None  # username, None for anonymous
    reference: str | None = None  # key of the page it is compared with
    target: float | None = None  # minimum ratio of req/s to the reference
    results: dict = field(default_factory=dict)


def manage(*args: str) -> None:
    print(f"$ manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def ensure_database() -> None:

    config = environ.Env.db_url_config(DATABASE_URL)
    params = dict(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            print(f"Creando la base {config['NAME']}", flush=True)
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def prepare_data() -> None:

    if has_scale_data():
        print("La base ya tiene los datos de escala.", flush=True)
        return
    if not User.objects.exists():
        manage("demo")
    started = time.monotonic()
    manage("demo_scale", "--cases", str(CASES), "--records-per-case", str(RECORDS))
    print(f"demo_scale: {time.monotonic() - started:.0f} s", flush=True)


def pages() -> list[Page]:

    # The professional whose caseload is closest to 60 cases.
    professional = (
        User.objects.filter(username__startswith=f"{SCALE_USERNAME_PREFIX}professional.")
        .annotate(n=Count("assigned_cases"))
        .filter(n__gte=55, n__lte=65)
        .order_by("-n", "pk")
        .first()
    ) or User.objects.filter(username__startswith=SCALE_USERNAME_PREFIX).first()
    case = (
        Case.objects.filter(professionals=professional, phase="execution")
        .order_by("pk")
        .select_related("person")
        .first()
    )
    last_name = case.person.last_names.split()[0]
    rut = case.person.rut
    body, check = rut.split("-")
    dotted = f"{int(body):,}".replace(",", ".") + f"-{check}"
    results = WagtailPage.objects.live().filter(slug__startswith="resultados").first()
    coordinator, partner, admin = "coordinacion.lae", "omil.quillota", "admin"
    print(
        f"Profesional: {professional.username} ({professional.n} casos); caso {case.pk}; "
        f"búsqueda «{last_name}» y {dotted}",
        flush=True,
    )
    return [
        # The reference: Django's stock admin changelist of Case.
        Page("admin", "Admin changelist (reference)", "/bench-admin/reinsercion/case/", admin),
        Page(
            "admin_name",
            "Admin search by name (reference)",
            f"/bench-admin/reinsercion/case/?q={last_name}",
            admin,
        ),
        Page(
            "admin_rut",
            "Admin search by RUT (info)",
            f"/bench-admin/reinsercion/case/?q={rut}",
            admin,
        ),
        Page("caseload", "Caseload, coordination", "/equipo/casos/", coordinator, "admin", 2),
        Page(
            "caseload_prof",
            f"Caseload, professional ({professional.n} cases)",
            "/equipo/casos/",
            professional.username,
            "admin",
            1,
        ),
        Page(
            "search_name",
            "Caseload search by name",
            f"/equipo/casos/?q={last_name}",
            coordinator,
            "admin_name",
            5,
        ),
        Page(
            "search_rut",
            "Caseload search by RUT",
            f"/equipo/casos/?q={dotted}",
            coordinator,
            "admin",
            1,
        ),
        Page("case", "Case file", f"/equipo/casos/{case.pk}/", professional.username, "admin", 1),
        Page(
            "timeline",
            "Case timeline",
            f"/equipo/casos/{case.pk}/linea-de-tiempo/",
            professional.username,
            "admin",
            1,
        ),
        Page("agenda", "Professional agenda", "/equipo/agenda/", professional.username, "admin", 1),
        Page("team_agenda", "Team agenda", "/equipo/agenda/equipo/", coordinator, "admin", 1),
        Page("home", "Staff home", "/equipo/", coordinator, "admin", 1),
        Page("inbox", "Partner portal inbox", "/red/", partner, "admin", 1),
        Page("indicators", "Indicators overview", "/equipo/indicadores/", coordinator, "admin", 1),
        Page(
            "indicators_lae",
            "Indicators, LAE (this month)",
            "/equipo/indicadores/lae/?periodo=month",
            coordinator,
            "admin",
            1,
        ),
        Page(
            "indicators_lae_year",
            "Indicators, LAE (this year)",
            "/equipo/indicadores/lae/",
            coordinator,
            "admin",
            1,
        ),
        Page("public_home", "Public home", "/", None, "admin", 10),
        Page("results", "Public results page", results.url if results else "/", None, "admin", 10),
    ]


def logged_in(client, username: str):
    """Log ``username`` in on ``client`` as after the password and the second factor (the
    production settings require it; the gate reads the session's verdict)."""
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True
    session.save()
    return client


def session_cookies(usernames) -> dict[str, str]:

    cookies = {}
    for username in usernames:
        client = logged_in(Client(), username)
        cookies[username] = client.cookies["sessionid"].value
    return cookies


class Gunicorn:
    def __init__(self):
        self.process = None

    def __enter__(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": DATABASE_URL}
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "cms.wsgi:application", "--workers", WORKERS, "--preload",
             "--bind", f"127.0.0.1:{PORT}", "--timeout", "300", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not open its port in 60 s")

    def __exit__(self, *exc):
        # The whole process group, hard: queued slow requests must not outlive the page.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        # The port must be free again before the next page.
        time.sleep(0.3)


def fetch(url: str, cookie: str | None, timeout: float) -> tuple[int, float]:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}")
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def seconds(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        return float("nan")
    number, unit = float(match[1]), match[2]
    return number * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def run_wrk(url: str, cookie: str | None) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--timeout", TIMEOUT,
               "--latency"]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    command.append(f"http://127.0.0.1:{PORT}{url}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"requests": 0, "rps": 0.0, "p50": None, "p99": None, "timeouts": 0, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(match[1])
    if match := re.search(r"(\d+) requests in", output):
        result["requests"] = int(match[1])
    for pct in ("50", "99"):
        if match := re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.MULTILINE):
            result[f"p{pct}"] = seconds(match[1])
    if match := re.search(r"timeout (\d+)", output):
        result["timeouts"] = int(match[1])
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["errors"] = int(match[1])
    if result["requests"] == 0:
        result["p50"] = result["p99"] = None
    return result


def sql_of_one_request(url: str, username: str | None) -> dict:
    """Queries and summed SQL time of one in-process request (same settings and data).

    Timed with ``connection.execute_wrapper`` and ``perf_counter``: the debug cursor's times
    are rounded to the millisecond, which turns a page of fast queries into "0 ms".
    """

    timings = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(time.perf_counter() - started)

    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        logged_in(client, username)
    client.get(url)  # warm: templates, URL resolvers, PostgreSQL buffers
    with connection.execute_wrapper(timer):
        started = time.monotonic()
        response = client.get(url)
        wall = time.monotonic() - started
    return {
        "status": response.status_code,
        "queries": len(timings),
        "sql_ms": sum(timings) * 1000,
        "wall_ms": wall * 1000,
    }


def ms(value) -> str:
    return "—" if value is None else f"{value * 1000:,.0f}"


def table(rows: list[Page]) -> str:
    by_key = {p.key: p for p in rows}
    lines = [
        "| Page | req/s | p50 ms | p99 ms | 1 req ms | SQL ms | queries | target | vs ref. "
        "| req/s | SQL < 50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|",
    ]
    for page in rows:
        r = page.results
        note = ""
        if r.get("timeouts"):
            note += f" ({r['timeouts']} timeouts)"
        if r.get("errors"):
            note += f" ({r['errors']} non-2xx)"
        target = ratio = verdict = ""
        if page.reference:
            reference = by_key[page.reference].results.get("rps") or 0
            target = f"≥ {page.target:g}× {by_key[page.reference].label.split(' (')[0]}"
            if reference:
                value = r["rps"] / reference
                ratio = f"{value:.2f}×"
                verdict = "PASS" if value >= page.target else "FAIL"
        # The budget is ours; the stock admin's rows are the yardstick, not judged.
        is_reference = page.key.startswith("admin")
        sql_verdict = "" if is_reference else "PASS" if r["sql_ms"] < SQL_BUDGET_MS else "FAIL"
        lines.append(
            f"| {page.label} | {r['rps']:,.1f}{note} | {ms(r['p50'])} | {ms(r['p99'])} "
            f"| {r['wall_ms']:,.0f} | {r['sql_ms']:,.1f} | {r['queries']} | {target} | {ratio} "
            f"| {verdict} | {sql_verdict} |"
        )
    return "\n".join(lines)


def machine() -> str:

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    except OSError:
        ram = "?"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"nproc {os.cpu_count()}, RAM {ram}, CPU {cpu}, PostgreSQL {pg}, load average {load}, "
        f"gunicorn {WORKERS} workers, wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} "
        f"--timeout {TIMEOUT}"
    )


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench necesita wrk: apt-get install wrk (Debian/Ubuntu).")
    ensure_database()
    manage("migrate", "--noinput", "--verbosity", "0")
    # Before django.setup() here: the manifest storage reads staticfiles.json once.
    manage("collectstatic", "--noinput", "--verbosity", "0")
    # This process set Django up before collectstatic wrote the manifest: read it again.
    staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = (
        staticfiles_storage.load_manifest()
    )
    prepare_data()
    # The nightly job of a national deployment: the indicators of the usual periods, stored.
    started = time.monotonic()
    manage("refresh_indicators", "--missing")
    print(f"refresh_indicators: {time.monotonic() - started:.0f} s", flush=True)

    print(
        f"Datos: {Case.objects.count():,} casos, {ActivityRecord.objects.count():,} registros "
        "de actividad.",
        flush=True,
    )
    rows = pages()
    if ONLY:
        keep = set(ONLY.split(","))
        rows = [p for p in rows if p.key in keep or p.key.startswith("admin")]
    cookies = session_cookies({p.user for p in rows if p.user})
    timeout = seconds(TIMEOUT)
    for page in rows:
        cookie = cookies.get(page.user)
        print(f"· {page.label}: {page.url}", flush=True)
        with Gunicorn():
            try:
                status, _ = fetch(page.url, cookie, timeout=max(timeout, 120))
            except (TimeoutError, urllib.error.URLError) as error:
                # Too slow to measure under load: report it rather than hang the bench.
                print(f"  no answer: {error}", flush=True)
                page.results = {"requests": 0, "rps": 0.0, "p50": None, "p99": None,
                                "timeouts": 1, "errors": 0}  # fmt: skip
                status = None
            if status not in (200, None):
                raise SystemExit(f"{page.url} answered {status} for {page.user or 'anonymous'}")
            if status == 200:
                page.results = run_wrk(page.url, cookie)
        page.results.update(sql_of_one_request(page.url, page.user))
        r = page.results
        print(
            f"  {r['rps']:.1f} req/s, p50 {ms(r['p50'])} ms, p99 {ms(r['p99'])} ms, "
            f"{r['queries']} queries, SQL {r['sql_ms']:.1f} ms",
            flush=True,
        )
    report = f"{machine()}\n\n{table(rows)}\n"
    print("\n" + report)
    if path := os.environ.get("BENCH_MARKDOWN"):
        Path(path).write_text(report)


if __name__ == "__main__":
    main()
