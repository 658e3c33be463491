"""The stored agenda follows the data its sources read: a change to any model a source
depends on refreshes the case's rows after the change commits (cache upkeep, not a business
flow, like the public results' version)."""

from django.db.models.signals import post_delete, post_save

from reinsercion.agenda import actions
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.cases.queries import case_id_of
from reinsercion.extensions import agenda_dependencies


def _changed(sender, instance, raw=False, **kwargs):
    # Read at signal time: apps after reinsercion (red…) register their sources later.
    if not raw and (sender in (Case, PhasePeriod) or sender in agenda_dependencies()):
        actions.case_changed(case_id_of(instance))


def register() -> None:
    post_save.connect(_changed, dispatch_uid="reinsercion.agenda.save")
    post_delete.connect(_changed, dispatch_uid="reinsercion.agenda.delete")
