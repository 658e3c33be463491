"""The audit trail's building blocks, shared by every app's case records.

django-auditlog records each change through model signals; ``AuditedQuerySet`` refuses the
writes that would skip them, and ``Audited`` / ``Recorded`` / ``Created`` are the abstract
bases of every audited record (see docs/decisions/0001-audit-trail.md).
"""

from django.db import models


class BulkWriteNotAudited(Exception):
    """Case tables are audited per row; bulk writes would bypass the audit trail."""


class AuditedQuerySet(models.QuerySet):
    """QuerySet for audited case tables: refuses writes that skip model signals.

    django-auditlog records changes through ``post_save``/``post_delete`` signals, which
    ``QuerySet.update()`` and ``bulk_create``/``bulk_update`` never send. Rather than lose
    history silently, such writes raise. See docs/decisions/0001-audit-trail.md.
    """

    def update(self, **kwargs):
        raise BulkWriteNotAudited(
            f"{self.model.__name__}: use save() on each row so the change is audited."
        )

    def bulk_create(self, *args, **kwargs):
        raise BulkWriteNotAudited(
            f"{self.model.__name__}: use save() on each row so the change is audited."
        )

    def bulk_update(self, *args, **kwargs):
        raise BulkWriteNotAudited(
            f"{self.model.__name__}: use save() on each row so the change is audited."
        )
