import datetime

import pytest
import time_machine

from django.core.exceptions import ValidationError

from familias import actions
from familias.models import SignificantReferent

from .factories import add_member


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"birth_date": datetime.date(2010, 5, 1)}, "menor de edad no puede ser referente"),
        ({"birth_date": None}, "Falta la fecha de nacimiento"),
        ({"is_victim": True}, "la víctima no puede ser referente"),
        ({"is_antisocial_peer": True}, "par con actitudes antisociales"),
        ({"denies_offence": True}, "niega el delito o su daño"),
    ],
    ids=["minor", "no-birth-date", "victim", "antisocial-peer", "denies-offence"],
)
def test_ineligible_person_is_refused_as_referent(case, professional, data, message):
    # given
    member = add_member(case, professional, relationship="sibling", **data)
    # when
    with pytest.raises(ValidationError) as excinfo:
        actions.designate_referent(
            case=case, member=member, actor=professional, reason="Apoya el proceso."
        )
    # then
    assert message in " ".join(excinfo.value.message_dict["member"])
    assert not SignificantReferent.objects.filter(case=case).exists()


def test_refusal_is_shown_next_to_the_field(case, professional, client_for):
    # given
    victim = add_member(case, professional, first_names="Marta", is_victim=True)
    # when
    response = client_for(professional).post(
        f"/equipo/casos/{case.pk}/familia/referente/",
        {"member": victim.pk, "started_on": "2026-02-01", "reason": "La propone el usuario."},
    )
    # then
    assert response.status_code == 200
    assert "Marta Soto Araya es víctima del delito" in response.content.decode()


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_changing_referent_keeps_the_history_with_dates(case, professional, mother):
    # given
    uncle = add_member(case, professional, first_names="Hugo", relationship="uncle_aunt")
    actions.designate_referent(
        case=case,
        member=mother,
        actor=professional,
        reason="Visita semanal.",
        started_on=datetime.date(2026, 2, 1),
    )
    # when
    actions.designate_referent(
        case=case,
        member=uncle,
        actor=professional,
        reason="Ofrece trabajo.",
        started_on=datetime.date(2026, 5, 10),
    )
    # then
    history = list(SignificantReferent.objects.filter(case=case).order_by("started_on"))
    assert [(r.member, r.started_on, r.ended_on) for r in history] == [
        (mother, datetime.date(2026, 2, 1), datetime.date(2026, 5, 10)),
        (uncle, datetime.date(2026, 5, 10), None),
    ]
    assert "Reemplazado/a por Hugo" in history[0].end_reason


def test_referent_who_stops_qualifying_is_ended(case, professional, mother):
    # given
    actions.designate_referent(case=case, member=mother, actor=professional, reason="Apoyo.")
    # when
    _, ended = actions.update_member(member=mother, actor=professional, is_antisocial_peer=True)
    # then
    assert ended is not None and ended.ended_on is not None
    assert "par con actitudes antisociales" in ended.end_reason


def test_referent_page_queries_are_bounded(
    case, professional, client_for, django_assert_max_num_queries
):
    # given
    people = [add_member(case, professional, relationship="uncle_aunt") for _ in range(5)]
    for day, person in enumerate(people, start=1):
        actions.designate_referent(
            case=case,
            member=person,
            actor=professional,
            reason="Apoyo.",
            started_on=datetime.date(2026, 2, day),
        )
    client = client_for(professional)
    # when / then
    with django_assert_max_num_queries(20):
        response = client.get(f"/equipo/casos/{case.pk}/familia/referente/")
    assert response.content.decode().count("Reemplazado/a por") == 4
