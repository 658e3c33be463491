"""The intake timeline: each legal deadline on the agenda, on Chile's calendar, and the notice
to the court when the person does not present in time."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.urls import reverse
from django.utils.html import strip_tags

from reinsercion.cases import intake
from reinsercion.extensions import agenda_sources
from reinsercion.programs.choices import Role
from tests.paperwork import assert_on_the_letterhead, save_example

from ...factories import UserFactory, member
from ..activity_helpers import at, set_court_data, travel

pytestmark = pytest.mark.django_db
D = datetime.date


def due(case, today, kind):
    """The due dates of one kind of intake item on the agenda of ``case`` on ``today``."""
    items = agenda_sources()["intake"](type(case).objects.filter(pk=case.pk), today)
    return [i.due_on for i in items if i.kind == kind]


def test_the_delegado_is_due_24_hours_after_the_copy_even_across_fiestas_patrias(
    lae_case, lae_professional
):
    # given a sentence copy received on Thursday 17 September 2026 at 15:00
    set_court_data(lae_case, lae_professional, sentence_copy_received_at=at(2026, 9, 17, 15))
    # then the 24 hours end on the 18th, a holiday: the delegado is due on Monday 21
    assert due(lae_case, D(2026, 9, 17), "intake_assign") == [D(2026, 9, 21)]
    # when the delegado is assigned, the item leaves the agenda
    set_court_data(lae_case, lae_professional, delegado_assigned_at=at(2026, 9, 21, 9))
    assert due(lae_case, D(2026, 9, 21), "intake_assign") == []


def test_the_presentation_counts_five_calendar_days_and_a_holiday_end_moves(
    lae_case, lae_professional
):
    # given a sentence final on Sunday 29 March 2026: the 5th day is Good Friday
    set_court_data(
        lae_case,
        lae_professional,
        sentence_final_on=D(2026, 3, 29),
        sentence_copy_received_at=at(2026, 3, 30, 9),
    )
    assert due(lae_case, D(2026, 3, 30), "intake_presentation") == [D(2026, 4, 6)]


@pytest.mark.parametrize(
    ("presented_on", "region", "meeting_due"),
    [
        (D(2026, 3, 31), "RM", D(2026, 4, 8)),  # across Easter's long weekend
        (D(2026, 9, 16), "RM", D(2026, 9, 24)),  # across 18 September 2026 (a Friday)
        (D(2025, 9, 17), "RM", D(2025, 9, 26)),  # across 18–19 September 2025
        (D(2026, 8, 17), "NB", D(2026, 8, 25)),  # Ñuble: 20 August is a regional holiday
        (D(2026, 8, 17), "RM", D(2026, 8, 24)),  # ... not in Santiago
    ],
)
def test_the_intake_meeting_is_due_five_business_days_after_the_presentation(
    lae_case, lae_professional, presented_on, region, meeting_due
):
    set_court_data(lae_case, lae_professional, region=region, presented_on=presented_on)
    assert due(lae_case, presented_on, "intake_meeting") == [meeting_due]
    # the meeting held leaves the agenda
    set_court_data(lae_case, lae_professional, intake_meeting_on=meeting_due)
    assert due(lae_case, meeting_due, "intake_meeting") == []


def test_the_hearing_is_asked_for_within_24_hours_only_when_the_copy_has_no_date(
    lae_case, lae_professional
):
    # given a copy received on Friday 3 July 2026 at 11:00, without the plan's hearing date
    set_court_data(lae_case, lae_professional, sentence_copy_received_at=at(2026, 7, 3, 11))
    # then the request is due on the next business day (Saturday is not one)
    assert due(lae_case, D(2026, 7, 3), "hearing_request") == [D(2026, 7, 6)]
    # a copy with the hearing date asks for nothing
    set_court_data(lae_case, lae_professional, plan_hearing_on=D(2026, 8, 10))
    assert due(lae_case, D(2026, 7, 3), "hearing_request") == []


def test_a_case_recorded_before_the_intake_was_tracked_has_no_intake_items(lae_case):
    # a sentence date alone (no receipt of the copy) asks for nothing
    assert lae_case.sentence_final_on is not None
    assert agenda_sources()["intake"](type(lae_case).objects.all(), D(2026, 3, 1)) == []


def non_presented(case, actor):
    # sentence final on Monday 14 September 2026: day 5 is the 19th, a holiday, then Sunday
    set_court_data(
        case,
        actor,
        sentence_final_on=D(2026, 9, 14),
        sentence_copy_received_at=at(2026, 9, 14, 16),
        delegado_assigned_at=at(2026, 9, 15, 9),
    )


def test_the_agenda_offers_the_non_presentation_notice_once_the_deadline_passes(
    lae_case, lae_professional
):
    non_presented(lae_case, lae_professional)
    # the deadline is Monday 21: no notice on that day
    assert due(lae_case, D(2026, 9, 21), "non_presentation_notice") == []
    # the day after, the notice is due, and links to the PDF
    items = [
        i
        for i in agenda_sources()["intake"](type(lae_case).objects.all(), D(2026, 9, 22))
        if i.kind == "non_presentation_notice"
    ]
    assert [i.due_on for i in items] == [D(2026, 9, 22)]
    assert items[0].url == reverse("team:non_presentation_pdf", args=[lae_case.pk])
    # once the court is told, it leaves the agenda
    set_court_data(lae_case, lae_professional, non_presentation_reported_on=D(2026, 9, 22))
    assert due(lae_case, D(2026, 9, 23), "non_presentation_notice") == []


def test_the_non_presentation_notice_is_a_pdf_built_from_the_case(
    lae_case, lae_professional, client_for
):
    non_presented(lae_case, lae_professional)
    set_court_data(lae_case, lae_professional, rit="O-1234-2026")
    url = reverse("team:non_presentation_pdf", args=[lae_case.pk])
    client = client_for(lae_professional)
    # before the deadline passes there is nothing to notify
    with travel(D(2026, 9, 21)):
        assert client.get(url).status_code == 404
    with travel(D(2026, 9, 22)):
        detail = client.get(reverse("team:case_detail", args=[lae_case.pk])).content.decode()
        response = client.get(url)
    assert url in detail
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert lae_case.person.full_name in text
    assert "O-1234-2026" in text
    assert "no se ha presentado" in text
    assert "venció el 21-09-2026" in text
    assert_on_the_letterhead(
        response.content, "Informe de no presentación", "Libertad Asistida Especial"
    )
    save_example("informe-no-presentacion.pdf", response.content)


def test_another_program_cannot_read_the_non_presentation_notice(
    lae_case, lae_professional, professional, client_for
):
    # given Ana, of OPV, and Lucas's LAE case with its notice due
    non_presented(lae_case, lae_professional)
    with travel(D(2026, 9, 22)):
        response = client_for(professional).get(
            reverse("team:non_presentation_pdf", args=[lae_case.pk])
        )
    assert response.status_code == 404


def test_the_case_file_shows_each_intake_step_with_its_deadline(
    lae, lae_case, lae_professional, client_for, django_assert_max_num_queries
):
    member(UserFactory(username="sup_lae"), lae, Role.SUPERVISION)
    set_court_data(
        lae_case,
        lae_professional,
        sentence_final_on=D(2026, 3, 29),
        sentence_copy_received_at=at(2026, 3, 30, 9),
        delegado_assigned_at=at(2026, 4, 1, 9),
        presented_on=D(2026, 3, 31),
    )
    client = client_for(lae_professional)
    with travel(D(2026, 4, 2)), django_assert_max_num_queries(25):
        page = client.get(reverse("team:case_detail", args=[lae_case.pk])).content.decode()
    page = " ".join(strip_tags(page).split())
    assert "Asignación del delegado/a · Fuera de plazo" in page  # due 31 March
    assert "Presentación de la persona · Dentro de plazo" in page
    assert "Reunión de ingreso · Pendiente" in page
    assert "5 días hábiles, vence el 08-04-2026" in page
    assert [s.key for s in intake.intake_steps(lae_case, D(2026, 4, 2))] == [
        "assign",
        "presentation",
        "meeting",
        "hearing_request",
    ]
