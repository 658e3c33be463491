"""Pena mixta (Ley 18.216 art. 33; LV norms «Procedimientos para acceder a la Pena Mixta»):
the 60-day report counted from complete papers, annex O (favourable, with its PII) or P
(unfavourable), supervision's review, the frozen report with its PDF and SHA-256, the court's
resolution and six months' wait after a refusal."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.programs.choices import Role
from reinsercion.reports import pena_mixta
from reinsercion.reports.models import CourtAnswer, MixedSentenceOutcome, ReportStatus

from ...factories import CohortFactory, UserFactory, member, open_case
from ...paperwork import WORLD_NAMES, fonts, save_example
from ..activity_helpers import set_court_data, travel
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def supervisor_lae(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


@pytest.fixture
def planned_case(lae_case, lae_professional):
    """An LAE case with a risk assessment and a PII of two objectives."""
    set_court_data(
        lae_case,
        lae_professional,
        rit="O-55-2026",
        ruc="2500123456-7",
        court="Juzgado de Garantía de Quillota",
        offence="Robo con fuerza en lugar habitado",
        sentence_starts_on=D(2025, 6, 2),
        sentence_ends_on=D(2028, 6, 1),
    )
    person = lae_case.person
    person.first_names, person.last_names = WORLD_NAMES["first_names"], WORLD_NAMES["last_names"]
    person.save()
    version = configured_version()
    with travel(D(2026, 2, 1)):
        assess(lae_case, lae_professional, version, peers=2, attitudes=2)
        plan_with_objectives(
            lae_case, lae_professional, version, ("peers", "attitudes"), development="Etapas."
        )
    return lae_case


def due(case, today):
    items = agenda_sources()["pena_mixta"](Case.objects.filter(pk=case.pk), today)
    return [i.due_on for i in items]


def opened(case, actor, received_on, papers_complete_on=None):
    with travel(received_on):
        return pena_mixta.open_evaluation(
            case=case,
            actor=actor,
            received_on=received_on,
            papers_complete_on=papers_complete_on,
        )


def write(evaluation, actor, outcome=MixedSentenceOutcome.FAVOURABLE, **data):
    plan = evaluation.case.plans.order_by("-number").first()
    defaults = {
        "synthesis": "Primera condena; vínculos familiares estables.",
        "summary": "Cumplir el saldo en libertad sostiene su empleo y su familia.",
        "plan": plan if outcome == MixedSentenceOutcome.FAVOURABLE else None,
        "risk_level": "medium",
        "control_frequency": "weekly",
    }
    return pena_mixta.update_report(
        evaluation=evaluation, actor=actor, outcome=outcome, **{**defaults, **data}
    )


def final(evaluation, author, supervisor, on):
    with travel(on):
        pena_mixta.submit_report(evaluation=evaluation, actor=author)
        pena_mixta.finalize_report(evaluation=evaluation, actor=supervisor)
    evaluation.refresh_from_db()
    return evaluation


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


# The 60 days -------------------------------------------------------------------------------


def test_the_60_days_run_from_complete_papers_not_from_the_request(lae_case, lae_professional):
    evaluation = opened(lae_case, lae_professional, D(2026, 3, 2))
    # papers missing: no deadline yet
    assert due(lae_case, D(2026, 3, 2)) == []
    with travel(D(2026, 3, 16)):
        pena_mixta.record_papers_complete(
            evaluation=evaluation, actor=lae_professional, on=D(2026, 3, 16)
        )
    # 60 calendar days from 16 March 2026 is Friday 15 May: the 60th day, not the 59th or 61st
    assert due(lae_case, D(2026, 3, 16)) == [D(2026, 5, 15)]
    items = agenda_sources()["pena_mixta"](Case.objects.filter(pk=lae_case.pk), D(2026, 3, 16))
    assert items[0].url == evaluation.get_absolute_url()
    assert D(2026, 5, 15) - D(2026, 3, 16) == datetime.timedelta(days=60)


def test_a_60th_day_on_a_holiday_moves_to_the_next_business_day(lae_case, lae_professional):
    set_court_data(lae_case, lae_professional, region="RM")
    # 60 days from 20 July 2026 is Friday 18 September (Fiestas Patrias): Monday 21
    opened(lae_case, lae_professional, D(2026, 7, 20), papers_complete_on=D(2026, 7, 20))
    assert due(lae_case, D(2026, 7, 20)) == [D(2026, 9, 21)]


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (D(2026, 5, 14), "quedan 1 día(s)"),  # the day before
        (D(2026, 5, 15), "quedan 0 día(s)"),  # the 60th day: due, not overdue
        (D(2026, 5, 16), "vencido"),  # the day after
    ],
)
def test_the_page_says_the_deadline_at_its_boundary(
    lae_case, lae_professional, client_for, today, shown
):
    evaluation = opened(lae_case, lae_professional, D(2026, 3, 2), D(2026, 3, 16))
    with travel(today):
        page = client_for(lae_professional).get(evaluation.get_absolute_url()).content.decode()
    assert "15-05-2026" in page and shown in page


# The report: annex O needs its PII; review; frozen -----------------------------------------


def test_a_favourable_report_without_a_pii_is_refused(lae_case, lae_professional):
    evaluation = opened(lae_case, lae_professional, D(2026, 3, 2), D(2026, 3, 2))
    with pytest.raises(ValidationError, match="acompañado de un PII") as refused:
        write(evaluation, lae_professional, plan=None)
    assert "plan" in refused.value.error_dict
    # an unfavourable one (annex P) goes without a PII
    write(evaluation, lae_professional, MixedSentenceOutcome.UNFAVOURABLE)
    assert evaluation.outcome == MixedSentenceOutcome.UNFAVOURABLE and evaluation.plan is None


def test_the_favourable_report_is_reviewed_and_frozen_with_its_pdf_and_hash(
    planned_case, lae_professional, supervisor_lae
):
    evaluation = opened(planned_case, lae_professional, D(2026, 3, 2), D(2026, 3, 2))
    with travel(D(2026, 4, 1)):
        write(evaluation, lae_professional)
        pena_mixta.submit_report(evaluation=evaluation, actor=lae_professional)
        # the author never visa their own report; supervision may return it
        with pytest.raises(PermissionDenied):
            pena_mixta.finalize_report(evaluation=evaluation, actor=lae_professional)
        pena_mixta.return_report(
            evaluation=evaluation, actor=supervisor_lae, comment="Detalle el beneficio."
        )
        assert evaluation.status == ReportStatus.RETURNED
        write(evaluation, lae_professional, summary="Mantiene su empleo en Quillota.")
    evaluation = final(evaluation, lae_professional, supervisor_lae, D(2026, 4, 3))
    # the content is frozen and its SHA-256 recomputes
    assert evaluation.status == ReportStatus.FINAL
    assert evaluation.reported_on == D(2026, 4, 3)
    assert len(evaluation.content_sha256) == 64 and evaluation.hash_matches()
    assert [o["objective"] for o in evaluation.content["plan"]["objectives"]] == [
        "Objetivo en peers",
        "Objetivo en attitudes",
    ]
    evaluation.content["summary"] = "Otra cosa."
    assert not evaluation.hash_matches()
    evaluation.refresh_from_db()
    # the frozen PDF is annex O with its PII, the supervisor and the hash
    with evaluation.pdf.open("rb") as stored:
        content = stored.read()
    save_example("pena-mixta-anexo-o.pdf", content)
    text = pdf_text(content)
    assert all(fonts(content).values())  # every font embedded
    assert WORLD_NAMES["last_names"] in text
    assert "Informe Favorable de Postulación a Pena Mixta" in text and "Anexo O" in text
    assert "Objetivo en attitudes" in text and "Mantiene su empleo en Quillota." in text
    assert "[X] Semanal" in text and str(supervisor_lae) in text
    assert evaluation.content_sha256 in text.replace(" ", "")
    assert "BORRADOR" not in text
    # the report has left the agenda, and is no longer edited
    assert due(planned_case, D(2026, 4, 3)) == []
    with pytest.raises(ValidationError):
        write(evaluation, lae_professional)


def test_the_unfavourable_report_lists_the_assessed_risk_factors(
    planned_case, lae_professional, supervisor_lae
):
    evaluation = opened(planned_case, lae_professional, D(2026, 3, 2), D(2026, 3, 2))
    defaults = pena_mixta.draft_defaults(evaluation)
    # drafted from the latest assessment's needs
    assert defaults["risk_factors"].count("\n") == 1 and "necesidad" in defaults["risk_factors"]
    with travel(D(2026, 4, 1)):
        write(
            evaluation,
            lae_professional,
            MixedSentenceOutcome.UNFAVOURABLE,
            risk_factors=defaults["risk_factors"],
            summary="Consumo activo sin tratamiento.",
        )
    evaluation = final(evaluation, lae_professional, supervisor_lae, D(2026, 4, 2))
    with evaluation.pdf.open("rb") as stored:
        content = stored.read()
    save_example("pena-mixta-anexo-p.pdf", content)
    text = pdf_text(content)
    assert "Informe Negativo de Postulación a Pena Mixta" in text and "Anexo P" in text
    assert "NO SE RECOMIENDA" in text and "Consumo activo sin tratamiento." in text
    assert len(evaluation.content["risk_factors"]) == 2
    assert evaluation.content["risk_factors"][0][0] in text
    assert evaluation.content["plan"] is None and evaluation.hash_matches()


# The court's answer and the six months ------------------------------------------------------


def refused_on(case, author, supervisor, answered_on):
    evaluation = opened(case, author, D(2026, 1, 5), D(2026, 1, 5))
    with travel(D(2026, 2, 1)):
        write(evaluation, author, MixedSentenceOutcome.UNFAVOURABLE)
    final(evaluation, author, supervisor, D(2026, 2, 2))
    with travel(answered_on):
        pena_mixta.record_answer(
            evaluation=evaluation, actor=author, answer=CourtAnswer.REFUSED, answered_on=answered_on
        )
    return evaluation


def test_six_months_wait_after_the_court_refuses(lae_case, lae_professional, supervisor_lae):
    refused_on(lae_case, lae_professional, supervisor_lae, D(2026, 3, 10))
    # the day before six months: refused, with the date it may be asked again
    with pytest.raises(ValidationError, match="antes del 10-09-2026"):
        opened(lae_case, lae_professional, D(2026, 9, 9))
    # six months to the day: accepted
    opened(lae_case, lae_professional, D(2026, 9, 10))


def test_the_court_answers_a_sent_report_only(lae_case, lae_professional):
    evaluation = opened(lae_case, lae_professional, D(2026, 1, 5), D(2026, 1, 5))
    with travel(D(2026, 2, 1)), pytest.raises(ValidationError, match="apruébelo primero"):
        pena_mixta.record_answer(
            evaluation=evaluation,
            actor=lae_professional,
            answer=CourtAnswer.REFUSED,
            answered_on=D(2026, 2, 1),
        )
    # and one evaluation at a time
    with pytest.raises(ValidationError, match="en curso"):
        opened(lae_case, lae_professional, D(2026, 1, 20))


# The pages ----------------------------------------------------------------------------------


def test_the_pena_mixta_pages(
    planned_case,
    lae_professional,
    supervisor_lae,
    client_for,
    django_assert_max_num_queries,
):
    client = client_for(lae_professional)
    listing = reverse("team:pena_mixta", args=[planned_case.pk])
    with travel(D(2026, 3, 20)):
        response = client.post(
            listing, {"received_on": "2026-03-02", "papers_complete_on": "2026-03-16"}
        )
        evaluation = planned_case.mixed_sentence_evaluations.get()
        assert response.url == evaluation.get_absolute_url()
        with django_assert_max_num_queries(30):
            page = client.get(evaluation.get_absolute_url()).content.decode()
        assert "15-05-2026" in page and "Guardar borrador" in page
        # the draft starts from the PII: its synthesis and the plan offered
        assert "Síntesis del caso." in page and "PII versión 1" in page
        with django_assert_max_num_queries(25):
            assert "vence el 15-05-2026" in client.get(listing).content.decode()
        # a favourable report without a PII: the form says why
        refused = client.post(
            evaluation.get_absolute_url(),
            {"outcome": "favourable", "synthesis": "S.", "summary": "B.", "plan": ""},
        )
        assert "acompañado de un PII" in refused.content.decode()
        plan = planned_case.plans.get()
        client.post(
            evaluation.get_absolute_url(),
            {
                "outcome": "favourable",
                "synthesis": "Síntesis.",
                "summary": "Beneficio.",
                "plan": plan.pk,
                "control_frequency": "weekly",
                "risk_level": "medium",
            },
        )
        draft = client.get(reverse("team:pena_mixta_pdf", args=[planned_case.pk, evaluation.pk]))
        assert draft["Content-Type"] == "application/pdf"
        assert "BORRADOR" in pdf_text(draft.content)
        action = reverse("team:pena_mixta_action", args=[planned_case.pk, evaluation.pk, "final"])
        client.post(
            reverse("team:pena_mixta_action", args=[planned_case.pk, evaluation.pk, "revision"])
        )
        assert client.post(action).status_code == 403  # the author
        supervision = client_for(supervisor_lae)
        assert (
            "Visar, aprobar y congelar"
            in supervision.get(evaluation.get_absolute_url()).content.decode()
        )
        # supervision sees the case but does not write the report
        assert supervision.post(evaluation.get_absolute_url(), {}).status_code == 403
        supervision.post(action)
    evaluation.refresh_from_db()
    assert evaluation.status == ReportStatus.FINAL
    client = client_for(lae_professional)
    with travel(D(2026, 6, 1)):
        page = client.get(evaluation.get_absolute_url()).content.decode()
        assert "coincide con el contenido guardado" in page and "Registrar resolución" in page
        client.post(
            reverse("team:pena_mixta_action", args=[planned_case.pk, evaluation.pk, "resolucion"]),
            {"answer": "refused", "answered_on": "2026-05-29"},
        )
        assert "antes del 29-11-2026" in client.get(evaluation.get_absolute_url()).content.decode()
        # a new request within six months: the clear Spanish message
        again = client.post(listing, {"received_on": "2026-06-01"}).content.decode()
    assert "El tribunal denegó la pena mixta el 29-05-2026" in again
    assert "antes del 29-11-2026" in again
    assert planned_case.mixed_sentence_evaluations.count() == 1


def test_a_user_outside_the_case_team_gets_404(
    lae_case, lae_professional, professional, client_for
):
    evaluation = opened(lae_case, lae_professional, D(2026, 3, 2), D(2026, 3, 2))
    with travel(D(2026, 3, 5)):
        write(evaluation, lae_professional, MixedSentenceOutcome.UNFAVOURABLE)
    client = client_for(professional)  # OPV's professional
    for url in (
        reverse("team:pena_mixta", args=[lae_case.pk]),
        evaluation.get_absolute_url(),
        reverse("team:pena_mixta_pdf", args=[lae_case.pk, evaluation.pk]),
    ):
        assert client.get(url).status_code == 404
    action = reverse("team:pena_mixta_action", args=[lae_case.pk, evaluation.pk, "revision"])
    assert client.post(action).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.status == ReportStatus.DRAFT


def test_a_program_without_court_reports_has_no_pena_mixta(opv, coordinator, client_for):
    case = open_case(program=opv, actor=coordinator, cohort=CohortFactory(program=opv))
    response = client_for(coordinator).get(reverse("team:pena_mixta", args=[case.pk]))
    assert response.status_code == 404


def test_complete_papers_recorded_on_the_page_start_the_60_days(
    lae_case, lae_professional, client_for
):
    evaluation = opened(lae_case, lae_professional, D(2026, 3, 2))
    client = client_for(lae_professional)
    with travel(D(2026, 3, 20)):
        page = client.get(evaluation.get_absolute_url()).content.decode()
        assert "Faltan antecedentes" in page and "Registrar antecedentes completos" in page
        action = reverse(
            "team:pena_mixta_action", args=[lae_case.pk, evaluation.pk, "antecedentes"]
        )
        client.post(action, {"on": "2026-03-16"})
        page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "15-05-2026" in page and "quedan 56 día(s)" in page


def test_the_pii_of_another_case_is_refused(planned_case, lae, lae_professional):
    other = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
    evaluation = opened(other, lae_professional, D(2026, 3, 2), D(2026, 3, 2))
    with pytest.raises(ValidationError, match="de este caso"):
        write(evaluation, lae_professional, plan=planned_case.plans.get())
