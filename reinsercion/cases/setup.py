from auditlog.registry import auditlog

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from reinsercion.cases import intake, transfers
from reinsercion.cases.models import Case, PhasePeriod, Transfer
from reinsercion.cases.queries import case_data_version, case_id_of, caseload_version
from reinsercion.extensions import register_agenda_source, register_timeline_source
from reinsercion.people.models import Person
from reinsercion.programs.models import TeamMembership


def _bump(sender, **kwargs):
    # Cache upkeep only: now, and again after the commit, so a racing read cannot keep the old.
    caseload_version.bump()
    transaction.on_commit(caseload_version.bump)


def _case_data_changed(sender, instance, raw=False, **kwargs):
    # Cache upkeep: what is cached for one case (its timeline) is keyed by this version. Case
    # data is what the audit trail records; a read of the case (the access trail's row) is not.
    if raw or not auditlog.contains(sender):
        return
    case_id = case_id_of(instance)
    if case_id is not None:
        version = case_data_version(case_id)
        # Now, for this transaction's own reads; again after the commit, for another
        # process that cached the old data in between.
        version.bump()
        transaction.on_commit(version.bump)


def register() -> None:
    auditlog.register(Case, m2m_fields={"professionals"})
    auditlog.register(PhasePeriod)
    # The intake deadlines read the case alone (its changes already refresh the agenda).
    register_agenda_source("intake", intake.intake_agenda)
    register_timeline_source("intake", intake.intake_timeline)
    auditlog.register(Transfer)
    register_agenda_source("transfers", transfers.transfer_agenda, depends_on=[Transfer])
    for model in (Case, Person, TeamMembership):
        uid = f"reinsercion.caseload_version.{model.__name__}"
        post_save.connect(_bump, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(_case_data_changed, dispatch_uid="reinsercion.case_data_version.save")
    post_delete.connect(_case_data_changed, dispatch_uid="reinsercion.case_data_version.delete")
    m2m_changed.connect(
        _bump,
        sender=Case.professionals.through,
        dispatch_uid="reinsercion.caseload_version.professionals",
    )
