import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance

from ..activity_helpers import at, contact_rule, fortnightly, record, travel


def test_the_daily_digest_goes_to_each_professional_with_items(
    case, professional, other_professional
):
    # given a session of Ana's two days ago still to be recorded; Bruno has nothing due
    with travel(datetime.date(2026, 2, 20)):
        activity_actions.record_activity(
            case=case,
            actor=professional,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 3, 2, 10),
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=Attendance.SCHEDULED,
        )
    # when the scheduler runs the digest on 05-03-2026
    with travel(datetime.date(2026, 3, 5)):
        call_command("send_agenda_digest", stdout=StringIO())
    # then only Ana gets an e-mail, with the item and a link, and initials instead of names
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [professional.email]
    assert "1 vencido(s)" in message.subject
    assert "Registrar intervención individual del 02-03-2026" in message.body
    assert f"caso {case.pk}" in message.body
    assert case.person.last_names not in message.body
    assert "/equipo/casos/" in message.body


def test_no_digest_when_nothing_is_due(case, professional):
    with travel(datetime.date(2026, 3, 5)):
        call_command("send_agenda_digest", stdout=StringIO())
    assert mail.outbox == []


def test_the_weekly_digest_lists_quiet_cases_to_coordination(
    case, professional, coordinator, monkeypatch
):
    # given a fortnightly case whose last face-to-face contact was 20 days ago
    contact_rule(monkeypatch, {case.pk: fortnightly()})
    record(case, professional, at(2026, 3, 2))
    # when the weekly digest runs
    with travel(datetime.date(2026, 3, 22)):
        call_command("send_quiet_cases_digest", stdout=StringIO())
    # then the coordinator gets the list
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert f"caso {case.pk}" in message.body
    assert "20 días sin contacto" in message.body
    assert "cada 14 días" in message.body


def test_no_quiet_digest_without_requirements_or_when_in_touch(
    case, professional, coordinator, monkeypatch
):
    record(case, professional, at(2026, 3, 2))
    with travel(datetime.date(2026, 3, 22)):
        call_command("send_quiet_cases_digest", stdout=StringIO())
    assert mail.outbox == []  # no contact rule: nothing to compare
    contact_rule(monkeypatch, {case.pk: fortnightly()})
    with travel(datetime.date(2026, 3, 10)):
        call_command("send_quiet_cases_digest", stdout=StringIO())
    assert mail.outbox == []  # 8 days: within the minimum
