"""Two app nodes, one task worker, one PostgreSQL and one Redis (docs/deployment.md).

Nothing may assume one process: a session opened on node A works on node B, a change made
through A refreshes the public results B serves from the shared cache, and a task queued on A
is run by the worker and its result shown by B.

PostgreSQL run only (`make test-postgres`); there, an unreachable Redis fails the test.
"""

import os
import re
import sys
import time
import uuid

import pytest
import redis
import requests

from django.db import connection

from reinsercion.results.queries import RESULTS_VERSION_KEY

from .conftest import REQUEST_TIMEOUT, base_env, csrf_token, gunicorn, log_in

pytestmark = [pytest.mark.multinode, pytest.mark.django_db]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
RESULTS_URL = "/oportunidades-para-la-vida/resultados-2012-2016/"
TASK_TIMEOUT = 20  # seconds for the worker to pick up and run a task


@pytest.fixture(scope="module")
def shared_redis():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and Redis: make test-postgres")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3, socket_timeout=5)
    client.ping()  # unreachable: the test errors, it never skips
    prefix = f"reinsercion-test-{uuid.uuid4().hex[:12]}"
    yield client, prefix
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope="module")
def nodes(start, served_database, tmp_path_factory, shared_redis):
    _, prefix = shared_redis
    env = base_env(
        served_database,
        tmp_path_factory.mktemp("nodes"),
        CACHE_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        SESSION_BACKEND="cache",
        TASKS_BACKEND="database",
    )
    a = gunicorn(start, "node-a", env, workers=1, threads=4)
    b = gunicorn(start, "node-b", env, workers=1, threads=4)
    worker = start(
        "worker",
        [sys.executable, "manage.py", "db_worker", "--interval=0.2", "--no-startup-delay"],
        env,
    )
    return a, b, worker


def results_version(shared_redis) -> bytes | None:
    client, prefix = shared_redis
    return client.get(f"{prefix}:1:{RESULTS_VERSION_KEY}")


def test_a_session_opened_on_one_node_is_valid_on_the_other(nodes, shared_redis):
    a, b, _ = nodes
    http = requests.Session()
    assert log_in(http, a.url, "coordinadora").status_code == 302
    caseload = http.get(f"{b.url}/equipo/casos/", allow_redirects=False, timeout=REQUEST_TIMEOUT)
    assert caseload.status_code == 200, b.tail()
    # and the session lives in Redis, not in either process
    client, prefix = shared_redis
    assert any(b"django.contrib.sessions.cache" in k for k in client.scan_iter(f"{prefix}:*"))


def test_a_change_through_one_node_refreshes_the_results_the_other_serves(nodes, shared_redis):
    a, b, _ = nodes
    # given the public results page, served (and cached) by B: no generation yet
    first = requests.get(b.url + RESULTS_URL, timeout=REQUEST_TIMEOUT)
    assert first.status_code == 200, b.tail()
    assert "Aún no hay generaciones con resultados" in first.text
    before = results_version(shared_redis)
    assert before is not None
    # when the coordinator opens a 2014 generation through A
    http = requests.Session()
    assert log_in(http, a.url, "coordinadora").status_code == 302
    form = http.get(f"{a.url}/equipo/programas/OPV/nueva-generacion/", timeout=REQUEST_TIMEOUT)
    opened = http.post(
        form.url,
        data={
            "csrfmiddlewaretoken": csrf_token(form),
            "year": "2014",
            "starts_on": "03-03-2014",
        },
        allow_redirects=False,
        timeout=REQUEST_TIMEOUT,
    )
    assert opened.status_code == 302, a.tail()
    # then the version both nodes read moved, and B serves the new generation
    assert results_version(shared_redis) != before
    second = requests.get(b.url + RESULTS_URL, timeout=REQUEST_TIMEOUT).text
    assert "Aún no hay generaciones con resultados" not in second
    assert re.search(r"3ª generación</th>\s*<td>2014</td>", second)


def test_a_task_queued_on_one_node_is_run_by_the_worker_and_seen_on_the_other(nodes):
    a, b, worker = nodes
    http = requests.Session()
    assert log_in(http, a.url, "admin").status_code == 302
    page = http.get(f"{a.url}/admin/tareas/", timeout=REQUEST_TIMEOUT)
    assert page.status_code == 200, a.tail()
    queued = http.post(
        f"{a.url}/admin/tareas/",
        data={"csrfmiddlewaretoken": csrf_token(page)},
        allow_redirects=False,
        timeout=REQUEST_TIMEOUT,
    )
    assert queued.status_code == 302, a.tail()
    assert "?tarea=" in queued.headers["Location"]

    deadline = time.monotonic() + TASK_TIMEOUT
    while True:
        seen = http.get(b.url + queued.headers["Location"], timeout=REQUEST_TIMEOUT)
        assert seen.status_code == 200, b.tail()
        if 'data-task-status="SUCCESSFUL"' in seen.text:
            break
        assert time.monotonic() < deadline, f"the worker never ran it:\n{worker.tail()}"
        time.sleep(0.3)
    ran_by = int(re.search(r"<strong data-worker-pid>(\d+)</strong>", seen.text)[1])
    assert ran_by == worker.process.pid
