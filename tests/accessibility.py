"""Checks axe leaves "for review": run on a rendered page, they list what it would flag."""

from collections import Counter
from html.parser import HTMLParser


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def accessibility_problems(html: str) -> list[str]:
    """aria-describedby pointing at a missing id, repeated ids, and a ``div`` with an
    aria-label but no role (assistive technology ignores that label)."""
    parser = _Elements()
    parser.feed(html)
    ids = Counter(attrs["id"] for _, attrs in parser.elements if attrs.get("id"))
    problems = [f"id repetido: {id_}" for id_, count in ids.items() if count > 1]
    for tag, attrs in parser.elements:
        for target in (attrs.get("aria-describedby") or "").split():
            if target not in ids:
                problems.append(f"aria-describedby apunta a un id que no existe: {target}")
        if tag == "div" and "aria-label" in attrs and not attrs.get("role"):
            problems.append(f"div con aria-label y sin role: {attrs['aria-label']}")
    return problems
