"""Reads of cases for lists: the caseload's count, cached for the current case data; and the
version of one case's data, for what is cached per case (its timeline)."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from reinsercion.cases.models import Case
from reinsercion.versions import DataVersion

# Bumped by cases/setup.py whenever something a caseload count depends on changes: a case, its
# professionals, a person's name or RUT, a team membership.
caseload_version = DataVersion("reinsercion:cases:version")


def cached_count(queryset) -> int:
    """``queryset.count()``, computed once per version of the case data. The key is the
    count's own SQL (user, filters and search included), so two lists never share a figure."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"reinsercion:caseload-count:{caseload_version.get()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, timeout=600)
    return count


class CachedCountPaginator(Paginator):
    """Counts the list once per version of the case data: counting 100,000 visible cases on
    every page view was most of the caseload's SQL time."""

    @cached_property
    def count(self):
        # django-tables2 hands over its rows: the queryset is behind rows.data.data.
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        if not hasattr(queryset, "query"):
            return super().count
        return cached_count(queryset)


def case_id_of(instance) -> int | None:
    """The case a changed row belongs to: itself, its ``case``, or its parent's ``case``
    (a plan's event, a referral's message)."""
    if isinstance(instance, Case):
        return instance.pk
    if hasattr(instance, "case_id"):
        return instance.case_id
    for model_field in instance._meta.concrete_fields:
        if model_field.many_to_one and hasattr(model_field.related_model, "case"):
            parent = getattr(instance, model_field.name, None)
            return getattr(parent, "case_id", None)
    return None


def case_data_version(case_id: int) -> DataVersion:
    """Bumped by cases/setup.py when any row of the case is saved or deleted (case data is
    audited, so it is never written by a bulk update that sends no signal)."""
    return DataVersion(f"reinsercion:case:{case_id}:version")
