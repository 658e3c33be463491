# Names searchable whatever their accents, capitals and word order (people/search.py); the
# caseload sorted by name from an index.

import unicodedata

from django.db import migrations, models


def normalise(text):
    # A copy of people.search.normalise at the time of this migration.
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def fill_search_names(apps, schema_editor):
    person = apps.get_model("reinsercion", "Person")
    batch = []
    for row in person._base_manager.only("first_names", "last_names").iterator(chunk_size=2000):
        row.search_name = normalise(f"{row.first_names} {row.last_names}")
        batch.append(row)
        if len(batch) == 2000:
            person._base_manager.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        person._base_manager.bulk_update(batch, ["search_name"])


def trigram_index(apps, schema_editor):
    # GiST rather than GIN: it serves the LIKE of each word and also returns the nearest names
    # first (the <<-> operator), so a page of ranked results reads 25 rows, not every match.
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite scans the (indexed) column; it has no trigram index.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_search_trgm ON reinsercion_person "
        "USING gist (search_name gist_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("reinsercion", "0006_caseload_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=201,
                verbose_name="nombre para búsqueda",
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["last_names", "first_names"], name="person_name"),
        ),
    ]
