"""The apps depend on each other in one direction only (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["reinsercion", "familias", "red", "contratos", "cms"]
# What each app may import from the others; a module name means only that module.
ALLOWED = {
    "reinsercion": set(),
    "familias": {"reinsercion"},
    "red": {"reinsercion"},
    # Contract signers are family members: read through familias' small public module only.
    "contratos": {"reinsercion", "familias.public"},
    # The site reads case data only as aggregates.
    "cms": {"reinsercion.results"},
}


def imported_modules(path: Path):
    tree = ast.parse(path.read_text())
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


@pytest.mark.parametrize("app", APPS)
def test_imports_follow_the_one_way_dependencies(app):
    offending = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        modules = list(imported_modules(path))
        for module in modules:
            # "from reinsercion import results" is reinsercion.results
            if not allowed(app, module) and not any(
                m.startswith(module + ".") and allowed(app, m) for m in modules
            ):
                offending.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offending, "\n".join(sorted(set(offending)))
