"""The audit trail's building blocks, shared by every app's case records.

django-auditlog records each change through model signals; ``AuditedQuerySet`` refuses the
writes that would skip them, and ``Audited`` / ``Recorded`` / ``Created`` are the abstract
bases of every audited record (see docs/decisions/0001-audit-trail.md).
"""

from django.conf import settings
from django.db import models
from django.db.models.signals import class_prepared


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


def _audited_base_manager(sender, **kwargs):
    """Make the audited manager the model's ``Meta.base_manager_name`` too.

    Django reaches rows through ``Model._base_manager`` (a plain ``Manager`` unless told
    otherwise), so ``Case._base_manager.update()`` would write around the audit trail. Set
    here for every model whose managers are audited, because a child's own ``class Meta``
    does not inherit the abstract base's options. ``save()`` and deletions use the base
    manager's private ``_update``/collector paths, which stay open.
    """
    if sender._meta.base_manager_name:
        return
    for manager in sender._meta.managers:
        if issubclass(getattr(manager, "_queryset_class", type), AuditedQuerySet):
            sender._meta.base_manager_name = manager.name
            return


class_prepared.connect(_audited_base_manager)


class Audited(models.Model):
    """A case-data record whose every change is in the audit log (bulk writes refused)."""

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True


class RecordedBy(Audited):
    """An audited record that says which team member wrote it."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrado por",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Recorded(RecordedBy):
    """Recorded by whom and when, audited."""

    created_at = models.DateTimeField("creado", auto_now_add=True)

    class Meta:
        abstract = True


class Created(Audited):
    """Created by whom and when, audited (for things made rather than observed: a template
    version, a workshop series, a referral)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="creado por",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("creado", auto_now_add=True)

    class Meta:
        abstract = True
