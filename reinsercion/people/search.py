"""Finding people by name as they are typed: whatever the accents, capitals and word order.

Names are kept normalised in ``Person.search_name`` (maintained on save): lower case, without
accents, first names then last names. A search matches every typed word anywhere in it. On
PostgreSQL a trigram index (pg_trgm, GiST) serves those matches and ranks them by similarity; on
SQLite the same query scans the column.
"""

import unicodedata

from django.contrib.postgres.search import TrigramWordDistance
from django.db import connection
from django.db.models import Q


def normalise(text: str) -> str:
    """``"Héctor  CARRASCO"`` → ``"hector carrasco"``."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def name_condition(value: str, prefix: str = "") -> Q | None:
    """Every word of ``value`` in the person's normalised name; None for no word."""
    words = normalise(value).split()
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(**{f"{prefix}search_name__contains": word})
    return condition


def rank_by_similarity(queryset, value: str, prefix: str = ""):
    """Best matches first, on PostgreSQL; elsewhere the queryset keeps its order.

    The order is the trigram word distance alone: the GiST index returns names nearest first,
    so PostgreSQL reads one page of them. A second sort key would make it score every match.
    """
    if connection.vendor != "postgresql":
        return queryset
    return queryset.order_by(TrigramWordDistance(normalise(value), f"{prefix}search_name"))
