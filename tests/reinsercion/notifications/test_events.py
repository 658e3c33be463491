"""A notification per event, to the right people, and its e-mail as each person prefers.

Events: a plan sent to supervision, returned or visado; a case assigned; a non-compliance
alert. (Referral events: tests/red/test_notifications.py.)"""

import pytest

from django.core import mail
from django.core.management import call_command

from reinsercion.activities.models import Attendance
from reinsercion.cases import actions as case_actions
from reinsercion.notifications import actions as notification_actions
from reinsercion.notifications.models import Notification, OutgoingEmail
from reinsercion.plans import actions as plan_actions
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member
from ..activity_helpers import at, record
from ..assessment_factories import assess, configured_version, plan_with_objectives


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def lae_supervisor(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


@pytest.fixture
def lae_coordinator(lae):
    return member(UserFactory(username="coord_lae", first_name="Clara"), lae, Role.COORDINATION)


@pytest.fixture
def plan(lae_case, lae_professional, version):
    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
    return plan_with_objectives(lae_case, lae_professional, version)


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def names_and_ruts(case):
    person = case.person
    return [person.first_names, person.last_names, person.full_name, person.rut]


def test_a_plan_sent_notifies_supervision_and_coordination_not_the_author(
    plan, lae_case, lae_professional, lae_supervisor, lae_coordinator, supervisor
):
    # when the case manager sends the plan to supervision
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    # then LAE's supervisor and coordinator are notified, with a link to the plan
    for user in (lae_supervisor, lae_coordinator):
        notification = Notification.objects.get(recipient=user)
        assert notification.kind == "plan_submitted"
        assert notification.url == plan.get_absolute_url()
        assert (
            notification.reference
            == f"Caso N° {lae_case.pk} · {lae_case.program.code} · PII versión 1"
        )
    # and neither the author nor another program's supervisor
    assert kinds(lae_professional) == [] and kinds(supervisor) == []


@pytest.mark.parametrize(
    ("to_status", "kind", "comment"),
    [("returned", "plan_returned", "Precisar acciones."), ("endorsed", "plan_endorsed", "")],
)
def test_a_returned_or_visado_plan_notifies_its_author(
    plan, lae_professional, lae_supervisor, to_status, kind, comment
):
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    # when supervision returns or visa it
    plan_actions.transition_plan(
        plan=plan, actor=lae_supervisor, to_status=to_status, comment=comment
    )
    # then the author is told
    assert kinds(lae_professional) == [kind]


def test_a_case_assigned_notifies_the_new_professional_only(
    case, coordinator, professional, other_professional
):
    # when the coordinator adds Bruno to Ana's case
    case_actions.update_case(
        case=case, actor=coordinator, professionals=[professional, other_professional]
    )
    # then Bruno is told, Ana (already on it) is not told again
    assert kinds(other_professional) == ["case_assigned"]
    assert kinds(professional) == ["case_assigned"]  # from when the case was opened
    assert Notification.objects.get(recipient=other_professional).url == case.get_absolute_url()


def test_two_unjustified_absences_notify_the_case_professional(case, coordinator, professional):
    # when the coordinator records two unjustified absences in a row on Ana's case
    absent = Attendance.ABSENT_UNJUSTIFIED
    record(case, coordinator, at(2026, 3, 2), attendance=absent)
    assert "noncompliance" not in kinds(professional)
    record(case, coordinator, at(2026, 3, 9), attendance=absent)
    # then Ana is told of the non-compliance alert, with the link to report it
    alert = Notification.objects.get(recipient=professional, kind="noncompliance")
    assert alert.url == f"/equipo/casos/{case.pk}/incumplimiento/nuevo/"
    assert "2 inasistencias seguidas" in alert.reference


def test_immediately_an_email_with_a_link_and_no_name_or_rut(
    plan, lae_case, lae_professional, lae_supervisor, django_capture_on_commit_callbacks
):
    # given the supervisor wants her notifications by e-mail at once (the default)
    mail.outbox.clear()
    # when the plan is sent to her
    with django_capture_on_commit_callbacks(execute=True):
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    # then the worker sent her one e-mail with the link, and no name or RUT of the person
    assert [m.to for m in mail.outbox] == [[lae_supervisor.email]]
    message = mail.outbox[0]
    assert f"http://testserver{plan.get_absolute_url()}" in message.body or (
        plan.get_absolute_url() in message.body
    )
    text = message.subject + message.body
    for private in names_and_ruts(lae_case):
        assert private not in text
    assert OutgoingEmail.objects.get().status == "sent"
    assert Notification.objects.get(recipient=lae_supervisor).emailed_at is not None


def test_daily_digest_gathers_the_days_notifications_in_one_email(
    plan, lae_case, lae_professional, lae_supervisor, django_capture_on_commit_callbacks
):
    # given the case manager wants a daily digest
    notification_actions.set_email_frequency(
        user=lae_professional, actor=lae_professional, email_frequency="daily"
    )
    mail.outbox.clear()
    # when her plan is returned, resent and visado during the day
    with django_capture_on_commit_callbacks(execute=True):
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
        plan_actions.transition_plan(
            plan=plan, actor=lae_supervisor, to_status="returned", comment="Precisar."
        )
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
        plan_actions.transition_plan(plan=plan, actor=lae_supervisor, to_status="endorsed")
    # then nothing reached her during the day
    assert all(lae_professional.email not in m.to for m in mail.outbox)
    # when the evening digest runs
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digest")
    # then one e-mail gathers both, with links and no name or RUT; a second run sends nothing
    assert [m.to for m in mail.outbox] == [[lae_professional.email]]
    body = mail.outbox[0].body
    assert "Plan devuelto con observaciones" in body and "Plan visado" in body
    assert body.count(plan.get_absolute_url()) == 2
    for private in names_and_ruts(lae_case):
        assert private not in body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digest")
    assert len(mail.outbox) == 1


def test_never_means_in_the_app_only(
    plan, lae_professional, lae_supervisor, django_capture_on_commit_callbacks
):
    notification_actions.set_email_frequency(
        user=lae_supervisor, actor=lae_supervisor, email_frequency="never"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
        call_command("send_notification_digest")
    assert mail.outbox == []
    assert kinds(lae_supervisor) == ["plan_submitted"]
