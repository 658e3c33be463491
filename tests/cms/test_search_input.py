"""The public search answers any input, on SQLite and on PostgreSQL: a lone ``"`` answered 500
on SQLite (issue 17)."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    '"Libertad',
    "*",
    "Libertad*",
    "(",
    ")",
    "AND",
    "OR NOT",
    "NEAR(a b)",
    "Libertad AND",
    "^Libertad",
    "col:Libertad",
    "-",
    "+",
    "%",
    "_",
    "\\",
    "\x00",
    "Libertad\x00Asistida",
    "a" * 5000,
    "🙂 reinserción",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "{}[]|&!~",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_gets_a_page(client, site_tree, query):
    response = client.get("/buscar/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_words_around_the_syntax_are_still_found(client, site_tree):
    response = client.get("/buscar/", {"q": '"Libertad" AND Asistida*'})
    assert "Libertad Asistida Especial (LAE)" in response.content.decode()
