"""The import's slow steps, run by ``manage.py db_worker`` (or inside the request with
TASKS_BACKEND=immediate): a 5,000-row sheet takes minutes (docs/performance.md)."""

from django_tasks import task

from reinsercion.imports import actions
from reinsercion.imports.models import ImportBatch, Status


@task()
def preview_batch(batch_pk: int) -> None:
    batch = ImportBatch.objects.select_related("created_by", "cohort__program").filter(
        pk=batch_pk, status=Status.CHECKING
    )
    for pending in batch:
        actions.preview(batch=pending)


@task()
def import_batch(batch_pk: int) -> None:
    batch = ImportBatch.objects.select_related("created_by", "cohort__program").filter(
        pk=batch_pk, status=Status.IMPORTING
    )
    for pending in batch:
        actions.confirm(batch=pending, actor=pending.created_by)
