"""On PostgreSQL, the database itself refuses to change a signed contract or its signers.

The models refuse it in Python (``save``/``delete``, the audited base manager); a trigger also
stops ``QuerySet(SocialContract).update()``, raw SQL and any other client. TRUNCATE (test
flushes) is not a row change and is not affected. SQLite has no such triggers: there the
Python guards are the only line (docs/decisions/0004-audit-that-cannot-be-skipped.md).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION contratos_refuse_signed_contract_change() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'El contrato social % está firmado: no se puede modificar ni eliminar.',
            OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION contratos_refuse_signed_signer_change() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM contratos_socialcontract
        WHERE id = OLD.contract_id AND status = 'signed'
    ) THEN
        RAISE EXCEPTION 'El contrato social % está firmado: sus firmantes no cambian.',
            OLD.contract_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER signed_contract_is_frozen
    BEFORE UPDATE OR DELETE ON contratos_socialcontract
    FOR EACH ROW EXECUTE FUNCTION contratos_refuse_signed_contract_change();

CREATE TRIGGER signed_contract_signers_are_frozen
    BEFORE UPDATE OR DELETE ON contratos_contractsigner
    FOR EACH ROW EXECUTE FUNCTION contratos_refuse_signed_signer_change();
"""

DROP = """
DROP TRIGGER IF EXISTS signed_contract_signers_are_frozen ON contratos_contractsigner;
DROP TRIGGER IF EXISTS signed_contract_is_frozen ON contratos_socialcontract;
DROP FUNCTION IF EXISTS contratos_refuse_signed_signer_change();
DROP FUNCTION IF EXISTS contratos_refuse_signed_contract_change();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("contratos", "0001_social_contracts")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
