"""Many people at once against a real server: no request may end in a server error.

On SQLite the server is ``runserver`` over a database file, as ``make demo`` runs it; on
PostgreSQL it is gunicorn, as docs/deployment.md runs a node. Counts are bounded and every
request has a timeout, so the test ends in well under a minute.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from stdnum.cl import rut as stdnum_rut

from django.db import connection

from .conftest import REQUEST_TIMEOUT, base_env, csrf_token, gunicorn, log_in, runserver
from .seed import PROFESSIONALS

# django_db: the test database must exist to be copied (the tests themselves never touch it).
pytestmark = [pytest.mark.load, pytest.mark.django_db]

USERS = PROFESSIONALS  # 20
CASELOAD_REQUESTS = 200


@pytest.fixture(scope="module")
def server(start, served_database, tmp_path_factory):
    env = base_env(served_database, tmp_path_factory.mktemp("node"), TASKS_BACKEND="immediate")
    if connection.vendor == "sqlite":
        return runserver(start, "runserver", env)
    return gunicorn(start, "gunicorn", env, workers=2, threads=8)


def rut(n: int) -> str:
    body = str(21_000_000 + n)
    return body + stdnum_rut.calc_check_digit(body)


def a_working_session(base: str, n: int, barrier: threading.Barrier) -> list[tuple[str, int]]:
    """One professional: log in, open the new-person form, register a person."""
    statuses = []
    with requests.Session() as http:
        barrier.wait(timeout=REQUEST_TIMEOUT)
        login = log_in(http, base, f"profesional{n:02d}")
        statuses.append(("login", login.status_code))
        if login.status_code != 302:
            return statuses
        form = http.get(f"{base}/equipo/personas/nueva/", timeout=REQUEST_TIMEOUT)
        statuses.append(("form", form.status_code))
        if form.status_code != 200:
            return statuses
        created = http.post(
            f"{base}/equipo/personas/nueva/",
            data={
                "csrfmiddlewaretoken": csrf_token(form),
                "rut": rut(n),
                "first_names": "Persona",
                "last_names": f"De Carga {n}",
                "birth_date": "17-05-1990",
                "sex": "male",
                "nationality": "Chilena",
                "comuna": "Quillota",
            },
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        statuses.append(("person", created.status_code))
    return statuses


def test_twenty_people_log_in_and_register_a_person_at_once_without_errors(server):
    barrier = threading.Barrier(USERS)
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        futures = [
            pool.submit(a_working_session, server.url, n, barrier) for n in range(1, USERS + 1)
        ]
        outcomes = Counter(pair for f in futures for pair in f.result(timeout=90))

    errors = {pair: count for pair, count in outcomes.items() if pair[1] >= 500}
    assert not errors, f"{errors}\n{server.tail()}"
    assert outcomes == {("login", 302): USERS, ("form", 200): USERS, ("person", 302): USERS}


def test_two_hundred_caseload_requests_at_once_without_errors(server):
    if connection.vendor != "postgresql":
        pytest.skip("200 at once is the PostgreSQL run's; SQLite serialises writers by design")
    http = requests.Session()
    assert log_in(http, server.url, "coordinadora").status_code == 302
    cookies = http.cookies.get_dict()
    barrier = threading.Barrier(CASELOAD_REQUESTS)

    def caseload(_):
        barrier.wait(timeout=REQUEST_TIMEOUT)
        return requests.get(
            f"{server.url}/equipo/casos/",
            cookies=cookies,
            allow_redirects=False,  # a lost session would show as a 302 to the login page
            timeout=REQUEST_TIMEOUT,
        ).status_code

    with ThreadPoolExecutor(max_workers=CASELOAD_REQUESTS) as pool:
        statuses = Counter(pool.map(caseload, range(CASELOAD_REQUESTS), timeout=90))

    assert statuses == {200: CASELOAD_REQUESTS}, f"{statuses}\n{server.tail()}"
