"""Follow-up reports to the court built from the case: the objectives table from the plan and
the period's sessions, supervision's review, and the final version frozen with its hash."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Attendance, CourtReport
from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.plans import actions as plan_actions
from reinsercion.plans.models import NotAchievedReason, ObjectiveStatus
from reinsercion.programs.choices import Role
from reinsercion.reports import actions
from reinsercion.reports.models import FollowUpReport, ReportAnnex, ReportStatus
from tests.paperwork import assert_on_the_letterhead, save_example

from ...factories import UserFactory, member
from ..activity_helpers import at, set_court_data, travel
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db
D = datetime.date
DUE = D(2026, 4, 5)  # LAE: every 3 months from the start of the sentence


@pytest.fixture
def supervisor_lae(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


def session(case, actor, when, objective=None, words="", attendance=Attendance.ATTENDED):
    """A session on a plan objective, or (``words``) one recorded before sessions pointed to
    an objective, when the objective was typed."""
    with travel(when + datetime.timedelta(hours=2)):
        record = activity_actions.record_activity(
            case=case,
            actor=actor,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=when,
            duration_minutes=60,
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=attendance,
            objective=objective,
            absence_reason="No llegó" if attendance != Attendance.ATTENDED else "",
        )
    if words:
        record.plan_objective = words
        record.save()
    return record


@pytest.fixture
def followed_case(lae_case, lae_professional):
    """An LAE case with a plan of three objectives and sessions in and out of the period."""
    set_court_data(lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5), rit="O-77-2026")
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2)
    plan = plan_with_objectives(
        lae_case, lae_professional, version, ("peers", "attitudes", "employment")
    )
    peers, attitudes, _ = plan.objectives.order_by("sort_order")
    plan_actions.set_objective_status(
        objective=peers, actor=lae_professional, status=ObjectiveStatus.IN_PROGRESS
    )
    plan_actions.set_objective_status(
        objective=attitudes,
        actor=lae_professional,
        status=ObjectiveStatus.NOT_ACHIEVED,
        reason=NotAchievedReason.RESOURCES,
        note="Sin cupo en el programa de refuerzo.",
    )
    session(lae_case, lae_professional, at(2026, 2, 10), objective=peers)
    session(lae_case, lae_professional, at(2026, 3, 10), words="objetivo en PEERS ")
    session(lae_case, lae_professional, at(2026, 3, 20), attendance=Attendance.ABSENT_UNJUSTIFIED)
    session(lae_case, lae_professional, at(2026, 4, 20), objective=peers)  # next period
    return lae_case


def test_the_draft_takes_its_objectives_from_the_plan_and_the_periods_sessions(
    followed_case, lae_professional
):
    with travel(D(2026, 4, 1)):
        report = actions.start_report(case=followed_case, actor=lae_professional, due_on=DUE)
    assert report.annex == ReportAnnex.H
    assert (report.period_start, report.period_end) == (D(2026, 1, 5), DUE)
    peers, attitudes, employment = report.objectives
    assert (peers["result"], peers["sessions"]) == ("in_progress", 2)
    assert peers["actions"] == (
        "2 sesión(es) en el periodo: 10-02 Intervención individual, 10-03 Intervención individual"
    )
    assert (attitudes["result"], attitudes["reason"]) == (
        "not_achieved",
        "Falta de recursos (p. ej., sin cupo)",
    )
    assert attitudes["description"] == "Sin cupo en el programa de refuerzo."
    assert (employment["result"], employment["reason"]) == (
        "not_achieved",
        "El objetivo no se ha intervenido aún.",
    )
    assert "asistió a 2, 0 inasistencia(s) justificada(s) y 1 injustificada(s)" in (
        report.attendance
    )


def test_a_drug_treatment_condition_makes_it_monthly_annex_g_asking_for_the_centres_report(
    followed_case, lae_professional
):
    set_court_data(followed_case, lae_professional, drug_treatment_condition=True)
    report = actions.start_report(case=followed_case, actor=lae_professional, due_on=D(2026, 2, 5))
    assert report.annex == ReportAnnex.G
    assert (report.period_start, report.period_end) == (D(2026, 1, 5), D(2026, 2, 5))
    assert "centro de tratamiento su informe de avance" in report.requests_to_court


def test_a_not_achieved_objective_needs_its_reason(followed_case, lae_professional):
    report = actions.start_report(case=followed_case, actor=lae_professional, due_on=DUE)
    with pytest.raises(ValidationError) as refused:
        actions.update_report(
            report=report,
            actor=lae_professional,
            objectives=[{"result": "not_achieved", "reason": ""}, {}, {}],
        )
    assert "reason_0" in refused.value.error_dict


def test_supervision_reviews_and_the_final_report_is_frozen_with_its_hash(
    followed_case, lae_professional, supervisor_lae
):
    # given a draft the delegado edits and sends
    with travel(D(2026, 4, 2)):
        report = actions.start_report(case=followed_case, actor=lae_professional, due_on=DUE)
        actions.update_report(
            report=report,
            actor=lae_professional,
            objectives=[{"description": "Asiste y participa."}, {}, {}],
            next_period="Empleo: apresto laboral.",
        )
        actions.submit_report(report=report, actor=lae_professional)
        # the author never approves their own report; supervision may return it
        with pytest.raises(PermissionDenied):
            actions.finalize_report(report=report, actor=lae_professional)
        actions.return_report(report=report, actor=supervisor_lae, comment="Detalle la asistencia.")
        assert report.status == ReportStatus.RETURNED
        actions.update_report(report=report, actor=lae_professional, attendance="Asistencia: 2/3.")
        actions.submit_report(report=report, actor=lae_professional)
        # when supervision approves it
        actions.finalize_report(report=report, actor=supervisor_lae)
    # then its content is frozen and its SHA-256 recomputes
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert len(report.content_sha256) == 64
    assert report.hash_matches()
    assert report.content["objectives"][0]["description"] == "Asiste y participa."
    assert report.content["supervisor"] == str(supervisor_lae)
    # a changed byte of the stored content no longer matches
    report.content["attendance"] = "Asistencia: 3/3."
    assert not report.hash_matches()
    report.refresh_from_db()
    # the frozen PDF says what the report says, with its hash
    with report.pdf.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Informe de Seguimiento Plan de Intervención Individual" in text
    assert "Objetivo en peers" in text and "Asistencia: 2/3." in text
    assert report.content_sha256 in text.replace(" ", "")
    assert "BORRADOR" not in text
    # and it counts as sent: the agenda no longer asks for the report due on 5 April
    assert CourtReport.objects.filter(case=followed_case, due_on=DUE).exists()
    with travel(D(2026, 4, 2)):
        items = agenda_sources()["court_reports"](Case.objects.all(), D(2026, 4, 2))
    assert DUE not in [i.due_on for i in items if i.kind == "court_report"]
    # a final report is no longer edited
    with pytest.raises(ValidationError):
        actions.update_report(report=report, actor=lae_professional, next_period="x")


def test_the_report_pages(
    followed_case, lae_professional, supervisor_lae, client_for, django_assert_max_num_queries
):
    client = client_for(lae_professional)
    listing = reverse("team:report_list", args=[followed_case.pk])
    with travel(D(2026, 4, 2)):
        assert (
            f'value="{DUE.isoformat()}"'
            in client.get(listing, {"vence": "2026-04-05"}).content.decode()
        )
        response = client.post(listing, {"due_on": "2026-04-05"})
    report = followed_case.follow_up_reports.get()
    assert response.url == report.get_absolute_url()
    with django_assert_max_num_queries(30):
        page = client.get(report.get_absolute_url()).content.decode()
    assert "Objetivo en peers" in page and "Enviar a supervisión" in page
    draft_pdf = client.get(reverse("team:report_pdf", args=[followed_case.pk, report.pk]))
    assert draft_pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(draft_pdf.content)).pages)
    assert "BORRADOR" in text
    assert_on_the_letterhead(
        draft_pdf.content,
        "Informe de Seguimiento del Plan de Intervención",
        "Libertad Asistida Especial",
    )
    save_example("informe-seguimiento-anexo-h-borrador.pdf", draft_pdf.content)
    transition = reverse("team:report_transition", args=[followed_case.pk, report.pk, "final"])
    client.post(reverse("team:report_transition", args=[followed_case.pk, report.pk, "revision"]))
    assert client.post(transition).status_code == 403  # the author
    supervision = client_for(supervisor_lae)
    assert "Aprobar y congelar" in supervision.get(report.get_absolute_url()).content.decode()
    supervision.post(transition)
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert (
        "coincide con el contenido guardado"
        in supervision.get(report.get_absolute_url()).content.decode()
    )


def test_another_programs_team_gets_404(followed_case, lae_professional, professional, client_for):
    report = actions.start_report(case=followed_case, actor=lae_professional, due_on=DUE)
    client = client_for(professional)
    for url in (
        reverse("team:report_list", args=[followed_case.pk]),
        report.get_absolute_url(),
        reverse("team:report_pdf", args=[followed_case.pk, report.pk]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_every_path_to_a_frozen_report(
    followed_case, lae_professional, supervisor_lae
):
    # given a final (frozen) report and a draft
    with travel(D(2026, 4, 2)):
        report = actions.start_report(case=followed_case, actor=lae_professional, due_on=DUE)
        actions.submit_report(report=report, actor=lae_professional)
        actions.finalize_report(report=report, actor=supervisor_lae)
    plain = models.QuerySet(FollowUpReport).filter(pk=report.pk)

    def refused(write) -> bool:
        try:
            with transaction.atomic():
                write()
        except IntegrityError as e:
            assert "está congelado" in str(e)
            return True
        return False

    with connection.cursor() as cursor:
        paths = {
            "QuerySet.update": lambda: plain.update(next_period="otro"),
            "QuerySet._raw_delete": lambda: plain._raw_delete(plain.db),
            "raw UPDATE": lambda: cursor.execute(
                "UPDATE reinsercion_followupreport SET content = '{}' WHERE id = %s",
                [report.pk],
            ),
            "raw DELETE": lambda: cursor.execute(
                "DELETE FROM reinsercion_followupreport WHERE id = %s", [report.pk]
            ),
        }
        outcome = {name: refused(write) for name, write in paths.items()}
    assert outcome == dict.fromkeys(paths, True)
    report.refresh_from_db()
    assert report.hash_matches()
