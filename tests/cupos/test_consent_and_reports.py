import base64
import datetime

import pytest
import time_machine
from pypdf import PdfReader

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from cupos import actions
from cupos.choices import RequestStatus
from cupos.models import ConsentLocked, ProgramConsent
from reinsercion.extensions import agenda_sources, timeline_sources
from tests.paperwork import assert_on_the_letterhead, save_example

from ..contratos.factories import signature_png
from .factories import planned_case, request_slot

S = RequestStatus
TODAY = datetime.date(2026, 4, 6)


@pytest.fixture
def accepted(lae, lae_professional, version, program_b, partner_b):
    """A request to institution B's program, accepted to start today."""
    with time_machine.travel(datetime.datetime(2026, 4, 6, 12, 0, tzinfo=datetime.UTC)):
        case = planned_case(program=lae, actor=lae_professional, version=version)
        request = request_slot(case, lae_professional, program_b)
        return actions.answer_request(
            request=request, actor=partner_b, answer="accepted", start_on=TODAY
        )


def sign(request, actor, **overrides):
    person = request.case.person
    data = {
        "name": person.full_name,
        "rut": person.rut,
        "place": "CRS Quillota",
        "conditions": "12 sesiones, martes a las 10:00, sede OTEC.",
        "signature": {"png": signature_png()},
        "contact": {"name": "Rosa Araya", "phone": "+56 9 1234 5678", "relationship": "Madre"},
        **overrides,
    }
    return actions.sign_consent(request=request, actor=actor, **data)


def test_the_program_cannot_start_without_the_signed_consent_and_says_why(
    accepted, lae_professional, partner_b
):
    with pytest.raises(ValidationError) as error:
        actions.start_participation(request=accepted, actor=partner_b)
    assert "falta el consentimiento informado (anexo C)" in str(error.value)
    accepted.refresh_from_db()
    assert accepted.status == S.ACCEPTED
    # once signed, it starts
    sign(accepted, lae_professional)
    started = actions.start_participation(request=accepted, actor=partner_b)
    assert started.status == S.IN_PROGRESS and started.started_on == timezone.localdate()


def test_the_start_page_shows_the_reason_when_the_consent_is_missing(
    accepted, lae_professional, client_for
):
    response = client_for(lae_professional).post(
        reverse("cupos:request_start", args=[accepted.case_id, accepted.pk]),
        {"on_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "falta el consentimiento informado (anexo C)" in response.text


def test_the_consent_hash_is_recomputed_from_what_was_signed_and_breaks_on_any_change(
    accepted, lae_professional
):
    consent = sign(accepted, lae_professional)
    stored = ProgramConsent.objects.get(pk=consent.pk)
    assert stored.hash_matches()
    assert len(stored.content_sha256) == 64
    # the PDF prints the hash and the annex C wording
    with stored.pdf.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(f).pages)
    assert stored.content_sha256 in text.replace("\n", "")
    assert "CONSENTIMIENTO INFORMADO" in text and "Rosa Araya" in text
    with stored.pdf.open("rb") as f:
        content = f.read()
    assert_on_the_letterhead(
        content, "Consentimiento informado (anexo C)", stored.request.case.program.name
    )
    save_example("consentimiento-anexo-c.pdf", content)
    # any change to the frozen content no longer matches
    stored.place = "Otro lugar"
    assert not stored.hash_matches()
    # and a signed consent is never saved again nor deleted
    with pytest.raises(ConsentLocked):
        stored.save()
    with pytest.raises(ConsentLocked):
        stored.delete()


def test_the_consent_checks_identity_and_signature_like_the_contract(accepted, lae_professional):
    with pytest.raises(ValidationError) as error:
        sign(accepted, lae_professional, rut="11.111.111-1", signature={"png": b""})
    messages = " ".join(error.value.messages)
    assert "no corresponde" in messages
    assert "Falta la firma" in messages
    with pytest.raises(ValidationError):
        sign(accepted, lae_professional, signature={"png": signature_png(blank=True)})
    consent = sign(
        accepted, lae_professional, signature={"typed_name": accepted.case.person.full_name}
    )
    assert consent.signature_method == "typed" and consent.hash_matches()


def test_the_consent_is_signed_on_the_device_through_the_page(
    accepted, lae_professional, client_for
):
    client = client_for(lae_professional)
    url = reverse("cupos:consent_sign", args=[accepted.case_id, accepted.pk])
    page = client.get(url)
    assert page.status_code == 200 and "contratos/signature-pad.js" in page.text
    person = accepted.case.person
    png = base64.b64encode(signature_png()).decode()
    response = client.post(
        url,
        {
            "name": person.full_name,
            "rut": person.rut_display,
            "conditions": "10 sesiones grupales.",
            "signature": f"data:image/png;base64,{png}",
            "place": "Quillota",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    consent = ProgramConsent.objects.get(request=accepted)
    assert consent.signature_method == "drawn" and consent.hash_matches()
    pdf = client.get(reverse("cupos:consent_pdf", args=[accepted.case_id, accepted.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    pdf.close()


def test_the_consent_pdf_is_served_only_to_the_case_team(
    accepted, lae_professional, professional, partner_b, client_for
):
    sign(accepted, lae_professional)
    url = reverse("cupos:consent_pdf", args=[accepted.case_id, accepted.pk])
    assert client_for(professional).get(url).status_code == 404
    assert client_for(partner_b).get(url).status_code == 403


@pytest.fixture
def ongoing(accepted, lae_professional, partner_b):
    sign(accepted, lae_professional)
    with time_machine.travel(datetime.datetime(2026, 4, 6, 15, 0, tzinfo=datetime.UTC)):
        return actions.start_participation(request=accepted, actor=partner_b, on_date=TODAY)


def agenda_titles(request, today):
    cases = type(request.case).objects.filter(pk=request.case_id)
    return [
        (i.kind_label, i.title, i.due_on)
        for i in agenda_sources()["slot_requests"](cases, today)
        if i.kind == "program_report"
    ]


def test_monthly_reports_are_due_each_month_and_a_missing_one_shows_on_the_agenda(
    ongoing, partner_b
):
    # in the first month, the first report is due on 05-05 + 5 days
    assert agenda_titles(ongoing, datetime.date(2026, 4, 20)) == [
        (
            "Informe de programa",
            "Informe mensual (anexo E) de «Curso de soldadura»",
            datetime.date(2026, 5, 10),
        )
    ]
    # two months later, with no report: both months are missing
    assert [t[1] for t in agenda_titles(ongoing, datetime.date(2026, 6, 12))] == [
        "Falta el informe mensual N° 1 (anexo E) de «Curso de soldadura»",
        "Falta el informe mensual N° 2 (anexo E) de «Curso de soldadura»",
    ]
    # the first arrives: only the second is missing
    with time_machine.travel(datetime.datetime(2026, 6, 12, 15, 0, tzinfo=datetime.UTC)):
        actions.write_report(
            request=ongoing,
            actor=partner_b,
            kind="monthly",
            contents="Seguridad en el taller: logrado.",
            progress="Asiste y participa.",
        )
    assert [t[1] for t in agenda_titles(ongoing, datetime.date(2026, 6, 12))] == [
        "Falta el informe mensual N° 2 (anexo E) de «Curso de soldadura»"
    ]


def test_a_report_counts_attendance_from_the_programs_sessions_and_reaches_the_timeline(
    ongoing, partner_b, program_b
):
    with time_machine.travel(datetime.datetime(2026, 5, 8, 15, 0, tzinfo=datetime.UTC)):
        for day, attended in ((7, True), (14, True), (21, False)):
            actions.record_session(
                program=program_b,
                actor=partner_b,
                held_on=datetime.date(2026, 4, day),
                topic=f"Sesión del {day}",
                attendance={ongoing.pk: (attended, False)},
            )
        report = actions.write_report(
            request=ongoing,
            actor=partner_b,
            kind="monthly",
            contents="Uso de herramientas: parcialmente logrado.",
            progress="Faltó una vez.",
        )
    assert (report.sessions_held, report.sessions_attended) == (3, 2)
    assert report.period_start == TODAY and report.period_end == datetime.date(2026, 5, 5)
    entries = [
        e for e in timeline_sources()["slot_requests"](ongoing.case) if e.kind == "program_report"
    ]
    assert entries[0].title.startswith(
        "Informe mensual de avance (anexo E) de «Curso de soldadura»"
    )
    assert "Asistencia: 2 de 3 sesiones (67 %)" in entries[0].detail


def test_the_final_report_comes_after_the_end_and_only_once(ongoing, partner_b):
    with pytest.raises(ValidationError):
        actions.write_report(
            request=ongoing, actor=partner_b, kind="final", contents="x", progress="y"
        )
    actions.end_participation(request=ongoing, actor=partner_b, to_status=S.COMPLETED)
    report = actions.write_report(
        request=ongoing,
        actor=partner_b,
        kind="final",
        contents="Objetivos: logrado.",
        progress="Egresa.",
    )
    assert report.get_kind_display() == "Informe final (anexo F)"
    with pytest.raises(ValidationError):
        actions.write_report(
            request=ongoing, actor=partner_b, kind="final", contents="x", progress="y"
        )


def test_the_partner_writes_the_report_in_the_portal_and_b_cannot_read_a_reports(
    ongoing, partner_b, partner_a, client_for
):
    url = reverse("cupos_portal:request_detail", args=[ongoing.pk])
    response = client_for(partner_b).post(
        url,
        {
            "action": "report",
            "kind": "monthly",
            "contents": "Uso de herramientas: logrado.",
            "progress": "Buen desempeño en el taller.",
        },
    )
    assert response.status_code == 302
    assert ongoing.reports.count() == 1
    # the team reads it on the request page; a partner of another institution cannot
    assert client_for(partner_a).get(url).status_code == 404


def test_the_partner_records_a_session_with_attendance_and_b_cannot_open_a_sessions(
    ongoing, partner_b, partner_a, program_b, client_for
):
    url = reverse("cupos_portal:sessions", args=[program_b.pk])
    client = client_for(partner_b)
    page = client.get(url)
    assert page.status_code == 200 and ongoing.case.person.full_name in page.text
    response = client.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "topic": "Soldadura al arco",
            f"p_{ongoing.pk}": "justified",
        },
    )
    assert response.status_code == 302
    row = ongoing.attendance.get()
    assert (row.attended, row.justified) == (False, True)
    assert client_for(partner_a).get(url).status_code == 404


def test_the_consent_page_sends_back_once_signed(accepted, lae_professional, client_for):
    sign(accepted, lae_professional)
    url = reverse("cupos:consent_sign", args=[accepted.case_id, accepted.pk])
    response = client_for(lae_professional).get(url)
    assert response.status_code == 302 and response.url == accepted.get_absolute_url()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_every_path_to_a_signed_consent(accepted, lae_professional):
    consent = sign(accepted, lae_professional)
    plain = models.QuerySet(ProgramConsent).filter(pk=consent.pk)

    def refused(write) -> bool:
        try:
            with transaction.atomic():
                write()
        except IntegrityError as e:
            assert "está firmado" in str(e)
            return True
        return False

    with connection.cursor() as cursor:
        paths = {
            "QuerySet.update": lambda: plain.update(signed_text="otro"),
            "QuerySet._raw_delete": lambda: plain._raw_delete(plain.db),
            "raw UPDATE": lambda: cursor.execute(
                "UPDATE cupos_programconsent SET signed_text = 'x' WHERE id = %s", [consent.pk]
            ),
            "raw DELETE": lambda: cursor.execute(
                "DELETE FROM cupos_programconsent WHERE id = %s", [consent.pk]
            ),
        }
        outcome = {name: refused(write) for name, write in paths.items()}
    assert outcome == dict.fromkeys(paths, True)
    assert ProgramConsent.objects.get(pk=consent.pk).signed_text == consent.signed_text
