"""A signed contract cannot be rewritten by any path that skips the models' own guards.

Probing found that ``SocialContract._base_manager.update()`` rewrote a signed contract's text,
with its hash in the same row. The audited manager is now every audited model's base manager;
on PostgreSQL a trigger also refuses any UPDATE or DELETE of a signed contract or its signers,
from ``models.QuerySet(Model)`` or raw SQL.
"""

import pytest

from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

from contratos.models import ContractSigner, SocialContract
from reinsercion.audit import AuditedQuerySet, BulkWriteNotAudited

from .factories import sign

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)

AUDITED_MODELS = [
    model
    for model in apps.get_models()
    if isinstance(model._default_manager.get_queryset(), AuditedQuerySet)
]


def test_the_audited_models_are_the_case_tables():
    names = {model.__name__ for model in AUDITED_MODELS}
    assert {"Case", "Person", "SocialContract", "ContractSigner", "Referral"} <= names


@pytest.mark.parametrize("model", AUDITED_MODELS, ids=lambda m: m.__name__)
def test_the_base_manager_refuses_writes_that_skip_the_audit(db, model):
    with pytest.raises(BulkWriteNotAudited):
        model._base_manager.all().update(pk=1)
    with pytest.raises(BulkWriteNotAudited):
        model._base_manager.bulk_create([])


def test_a_signed_contract_survives_its_base_manager(draft, professional):
    contract = sign(draft, professional)
    with pytest.raises(BulkWriteNotAudited):
        SocialContract._base_manager.filter(pk=contract.pk).update(signed_text="Otro texto")
    contract.refresh_from_db()
    assert contract.hash_matches()


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError as e:
        assert "está firmado" in str(e)
        return True
    return False


@on_postgresql
def test_postgresql_refuses_every_other_path_to_a_signed_contract(draft, professional):
    contract = sign(draft, professional)
    signer = contract.signers.first()
    plain_contracts = models.QuerySet(SocialContract).filter(pk=contract.pk)
    plain_signers = models.QuerySet(ContractSigner).filter(pk=signer.pk)
    with connection.cursor() as cursor:
        paths = {
            "QuerySet(SocialContract).update": lambda: plain_contracts.update(signed_text="x"),
            "QuerySet(SocialContract)._raw_delete": lambda: plain_contracts._raw_delete(
                plain_contracts.db
            ),
            "QuerySet(ContractSigner).update": lambda: plain_signers.update(full_name="x"),
            "raw UPDATE of the contract": lambda: cursor.execute(
                "UPDATE contratos_socialcontract SET signed_text = 'x', content_sha256 = 'y'"
                " WHERE id = %s",
                [contract.pk],
            ),
            "raw DELETE of the contract": lambda: cursor.execute(
                "DELETE FROM contratos_socialcontract WHERE id = %s", [contract.pk]
            ),
            "raw UPDATE of a signer": lambda: cursor.execute(
                "UPDATE contratos_contractsigner SET rut = '11111111-1' WHERE id = %s",
                [signer.pk],
            ),
            "raw DELETE of a signer": lambda: cursor.execute(
                "DELETE FROM contratos_contractsigner WHERE id = %s", [signer.pk]
            ),
        }
        outcome = {name: refused(write) for name, write in paths.items()}
    assert outcome == dict.fromkeys(paths, True)
    contract.refresh_from_db()
    assert contract.hash_matches()


@on_postgresql
def test_postgresql_still_lets_a_draft_change(draft):
    models.QuerySet(SocialContract).filter(pk=draft.pk).update(particular_clauses="Nueva")
    draft.refresh_from_db()
    assert draft.particular_clauses == "Nueva"
