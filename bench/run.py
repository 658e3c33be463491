"""Benchmarks of the pages that must stay fast as the caseload grows.

Builds a throw-away SQLite database with N cases and measures, over repeated requests, the
median time and the query count of the caseload page and the public results function.
Run with `make bench` (N with BENCH_CASES, default 400).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

from reinsercion.results.queries import cohort_results  # noqa: E402
from tests.factories import (  # noqa: E402
    CohortFactory,
    ProgramFactory,
    UserFactory,
    member,
    open_case,
)

N = int(os.environ.get("BENCH_CASES", "400"))
ROUNDS = 15


def measure(label, fn):
    timings, queries = [], 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            timings.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    print(f"{label:<45} median {statistics.median(timings) * 1000:7.1f} ms   {queries:3d} queries")


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        program = ProgramFactory(max_cohort_size=N + 1)
        coordinator = member(UserFactory(username="bench"), program, "coordination")
        cohort = CohortFactory(program=program, ordinal=1, year=2018)
        for _ in range(N):
            open_case(
                program=program, actor=coordinator, cohort=cohort, professionals=[coordinator]
            )
        client = Client()
        client.force_login(coordinator)
        print(f"{N} casos")
        measure("caseload /equipo/casos/ (page 1)", lambda: client.get("/equipo/casos/"))
        measure("caseload search ?q=a", lambda: client.get("/equipo/casos/?q=a"))
        measure("caseload CSV export (all rows)", lambda: client.get("/equipo/casos/?_export=csv"))
        measure("cohort_results('OPV')", lambda: cohort_results("OPV"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
