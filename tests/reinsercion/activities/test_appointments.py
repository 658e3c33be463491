"""Appointments (citas): booking with its validation, the agenda and the calendar feed,
recording the session from the appointment, and a workshop session as an appointment for each
member. Clock frozen."""

import datetime

import pytest
from icalendar import Calendar

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reinsercion.activities import actions as activity_actions
from reinsercion.activities.choices import Ambit
from reinsercion.activities.models import ActivityKind, Appointment, Attendance
from reinsercion.activities.queries import appointment_items
from reinsercion.agenda.actions import refresh_all
from reinsercion.cases.models import Case

from ...factories import open_case
from ..activity_helpers import at, travel

NOW = at(2026, 5, 6, 9)  # Wednesday 6 May 2026, 09:00 in Santiago


def book(case, professional, when=None, **data):
    with travel(NOW):
        return activity_actions.book_appointment(
            case=case,
            actor=professional,
            kind=data.pop("kind", ActivityKind.INDIVIDUAL),
            starts_at=when or at(2026, 5, 6, 15),
            duration_minutes=data.pop("duration_minutes", 60),
            place=data.pop("place", "Oficina OPV, box 2"),
            with_whom=data.pop("with_whom", "su madre"),
            **data,
        )


def agenda_page(client, moment, **params):
    with travel(moment):
        refresh_all()
        response = client.get(reverse("team:agenda"), params)
    assert response.status_code == 200
    return response.content.decode()


def feed_events(client, user, moment, host="testserver"):
    token = user.calendar_token or activity_actions.rotate_calendar_token(user=user, actor=user)
    with travel(moment):
        response = client.get(reverse("team:calendar_feed", args=[token]), HTTP_HOST=host)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content).walk("VEVENT")


def appointment_events(events):
    return [e for e in events if str(e["UID"]).startswith("appointment-")]


def test_an_appointment_is_on_the_agenda_and_a_timed_event_in_the_feed(
    case, professional, client_for
):
    # given Ana books a session with the person at 15:00 today
    appointment = book(case, professional)
    client = client_for(professional)
    # then today's agenda shows it with its time and place, and a link to record it
    body = agenda_page(client, NOW)
    assert "Intervención individual a las 15:00 · Oficina OPV, box 2" in body
    assert "Hoy a las 15:00" in body
    assert appointment.get_record_url().replace("&", "&amp;") in body
    # and her calendar has it as a timed event (not all day), without the person's name
    response, events = feed_events(client, professional, NOW)
    (event,) = appointment_events(events)
    assert event.decoded("DTSTART") == at(2026, 5, 6, 15)
    assert event.decoded("DTEND") == at(2026, 5, 6, 16)
    assert isinstance(event.decoded("DTSTART"), datetime.datetime)
    assert case.person.last_names not in response.content.decode()


def test_recording_it_starts_from_the_appointment_and_clears_it(case, professional, client_for):
    # given an appointment at 15:00 on Wednesday
    appointment = book(case, professional)
    client = client_for(professional)
    # when Ana opens "Registrar" the next day, the form is filled from the appointment
    with travel(at(2026, 5, 7, 10)):
        form = client.get(appointment.get_record_url()).context["form"]
    assert form.initial["kind"] == ActivityKind.INDIVIDUAL
    assert form.initial["occurred_at"] == at(2026, 5, 6, 15)
    assert form.initial["participants"] == "su madre"
    # and when she saves it
    with travel(at(2026, 5, 7, 10)):
        response = client.post(
            appointment.get_record_url(),
            {
                "kind": ActivityKind.INDIVIDUAL,
                "occurred_at": "2026-05-06T15:00",
                "duration_minutes": "60",
                "ambit": Ambit.PSYCHOSOCIAL,
                "participants": "su madre",
                "attendance": Attendance.ATTENDED,
                "notes": "Trabajamos el proyecto laboral.",
            },
        )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.record is not None and not appointment.record.is_late
    # then it leaves the agenda and the feed
    body = agenda_page(client, at(2026, 5, 7, 11), vista="vencidos")
    assert "Oficina OPV, box 2" not in body
    assert appointment_events(feed_events(client, professional, at(2026, 5, 7, 11))[1]) == []


def test_the_48_hours_count_from_the_appointment(case, professional):
    # given an appointment on Wednesday 15:00-16:00
    appointment = book(case, professional)
    # when the session is recorded on Saturday at 17:00 with another time typed in
    with travel(at(2026, 5, 9, 17)):
        record = activity_actions.record_activity(
            case=case,
            actor=professional,
            appointment=appointment,
            kind=ActivityKind.INDIVIDUAL,
            occurred_at=at(2026, 5, 8, 15),
            duration_minutes=60,
            ambit=Ambit.PSYCHOSOCIAL,
            attendance=Attendance.ATTENDED,
        )
    # then it is late: more than 48 hours after the appointment ended (Friday 16:00)
    assert record.is_late


def test_an_unrecorded_past_appointment_shows_sin_registrar(case, professional, client_for):
    # given an appointment at 15:00 that nobody recorded
    book(case, professional)
    client = client_for(professional)
    # then before its end it is simply today's, and after its end it says "Sin registrar"
    assert "Sin registrar" not in agenda_page(client, at(2026, 5, 6, 15, 30))
    assert "Sin registrar" in agenda_page(client, at(2026, 5, 6, 16, 30))
    # and the next day it is in the overdue view, still "Sin registrar"
    overdue = agenda_page(client, at(2026, 5, 7, 9), vista="vencidos")
    assert "Sin registrar" in overdue and "Oficina OPV, box 2" in overdue
    summary = str(
        appointment_events(feed_events(client, professional, at(2026, 5, 7, 9))[1])[0]["SUMMARY"]
    )
    assert summary.startswith("SIN REGISTRAR")


def test_moving_or_cancelling_updates_the_feed(case, professional, client_for):
    appointment = book(case, professional)
    client = client_for(professional)
    (before,) = appointment_events(feed_events(client, professional, NOW)[1])
    # when Ana moves it to Thursday at 11:00
    with travel(NOW):
        activity_actions.move_appointment(
            appointment=appointment, actor=professional, starts_at=at(2026, 5, 7, 11)
        )
    # then the feed has the same event (same key) at the new time
    (after,) = appointment_events(feed_events(client, professional, NOW)[1])
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("DTSTART") == at(2026, 5, 7, 11)
    # and when she cancels it, it leaves the feed and the agenda
    with travel(NOW):
        activity_actions.cancel_appointment(appointment=appointment, actor=professional)
    assert appointment_events(feed_events(client, professional, NOW)[1]) == []
    assert "Oficina OPV, box 2" not in agenda_page(client, NOW, vista="semana")


def test_the_feed_address_and_links_use_the_host_the_user_browses_on(
    case, professional, client_for
):
    book(case, professional)
    client = client_for(professional)
    activity_actions.rotate_calendar_token(user=professional, actor=professional)
    page = client.get(reverse("team:calendar_settings"), HTTP_HOST="equipo.quillota.cl")
    assert "http://equipo.quillota.cl/equipo/agenda/calendario/" in page.content.decode()
    _, events = feed_events(client, professional, NOW, host="equipo.quillota.cl")
    assert str(appointment_events(events)[0]["URL"]).startswith("http://equipo.quillota.cl/")


def post_booking(client, case, moment, **data):
    fields = {
        "date": "2026-05-06",
        "time": "15:00",
        "duration_minutes": "60",
        "kind": ActivityKind.INDIVIDUAL,
        "place": "Oficina OPV, box 2",
        "with_whom": "",
        **data,
    }
    with travel(moment):
        return client.post(reverse("team:appointment_create", args=[case.pk]), fields)


def test_booking_in_the_past_is_refused_beside_the_field_and_keeps_the_input(
    case, professional, client_for
):
    client = client_for(professional)
    # when Ana books yesterday, then today at an hour already gone
    yesterday = post_booking(client, case, NOW, date="2026-05-05", place="Sede vecinal")
    earlier = post_booking(client, case, NOW, time="08:00", place="Sede vecinal")
    # then both are refused in Spanish beside the field, with what she typed kept
    assert yesterday.status_code == earlier.status_code == 200
    assert yesterday.context["form"].errors["date"] == [
        "La fecha ya pasó: una cita se agenda desde hoy en adelante."
    ]
    assert "ya pasó" in earlier.context["form"].errors["time"][0]
    assert 'value="Sede vecinal"' in yesterday.content.decode()
    assert not Appointment.objects.exists()


def test_an_overlap_needs_an_explicit_confirmation(
    opv, case, professional, coordinator, client_for
):
    # given Ana already sees this person at 15:00, and has another case at 17:00
    book(case, professional)
    other = open_case(program=opv, actor=coordinator, professionals=[professional])
    book(other, professional, when=at(2026, 5, 6, 17))
    client = client_for(professional)
    # when she books the same person at 15:30, and another appointment of hers at 17:30
    same_person = post_booking(client, case, NOW, time="15:30")
    same_professional = post_booking(client, case, NOW, time="17:30")
    # then both are refused beside the time, saying with what they overlap
    for response in (same_person, same_professional):
        assert response.status_code == 200
        error = response.context["form"].errors["time"][0]
        assert error.startswith("Se superpone con otra cita")
        assert "Agendar aunque se superponga" in error
    assert Appointment.objects.count() == 2
    # and with the confirmation ticked it is booked
    confirmed = post_booking(client, case, NOW, time="15:30", confirm_overlap="on")
    assert confirmed.status_code == 302
    assert Appointment.objects.count() == 3
    # while one at 18:00, right after her 17:00 one, needs no confirmation
    assert post_booking(client, case, NOW, time="18:00").status_code == 302


def test_a_workshop_session_is_an_appointment_for_each_member(opv, case, professional, coordinator):
    # given a generation of two open cases and a workshop series
    second = open_case(
        program=opv, actor=coordinator, professionals=[professional], cohort=case.cohort
    )
    series = activity_actions.create_workshop_series(
        cohort=case.cohort,
        actor=professional,
        title="Habilidades sociales",
        ambit=Ambit.PSYCHOSOCIAL,
    )
    # when a session is scheduled
    with travel(NOW):
        session = activity_actions.schedule_workshop_session(
            series=series, actor=professional, starts_at=at(2026, 5, 6, 10), topic="Encuadre"
        )
    # then each member has an appointment at that time
    appointments = Appointment.objects.filter(workshop_session=session)
    assert {a.case_id for a in appointments} == {case.pk, second.pk}
    assert {a.kind for a in appointments} == {ActivityKind.WORKSHOP}
    # and is on the agenda until the attendance is taken, which records every member's
    with travel(at(2026, 5, 6, 12)):
        assert len(workshop_items(case, second)) == 2
        activity_actions.take_workshop_attendance(
            session=session,
            actor=professional,
            marks={case.pk: (Attendance.ATTENDED, ""), second.pk: (Attendance.ATTENDED, "")},
        )
        assert workshop_items(case, second) == []


def workshop_items(*cases):
    ids = [c.pk for c in cases]
    items = appointment_items(Case.objects.filter(pk__in=ids), datetime.date(2026, 5, 6))
    return [i for i in items if "Taller grupal" in i.title]


def test_only_the_case_team_books_on_a_case(
    case, lae_professional, other_professional, editor, client_for
):
    url = reverse("team:appointment_create", args=[case.pk])
    assert client_for(lae_professional).get(url).status_code == 404  # another program
    assert client_for(other_professional).get(url).status_code in (403, 404)  # not assigned
    assert client_for(editor).get(url).status_code == 403


def test_nobody_else_moves_an_appointment(case, professional, other_professional, client_for):
    appointment = book(case, professional)
    response = client_for(other_professional).post(
        appointment.get_absolute_url(), {"cancelar": "1"}
    )
    assert response.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        activity_actions.cancel_appointment(appointment=appointment, actor=other_professional)
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None


def test_the_appointments_page_has_bounded_queries(
    case, professional, client_for, django_assert_max_num_queries
):
    # given a case with five appointments booked
    for hour in range(10, 15):
        book(case, professional, when=at(2026, 5, 7, hour))
    client = client_for(professional)
    # then its page lists them in a fixed number of queries
    with travel(NOW), django_assert_max_num_queries(20):
        response = client.get(reverse("team:appointment_create", args=[case.pk]))
    assert response.content.decode().count("Cambiar o cancelar") == 5
