"""Expected answer of every route, per demo role and method (tests/security/test_route_matrix.py).

One line per route: ``"route pattern": ("GET answers", "POST answers")``, each a space-separated
answer per role in the order of ``ROLES``. An answer is ``200``, ``L`` (redirect to log in),
``R`` (any other redirect, e.g. a POST that did its work, or a partner sent to the portal),
or a status code (``400``, ``403``, ``404``, ``405``…).

To add a route: run the test; its failure prints the line with the answers it observed.
Check each answer is the one you mean, then paste the line here (keep the order sorted).
"""

ROLES = (
    "anonymous",
    "professional",
    "supervision",
    "coordination",
    "direction",
    "partner_a",
    "partner_b",
    "superuser",
)

# fmt: off
ROUTES = {
}
# fmt: on
