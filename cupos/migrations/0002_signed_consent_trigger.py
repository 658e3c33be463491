"""On PostgreSQL, the database itself refuses to change or delete a signed program consent.

A consent row exists only once signed; the model refuses changes in Python, this trigger
also stops ``models.QuerySet(ProgramConsent)``, raw SQL and any other client (as
contratos/migrations/0002 does for signed contracts). SQLite has no such trigger.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cupos_refuse_signed_consent_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'El consentimiento % está firmado: no se puede modificar ni eliminar.',
        OLD.id USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER signed_consent_is_frozen
    BEFORE UPDATE OR DELETE ON cupos_programconsent
    FOR EACH ROW EXECUTE FUNCTION cupos_refuse_signed_consent_change();
"""

DROP = """
DROP TRIGGER IF EXISTS signed_consent_is_frozen ON cupos_programconsent;
DROP FUNCTION IF EXISTS cupos_refuse_signed_consent_change();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("cupos", "0001_intervention_programs")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
