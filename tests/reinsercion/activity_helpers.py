"""Helpers for the tests of sessions, workshops, follow-up, compliance and the agenda."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from reinsercion import extensions
from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance
from reinsercion.cases import actions as case_actions
from reinsercion.extensions import ContactRequirement

SANTIAGO = ZoneInfo("America/Santiago")


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SANTIAGO)


def travel(moment):
    """Freeze the clock at ``moment`` (a date means 12:00 in Santiago)."""
    if isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(12), tzinfo=SANTIAGO)
    return time_machine.travel(moment, tick=False)


def record(
    case,
    actor,
    when,
    attendance=Attendance.ATTENDED,
    kind=ActivityKind.INDIVIDUAL,
    reason="",
    ambit=Ambit.PSYCHOSOCIAL,
    duration=60,
):
    """Record a session through the real action, with the clock just after the session."""
    with travel(when + datetime.timedelta(hours=2)):
        return activity_actions.record_activity(
            case=case,
            actor=actor,
            kind=kind,
            occurred_at=when,
            duration_minutes=duration,
            ambit=ambit,
            attendance=attendance,
            absence_reason=reason or ("No se presentó" if attendance.startswith("absent") else ""),
        )


def set_court_data(case, actor, **data):
    return case_actions.update_case(case=case, actor=actor, **data)


def contact_rule(monkeypatch, requirements: dict):
    """Register a contact provider for one test (as issue 3's assessments would)."""

    def provider(cases):
        ids = set(cases.values_list("pk", flat=True))
        return {pk: r for pk, r in requirements.items() if pk in ids}

    monkeypatch.setitem(extensions._contact_providers, "test", provider)


def fortnightly(visit_interval_days=None) -> ContactRequirement:
    return ContactRequirement(
        interval_days=14,
        label="Quincenal",
        rule="Cuadro N°1: riesgo Medio, necesidad media",
        visit_interval_days=visit_interval_days,
    )
