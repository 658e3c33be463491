import pytest
from auditlog.models import LogEntry

from django.urls import reverse

from reinsercion.audit import BulkWriteNotAudited
from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.people.models import Person
from reinsercion.programs.choices import Phase

pytestmark = pytest.mark.django_db


def test_a_case_change_records_who_when_and_old_and_new_values(case, professional):
    # when
    case_actions.update_case(case=case, actor=professional, court="Juzgado de Garantía de Quillota")
    # then
    entry = LogEntry.objects.get_for_object(case).order_by("-timestamp").first()
    assert entry.actor == professional
    assert entry.timestamp is not None
    assert entry.changes_dict["court"] == ["", "Juzgado de Garantía de Quillota"]


def test_the_history_shows_on_the_case_with_the_actor(client_for, case, coordinator, professional):
    # given
    case_actions.move_case_phase(case=case, actor=professional, to_phase=Phase.EXTRA_PENITENTIARY)
    # when
    html = (
        client_for(coordinator).get(reverse("team:case_history", args=[case.pk])).content.decode()
    )
    # then: who moved it, and the phase from → to
    assert professional.get_full_name() in html
    assert "<strong>Fase</strong>: Intrapenitenciaria → Extrapenitenciaria" in html


def test_assigning_professionals_is_recorded(case, coordinator, other_professional):
    case_actions.update_case(case=case, actor=coordinator, professionals=[other_professional])
    entries = LogEntry.objects.get_for_object(case)
    assert any("professionals" in e.changes_dict for e in entries)


@pytest.mark.parametrize("model", [Case, Person, PhasePeriod])
def test_bulk_writes_that_would_skip_the_audit_are_refused(case, model):
    with pytest.raises(BulkWriteNotAudited):
        model.objects.all().update(pk=1)
    with pytest.raises(BulkWriteNotAudited):
        model.objects.bulk_update(list(model.objects.all()), ["pk"])
    with pytest.raises(BulkWriteNotAudited):
        model.objects.bulk_create([])
