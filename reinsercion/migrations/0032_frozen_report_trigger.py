"""On PostgreSQL, the database itself refuses to change or delete a frozen court report.

The model and the audited base manager refuse it in Python; this trigger also stops
``models.QuerySet(FollowUpReport).update()``, raw SQL and any other client (as
contratos/migrations/0002 does for signed contracts). SQLite has no such trigger.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION reinsercion_refuse_frozen_report_change() RETURNS trigger AS $$
BEGIN
    IF OLD.frozen_at IS NOT NULL THEN
        RAISE EXCEPTION 'El informe % está congelado: no se puede modificar ni eliminar.',
            OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER frozen_report_is_frozen
    BEFORE UPDATE OR DELETE ON reinsercion_followupreport
    FOR EACH ROW EXECUTE FUNCTION reinsercion_refuse_frozen_report_change();
"""

DROP = """
DROP TRIGGER IF EXISTS frozen_report_is_frozen ON reinsercion_followupreport;
DROP FUNCTION IF EXISTS reinsercion_refuse_frozen_report_change();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reinsercion", "0031_data_subject_rights")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
