"""Cache invalidation only: no business flow lives in signals.

Public results are cached by ``cms`` under a key that includes
``reinsercion.results.results_version()``. Whatever changes what they count (a case's outcome
or phase, its phase history, a generation) bumps that version, now and again after the
transaction commits, so a request racing the commit cannot keep stale figures.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.programs.models import Cohort, Program
from reinsercion.results.queries import bump_results_version


def _bump(sender, **kwargs):
    bump_results_version()
    transaction.on_commit(bump_results_version)


def connect():
    for model in (Case, PhasePeriod, Cohort, Program):
        uid = f"reinsercion.results_version.{model.__name__}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}.delete")
