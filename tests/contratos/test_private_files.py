"""Private files and the database stay in step: an interrupted signing leaves no orphan for
long, and ``make backup`` / ``make restore`` carry both together (issue 17)."""

import hashlib

import pytest

from django.apps import apps
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

from cms.private_files import stored_private_files
from contratos import actions
from contratos.models import SocialContract

from .factories import sign


@pytest.fixture(autouse=True)
def own_private_root(tmp_path, monkeypatch):
    """This test's own private storage: the default test root is shared by every run on the
    machine, and a sweep or a restore there would touch other runs' files."""
    storage = storages["private"]
    root = str(tmp_path / "private")
    monkeypatch.setitem(storage.__dict__, "base_location", root)
    monkeypatch.setitem(storage.__dict__, "location", root)


class Interrupted(Exception):
    pass


def files_with_hashes() -> dict[str, str]:
    storage = storages["private"]
    out = {}
    for name in stored_private_files():
        with storage.open(name, "rb") as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def test_an_interrupted_signing_leaves_no_orphan_after_the_sweep(
    case, professional, template, mother
):
    # given: one contract signed, and the signing of another interrupted before its commit
    kept = sign(
        actions.prepare_contract(case=case, actor=professional, family_member_ids=[mother.pk]),
        professional,
    )
    kept_files = {kept.pdf.name, *(s.signature.name for s in kept.signers.all())}
    before = stored_private_files()
    with pytest.raises(Interrupted), transaction.atomic():
        draft = actions.prepare_contract(
            case=case, actor=professional, family_member_ids=[mother.pk], amendment_reason="x"
        )
        sign(draft, professional)
        raise Interrupted
    orphans = stored_private_files() - before
    assert orphans, "the interrupted signing wrote its files"
    # when
    call_command("sweep_private_files", older_than=0)
    # then
    left = stored_private_files()
    assert not orphans & left
    assert kept_files <= left
    assert kept.hash_matches()


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_lose_no_row_and_no_file(case, professional, template, mother, tmp_path):
    # given: a signed contract (rows and private files)
    contract = sign(
        actions.prepare_contract(case=case, actor=professional, family_member_ids=[mother.pk]),
        professional,
    )
    rows, files = row_counts(), files_with_hashes()
    assert rows["contratos.SocialContract"] == 1 and len(files) >= 2
    call_command("backup", str(tmp_path / "respaldo.tar.gz"))
    # when: a file is lost and rows are lost after the backup
    storages["private"].delete(contract.pdf.name)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM auditlog_logentry")
    assert row_counts() != rows
    call_command("restore", str(tmp_path / "respaldo.tar.gz"))
    # then
    assert row_counts() == rows
    assert files_with_hashes() == files
    assert SocialContract.objects.get(pk=contract.pk).hash_matches()
