"""The role × URL × method matrix (issue 17), generated from the URLconf.

Every route of the project is requested by each demo role, with GET and with POST (no data),
and its answer class must be the one written in ``tests/security/route_matrix.py``. A route
that is not written there fails the build with the line to add; an answer that changed fails
with the route, the role and both answers.

The data is the demo (``manage.py demo``'s case, network, family, contract and slot data),
loaded once in the test's transaction. The URL arguments are the demo rows the OPV
professional may see for ``/equipo/`` (so a second program's supervisor must get 404) and
the rows of partner A's institution for ``/red/`` (so partner B must get 404), as the phone
sweep picks them (tests/test_phone_layout_e2e.py); a PDF or action route takes those of its
parent route. Arguments still unfilled (the demo has no court report, no non-compliance
report, no transfer) get 1 or ``x``: the answer for a missing row. Every request runs in a
savepoint that is rolled back, so a POST that changes something changes nothing for the
next request.

Not requested, and why:
- ``admin/…`` but the dashboard: Wagtail admin internals, behind Wagtail's own permission
  checks (tests/test_every_view_is_protected.py checks that anonymous visitors are sent to
  log in);
- Wagtail's page serving (the catch-all regex) and its private-page login (``_util/``),
  Wagtail's document serving (``documentos/``): Wagtail's own views, public content;
- static and media files: served by WhiteNoise and the web server, not by the URLconf.
"""

import io
import os
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.db import transaction
from django.test import Client
from django.urls import get_resolver

from tests.responses import close_response
from tests.security.route_matrix import ROLES, ROUTES
from tests.test_phone_layout_e2e import portal_ids, team_ids, walk

User = get_user_model()

pytestmark = pytest.mark.django_db

# The demo users that play each role (cms/management/commands/demo.py).
DEMO_USERS = {
    "professional": "psicologa.opv",
    "supervision": "supervision.lae",
    "coordination": "coordinacion.opv",
    "direction": "direccion",
    "partner_a": "omil.quillota",
    "partner_b": "otec.quillota",
    "superuser": "admin",
}
# The demo without the public site tree (no route of the matrix serves Wagtail pages).
DEMO_COMMANDS = [
    "demo_casos",
    "demo_evaluaciones",
    "demo_actividades",
    "demo_documentos",
    "demo_familias",
    "demo_red",
    "demo_contratos",
    "demo_cupos",
]
SKIPPED_PREFIXES = ("admin/", "_util/", "documentos/")
KEPT = {"admin/"}


def answer_class(response) -> str:
    """200, L (redirect to a login page), R (any other redirect), or the status code."""
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        return "L" if "/cuenta/ingresar/" in location or "/admin/login/" in location else "R"
    return str(response.status_code)


def matrix_routes():
    """(route pattern, view name, URL kwarg names) of every route the matrix covers."""
    seen = set()
    for route, namespace, pattern in walk(get_resolver()):
        if not route or "(?P" in route or "^" in route or "\\" in route:
            continue
        if route.startswith(SKIPPED_PREFIXES) and route not in KEPT:
            continue
        if route in seen:
            continue
        seen.add(route)
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        yield route, name, sorted(pattern.pattern.converters)


def fill(route: str, kwargs: dict) -> str:
    def value(match):
        key = match.group(2)
        if key in kwargs:
            return str(kwargs[key])
        return "1" if match.group(1) == "int:" else "x"

    return "/" + re.sub(r"<(\w+:)?(\w+)>", value, route)


def paths(users):
    """The path requested for each route, filled from the demo rows of the roles' objects."""
    ids = {**team_ids(users["professional"]), **portal_ids(users["partner_a"])}
    # The calendar feed is opened by its secret token (if the demo user made one), not a login.
    if users["professional"].calendar_token:
        ids["team:calendar_feed"] = {"token": users["professional"].calendar_token}
    # A route no demo row fills borrows the arguments of its longest filled parent route
    # (the plan's PDF those of the plan): ``…/plan/<pk>/pdf/`` from ``…/plan/<pk>/``.
    routes = list(matrix_routes())
    by_route = {route: ids[name] for route, name, _ in routes if name in ids}
    by_route["cuenta/usuarios/segundo-factor/<int:pk>/restablecer/"] = {
        "pk": users["professional"].pk
    }
    filled = {}
    for route, _, _ in routes:
        parents = [r for r in by_route if route.startswith(r.rstrip("/"))]
        kwargs = by_route[max(parents, key=len)] if parents else {}
        filled[route] = fill(route, kwargs)
    return filled


def request(client, method, path):
    with transaction.atomic():
        response = getattr(client, method)(path)
        close_response(response)  # a file download's open file
        transaction.set_rollback(True)
    return answer_class(response)


def line(route, answers):
    get = " ".join(answers[("get", role)] for role in ROLES)
    post = " ".join(answers[("post", role)] for role in ROLES)
    return f'    "{route}": ("{get}", "{post}"),'


def test_every_route_answers_each_role_as_the_matrix_says():
    # given: the demo, and one logged-in client per role
    for command in DEMO_COMMANDS:
        if command in get_commands():
            call_command(command, stdout=io.StringIO())
    users = {role: User.objects.get(username=name) for role, name in DEMO_USERS.items()}
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    # when: every route, every role, GET and POST
    observed = {}
    for route, path in sorted(paths(users).items()):
        answers = {}
        for role in ROLES:
            for method in ("get", "post"):
                answers[(method, role)] = request(clients[role], method, path)
                if route == "cuenta/salir/" and role != "anonymous":
                    clients[role].force_login(users[role])
        observed[route] = answers
    if os.environ.get("ROUTE_MATRIX_RECORD"):
        with open(os.environ["ROUTE_MATRIX_RECORD"], "w") as out:
            out.write("\n".join(line(route, a) for route, a in observed.items()) + "\n")
    # then: each answer is the one written down
    unlisted = [line(route, a) for route, a in observed.items() if route not in ROUTES]
    assert not unlisted, (
        "Routes missing from tests/security/route_matrix.py. Check that each answer is the "
        "one you mean (role order: "
        + ", ".join(ROLES)
        + "; GET, then POST) and add:\n"
        + "\n".join(unlisted)
    )
    differ = []
    for route, answers in observed.items():
        expected_get, expected_post = (row.split() for row in ROUTES[route])
        for method, expected in (("get", expected_get), ("post", expected_post)):
            for role, want in zip(ROLES, expected, strict=True):
                got = answers[(method, role)]
                if got != want:
                    differ.append(f"{method.upper()} {route} as {role}: expected {want}, got {got}")
    assert not differ, "Answers that changed:\n" + "\n".join(differ)
    gone = sorted(set(ROUTES) - set(observed))
    assert not gone, f"Routes in tests/security/route_matrix.py that no longer exist: {gone}"


def test_what_the_matrix_promises():
    """Whatever the table says, these hold for every route (a wrong edit cannot hide a hole)."""
    role = dict(zip(ROLES, range(len(ROLES)), strict=True))
    public = ("cuenta/ingresar/", "cuenta/salir/", "buscar/", "favicon.ico")
    # The agenda's calendar feed answers whoever holds its secret token (no session).
    by_token = {"equipo/agenda/calendario/<str:token>.ics"}
    for route, (get, post) in ROUTES.items():
        get, post = get.split(), post.split()
        if route in by_token:
            continue
        if not route.startswith(public):
            assert get[role["anonymous"]] in ("L", "403", "404", "405"), route
            assert post[role["anonymous"]] in ("L", "403", "404", "405"), route
        if route.startswith("equipo/"):
            for partner in ("partner_a", "partner_b"):
                assert get[role[partner]] in ("403", "404", "405", "L"), route
        if route.startswith("red/"):
            for staff in ("professional", "supervision", "coordination", "direction"):
                assert get[role[staff]] in ("403", "404", "405", "R", "L"), route
            if "<" in route:  # partner A's rows
                assert get[role["partner_b"]] in ("403", "404", "405", "R"), route
