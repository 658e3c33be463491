"""Real servers on loopback for the load and multi-node tests.

The servers are subprocesses with their own copy of the test database (a file for SQLite, a
database made from the test database as template for PostgreSQL), so what they commit never
touches the suite's transactions, and SQLite locks the way it does under ``make demo``.
"""

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests
from psycopg import sql

from django.db import connection

from .seed import PASSWORD

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET_KEY = "clave-secreta-compartida-por-los-nodos-de-prueba"
START_TIMEOUT = 40  # seconds for a server to answer
REQUEST_TIMEOUT = 30  # seconds for one request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(database_url: str, tmp: Path, **extra) -> dict:
    """What a node is configured with: the development settings, as ``make demo`` runs them,
    with DEBUG off, plus whatever shared services the test names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="False",
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url,
        PRIVATE_STORAGE_ROOT=str(tmp / "private"),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@dataclass
class Server:
    """A running subprocess; ``url`` is set for web servers."""

    name: str
    process: subprocess.Popen
    log: Path
    url: str = ""

    def wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} exited:\n{self.tail()}")
            try:
                if requests.get(self.url + "/cuenta/ingresar/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        pytest.fail(f"{self.name} did not answer in {START_TIMEOUT} s:\n{self.tail()}")

    def tail(self, chars=4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def interrupt(self):
        """SIGINT: gunicorn's quick shutdown, Ctrl-C for runserver and the task worker."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def wait(self):
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def start(tmp_path_factory):
    """``start(name, argv, env, port=None)`` starts a subprocess; stopped after the module."""
    servers = []
    tmp = tmp_path_factory.mktemp("logs")

    def _start(name, argv, env, port=None):
        log = tmp / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        server = Server(name, process, log, f"http://127.0.0.1:{port}" if port else "")
        servers.append(server)
        return server.wait_until_up() if port else server

    yield _start
    for server in servers:
        server.interrupt()
    for server in servers:
        server.wait()


def runserver(start, name, env):
    """Django's threaded development server, as ``make demo`` serves."""
    port = free_port()
    argv = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    return start(name, argv, env, port)


def gunicorn(start, name, env, *, workers=2, threads=8):
    """A production-shaped node (docs/deployment.md)."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--timeout=60",
        "--graceful-timeout=5",
    ]
    return start(name, argv, env, port)


# The served database ---------------------------------------------------------------------


def _pg_admin(settings_dict, *statements):
    """Run statements on the server's maintenance database, each within 30 seconds.

    DROP DATABASE waits until every backend of the cluster acknowledges it; bounded, so a
    stray session elsewhere on a shared server cannot hang the suite.
    """
    with psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    ) as admin:
        admin.execute("SET statement_timeout = '30s'")
        for statement in statements:
            admin.execute(statement)


def _pg_url(settings_dict, name):
    auth = settings_dict["USER"] or ""
    if settings_dict["PASSWORD"]:
        auth += f":{settings_dict['PASSWORD']}"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{name}"


@pytest.fixture(scope="session")
def served_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """A seeded copy of the migrated test database, for servers in subprocesses.

    SQLite: a file (pytest-django's test database lives in memory, which never locks).
    PostgreSQL: ``CREATE DATABASE … TEMPLATE`` the test database.
    """
    tmp = tmp_path_factory.mktemp("served")
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp / "served.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            url, drop = f"sqlite:///{path}", None
        else:
            settings_dict = connection.settings_dict
            name = f"{settings_dict['NAME']}_served"
            connection.close()  # a template database must have no other session
            _pg_admin(
                settings_dict,
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)),
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(settings_dict["NAME"])
                ),
            )
            url, drop = _pg_url(settings_dict, name), (settings_dict, name)
    env = base_env(url, tmp, TASKS_BACKEND="immediate")
    subprocess.run(
        [sys.executable, "-m", "tests.scale.seed"], cwd=ROOT, env=env, check=True, timeout=120
    )
    yield url
    if drop:
        settings_dict, name = drop
        try:
            _pg_admin(
                settings_dict,
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)),
            )
        except psycopg.Error as exc:  # the next run drops it before use
            print(f"{name} was left behind: {exc}", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)


# A browser, roughly ----------------------------------------------------------------------

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(response) -> str:
    match = CSRF.search(response.text)
    assert match, f"no CSRF token in {response.url} ({response.status_code})"
    return match[1]


def log_in(http: requests.Session, base: str, username: str) -> requests.Response:
    """GET the login page, POST the form; the 302 (or whatever came instead) is returned."""
    page = http.get(f"{base}/cuenta/ingresar/", timeout=REQUEST_TIMEOUT)
    if page.status_code != 200:
        return page
    return http.post(
        f"{base}/cuenta/ingresar/",
        data={
            "csrfmiddlewaretoken": csrf_token(page),
            "username": username,
            "password": PASSWORD,
        },
        allow_redirects=False,
        timeout=REQUEST_TIMEOUT,
    )
