"""A migration that drops, renames or alters a field of case data must say so on purpose.

Case data is never lost by accident (the UK National Archives' guard): such an operation in a
case app's migration needs a line `# data-loss-acknowledged: <why>` in the same file.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE_APPS = ["reinsercion", "familias", "red", "contratos"]
RISKY = {"RemoveField", "RenameField", "AlterField", "DeleteModel", "RenameModel"}
MARK = "# data-loss-acknowledged:"


def migration_files():
    for app in CASE_APPS:
        yield from sorted((ROOT / app / "migrations").glob("[0-9]*.py"))


def risky_operations(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in RISKY:
                found.add(name)
    return found


@pytest.mark.parametrize(
    "path", list(migration_files()), ids=lambda p: f"{p.parent.parent.name}/{p.name}"
)
def test_risky_migrations_are_acknowledged(path):
    risky = risky_operations(path)
    if risky:
        assert MARK in path.read_text(), (
            f"{path.name} runs {', '.join(sorted(risky))} on case data: add a line "
            f"'{MARK} <why>' after checking that nothing is lost."
        )
