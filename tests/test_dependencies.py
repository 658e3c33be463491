"""Dependencies point one way, between the apps and between the components of reinsercion.

The arrows are drawn in docs/architecture.md; these tests fail on an import against them.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["reinsercion", "familias", "red", "contratos", "cupos", "cms"]
# What each app may import from the others; a module name means only that module.
ALLOWED = {
    "reinsercion": set(),
    "familias": {"reinsercion"},
    "red": {"reinsercion"},
    # Contract signers are family members: read through familias' small public module only.
    "contratos": {"reinsercion", "familias.public"},
    # Programs with slots (docs/decisions/0004-programs-with-slots.md): belong to the case
    # module or to a network institution, are answered in the partner portal with the
    # referrals' field-by-field sharing, and their consent is signed with the contract's
    # signature checks and pad. Nobody imports cupos.
    "cupos": {
        "reinsercion",
        "red.models",
        "red.choices",
        "red.permissions",
        "red.sharing",
        "red.views.portal",
        "contratos.signatures",
        "contratos.forms",
    },
    # The site reads case data only as aggregates (and the cache versions that key them).
    "cms": {"reinsercion.results", "reinsercion.versions"},
}

# The components of reinsercion and the components each may import.
COMPONENTS = {
    "programs": set(),
    "people": {"programs"},
    "cases": {"programs", "people"},
    "assessment": {"programs", "people", "cases"},
    "plans": {"programs", "people", "cases", "assessment"},
    # a session works on an objective of the current plan
    "activities": {"programs", "people", "cases", "assessment", "plans"},
    # Files attached to a case.
    "documents": {"programs", "cases"},
    # Spreadsheet import: rows go through the people and cases actions.
    "imports": {"programs", "people", "cases"},
    # agenda and results read the others; no component imports them.
    "agenda": {"programs", "people", "cases", "assessment", "plans", "activities"},
    "results": {"programs", "people", "cases"},
    # indicators read every component (and results' per-generation counts); none imports it.
    "indicators": {
        "programs",
        "people",
        "cases",
        "assessment",
        "plans",
        "activities",
        "results",
    },
    # Data-subject rights (Ley 21.719): the access export reads every component; none
    # imports it.
    "privacy": {
        "programs",
        "people",
        "cases",
        "assessment",
        "plans",
        "activities",
        "reports",
        "documents",
    },
    # The second factor (TOTP, recovery codes) of every account: the gate, enrolment, reset.
    "second_factor": {"programs"},
    # Court follow-up reports are built from the plan, the sessions and their compliance.
    "reports": {"programs", "people", "cases", "assessment", "plans", "activities"},
    # In-app notifications, e-mail preferences and the outgoing e-mail queue: the components
    # that act call it (and red, contratos); it reads no component.
    "notifications": {"programs"},
}
# The components that notify people of what they did.
for _component in ("cases", "plans", "activities", "agenda", "indicators"):
    COMPONENTS[_component] = COMPONENTS[_component] | {"notifications"}
# Shared building blocks every component may import; they import no component.
FOUNDATION = [
    "access",
    "audit",
    "business_days",
    "extensions",
    "forms",
    "frozen",
    "idempotency",
    "paperwork",
    "versions",
]
# The few foundation modules another foundation module builds on (no cycle: these import none).
FOUNDATION_USES = {
    # The navigation's queue count is cached per version of the data the queues read.
    "extensions": {"versions"},
}
# The app's wiring (models registry, URLconf, app config, demo data, commands…) may import any
# component; no component or foundation module imports it.


def imported_modules(source: str):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def allowed(app: str, module: str) -> bool:
    other = module.split(".")[0]
    if other == app or other not in APPS:
        return True
    return any(
        module == rule or module.startswith(rule + ".") or rule == other for rule in ALLOWED[app]
    )


def app_offences(app: str, source: str) -> list[str]:
    modules = list(imported_modules(source))
    return [
        module
        for module in modules
        # "from reinsercion import results" is reinsercion.results
        if not allowed(app, module)
        and not any(m.startswith(module + ".") and allowed(app, m) for m in modules)
    ]


def component_offences(component: str, source: str) -> list[str]:
    """Imports of ``reinsercion.*`` by a module of ``component`` (or of a foundation module)
    that the arrows do not allow."""
    may_import = set(FOUNDATION) | COMPONENTS.get(component, set()) | {component}
    if component in FOUNDATION:
        may_import = {component} | FOUNDATION_USES.get(component, set())
    offending = []
    for module in imported_modules(source):
        parts = module.split(".")
        if parts[0] != "reinsercion":
            continue
        if len(parts) == 1:
            continue  # "from reinsercion import x" is judged as reinsercion.x
        target = parts[1]
        if target in COMPONENTS or target in FOUNDATION:
            if target not in may_import:
                offending.append(module)
        elif module.count(".") == 1:
            # reinsercion.models, reinsercion.urls, reinsercion.setup…: the app's wiring.
            offending.append(module)
    return offending


def source_files(folder: Path):
    for path in folder.rglob("*.py"):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", APPS)
def test_imports_follow_the_one_way_dependencies(app):
    offending = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in source_files(ROOT / app)
        for module in app_offences(app, path.read_text())
    ]
    assert not offending, "\n".join(sorted(set(offending)))


@pytest.mark.parametrize("component", [*COMPONENTS, *FOUNDATION])
def test_components_import_each_other_one_way(component):
    base = ROOT / "reinsercion" / component
    paths = list(source_files(base)) if base.is_dir() else [base.with_suffix(".py")]
    assert paths, f"reinsercion/{component} has no module"
    offending = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in paths
        for module in component_offences(component, path.read_text())
    ]
    assert not offending, "\n".join(sorted(set(offending)))


def test_every_package_of_reinsercion_is_a_known_component():
    wiring = {"demo", "management", "migrations", "templatetags", "templates", "static"}
    packages = {p.name for p in (ROOT / "reinsercion").iterdir() if p.is_dir()} - {"__pycache__"}
    assert packages - wiring == set(COMPONENTS)


# The test of the test: a forbidden import is caught.


@pytest.mark.parametrize(
    "component, source",
    [
        ("assessment", "from reinsercion.plans.models import InterventionPlan\n"),
        ("cases", "from reinsercion.activities import actions\n"),
        ("programs", "from reinsercion.cases.models import Case\n"),
        ("plans", "from reinsercion.agenda import queries\n"),
        ("activities", "import reinsercion.results.queries\n"),
        ("people", "from reinsercion.models import Case\n"),
        ("audit", "from reinsercion.cases.models import Case\n"),
    ],
)
def test_a_forbidden_component_import_is_caught(component, source):
    assert component_offences(component, source)


@pytest.mark.parametrize(
    "component, source",
    [
        ("plans", "from reinsercion.assessment.models import Assessment\n"),
        ("agenda", "from reinsercion.activities import queries\n"),
        ("people", "from reinsercion.audit import Recorded\n"),
        ("cases", "from reinsercion.cases import permissions\n"),
    ],
)
def test_an_allowed_component_import_passes(component, source):
    assert component_offences(component, source) == []


def test_a_forbidden_app_import_is_caught():
    assert app_offences("reinsercion", "from red.models import Referral\n")
    assert app_offences("cms", "from reinsercion.cases.models import Case\n")
    assert not app_offences("cms", "from reinsercion.results import queries\n")


IMPORT_IN_FUNCTION = re.compile(r"\s+(from|import) .*# noqa: PLC0415")


def test_every_import_inside_a_function_says_which_cycle_it_breaks():
    """ruff's PLC0415 (in ``make lint``) refuses imports inside functions; the few that must
    stay carry ``# noqa: PLC0415`` and, on the line above, ``# cycle: <which one>``."""
    missing = []
    for app in [*APPS, "tests", "bench"]:
        for path in source_files(ROOT / app):
            lines = path.read_text().splitlines()
            for number, line in enumerate(lines):
                if IMPORT_IN_FUNCTION.match(line) and "# cycle:" not in lines[number - 1]:
                    missing.append(f"{path.relative_to(ROOT)}:{number + 1}")
    assert not missing, "Imports inside functions without a cycle comment:\n" + "\n".join(missing)
