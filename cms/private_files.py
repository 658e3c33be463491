"""The private files (signed PDFs, signatures, case attachments) as one set, for the sweep
and for backups.

Every ``FileField`` of any app whose storage is ``storages["private"]`` is found by walking the
models, so a new app's private files are covered without being listed here.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection, models
from django.utils import timezone


def private_file_fields():
    private = storages["private"]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.storage is private:
                yield model, field


def referenced_private_files() -> set[str]:
    names = set()
    for model, field in private_file_fields():
        names.update(
            model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
        )
    return names


def stored_private_files(path: str = "") -> set[str]:
    storage = storages["private"]
    if path and not storage.exists(path) or not path and not os.path.isdir(storage.location):
        return set()
    dirs, files = storage.listdir(path)
    found = {f"{path}{f}" for f in files}
    for d in dirs:
        found |= stored_private_files(f"{path}{d}/")
    return found


def sweep_orphans(*, older_than: datetime.timedelta) -> list[str]:
    """Delete the private files no row names, written more than ``older_than`` ago.

    An action writes its files before its transaction commits (a file must exist for the row
    that names it); a crash or a rollback in between leaves the file alone. The age margin
    keeps the files of transactions still running.
    """
    storage = storages["private"]
    cutoff = timezone.now() - older_than
    orphans = sorted(
        name
        for name in stored_private_files() - referenced_private_files()
        if storage.get_modified_time(name) <= cutoff
    )
    for name in orphans:
        storage.delete(name)
    return orphans


# Backup and restore ----------------------------------------------------------------------------
DATABASE_SQLITE = "database.sqlite3"
DATABASE_POSTGRESQL = "database.pgdump"
PRIVATE = "private"


def _pg_url() -> str:
    s = connection.settings_dict
    return (
        f"postgresql://{s['USER']}:{s.get('PASSWORD') or ''}@{s['HOST'] or 'localhost'}:"
        f"{s['PORT'] or 5432}/{s['NAME']}"
    )


def _private_root() -> Path:
    if not hasattr(storages["private"], "location"):
        raise RuntimeError(
            "Los archivos privados están en un almacenamiento de objetos (S3): respáldelos con "
            "el versionado del bucket; este respaldo cubre el almacenamiento local."
        )
    return Path(storages["private"].location)


def backup(target: Path) -> Path:
    """One ``.tar.gz`` with the database and the private files, taken together."""
    root = _private_root()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(work / DATABASE_SQLITE)
            connection.connection.backup(copy)
            copy.close()
        elif connection.vendor == "postgresql":
            subprocess.run(
                ["pg_dump", "--format=custom", f"--file={work / DATABASE_POSTGRESQL}", _pg_url()],
                check=True,
            )
        else:
            raise RuntimeError(f"Sin respaldo para {connection.vendor}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as tar:
            for item in work.iterdir():
                tar.add(item, arcname=item.name)
            if root.is_dir():
                tar.add(root, arcname=PRIVATE)
    return target


def restore(source: Path) -> None:
    """Put the database and the private files back as they were in ``source``."""
    root = _private_root()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(source, "r:gz") as tar:
            tar.extractall(work, filter="data")
        if (work / DATABASE_SQLITE).exists():
            if connection.vendor != "sqlite":
                raise RuntimeError("El respaldo es de SQLite y la base configurada no.")
            connection.ensure_connection()
            saved = sqlite3.connect(work / DATABASE_SQLITE)
            saved.backup(connection.connection)
            saved.close()
        else:
            if connection.vendor != "postgresql":
                raise RuntimeError("El respaldo es de PostgreSQL y la base configurada no.")
            connection.close()
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    f"--dbname={_pg_url()}",
                    str(work / DATABASE_POSTGRESQL),
                ],
                check=True,
            )
        if root.is_dir():
            shutil.rmtree(root)
        if (work / PRIVATE).is_dir():
            shutil.copytree(work / PRIVATE, root)
        else:
            root.mkdir(parents=True, exist_ok=True)


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"reinsercion-{stamp}.tar.gz"
