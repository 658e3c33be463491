"""Reads of case data, always through ``visible_to(user)``."""

from django.db import models
from django.db.models import Q


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


class CaseQuerySet(AuditedQuerySet):
    def visible_to(self, user):
        """Cases ``user`` may open.

        - superusers (administrators) see every case;
        - coordination, supervision and direction see every case of their programs;
        - professionals see the cases assigned to them;
        - anybody else (web editors, partner institutions, families) sees none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        from .choices import Role
        from .models.users import TeamMembership

        whole_program = TeamMembership.objects.filter(
            user=user, role__in=[Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION]
        ).values("program_id")
        return self.filter(Q(program_id__in=whole_program) | Q(professionals=user)).distinct()

    def open(self):
        return self.exclude(phase__in=["closed", "exit"])


class PersonQuerySet(AuditedQuerySet):
    def visible_to(self, user):
        """People with at least one case the user may see, or with no case yet.

        A person without a case was just registered by a team member, who needs to open their
        case next; any team member may see it.
        """
        from .models.cases import Case

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        visible_cases = Case.objects.visible_to(user).values("person_id")
        return self.filter(Q(pk__in=visible_cases) | Q(cases__isnull=True)).distinct()
