"""Spanish alphabetical order for names: «Área» between «Alfa» and «Beta», «Ñ» after «N».

PostgreSQL sorts with its ICU collation ``es-CL-x-icu``. SQLite has no such collation, so every
SQLite connection gets one of the same name (registered in ``reinsercion.apps``) that compares
names without accents or capitals; ``Collate(field, SPANISH)`` then reads the same on both.
"""

import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

SPANISH = "es-CL-x-icu"


def spanish_key(text: str) -> tuple[str, str]:
    # ñ is a letter of its own, after n: "n~" sorts after every "n" + letter and before "o".
    lowered = (text or "").casefold().replace("n\u0303", "ñ").replace("ñ", "n~")
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain, text or ""


def _compare(a: str, b: str) -> int:
    ka, kb = spanish_key(a), spanish_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: the SQLite side of ``SPANISH``."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SPANISH, _compare)


def spanish_order(*fields: str) -> list:
    """Order by these fields in Spanish alphabetical order (``-field`` for descending)."""
    order = []
    for field in fields:
        descending = field.startswith("-")
        expression = Collate(F(field.lstrip("-")), SPANISH)
        order.append(expression.desc() if descending else expression.asc())
    return order
