"""Transfers: temporary (at most four months) or permanent, approved by supervision; the
receiving team gets the case with its history, the court is informed, the next court report
mentions it."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reinsercion.cases import transfers
from reinsercion.cases.models import Case, TransferKind, TransferStatus
from reinsercion.extensions import agenda_sources
from reinsercion.programs.choices import Role
from reinsercion.reports import actions as report_actions

from ...factories import JudicialProgramFactory, UserFactory, member
from ..activity_helpers import at, record, set_court_data, travel

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def las(db):
    return JudicialProgramFactory(code="LAS", name="Libertad Asistida Simple")


@pytest.fixture
def las_coordinator(las):
    return member(UserFactory(username="coord_las", first_name="Rosa"), las, Role.COORDINATION)


@pytest.fixture
def lae_supervisor(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


def ask(case, actor, to, **data):
    return transfers.request_transfer(
        case=case,
        actor=actor,
        to_program=to,
        **{
            "kind": TransferKind.PERMANENT,
            "reason": "Cambio de domicilio.",
            "starts_on": D(2026, 3, 1),
            **data,
        },
    )


def agenda_kinds(case, today):
    return [
        (i.kind, i.due_on)
        for i in agenda_sources()["transfers"](Case.objects.filter(pk=case.pk), today)
    ]


def test_a_permanent_transfer_moves_the_case_with_its_history(
    lae_case, lae_professional, lae_supervisor, las, las_coordinator, client_for
):
    # given a case with a session on record
    record(lae_case, lae_professional, at(2026, 2, 10))
    transfer = ask(lae_case, lae_professional, las)
    assert agenda_kinds(lae_case, D(2026, 3, 1)) == [("transfer_decision", D(2026, 3, 1))]
    # the professional who asked cannot approve it
    with pytest.raises(PermissionDenied):
        transfers.decide_transfer(transfer=transfer, actor=lae_professional, approve=True)
    # when supervision of the sending team approves it
    with travel(D(2026, 3, 2)):
        transfers.decide_transfer(transfer=transfer, actor=lae_supervisor, approve=True)
    # then the receiving team has the case, with its sessions and phases
    lae_case.refresh_from_db()
    assert lae_case.program == las
    assert not lae_case.professionals.exists()
    receiving = client_for(las_coordinator)
    assert receiving.get(reverse("team:case_detail", args=[lae_case.pk])).status_code == 200
    timeline = receiving.get(reverse("team:case_timeline", args=[lae_case.pk])).content.decode()
    assert "10-02-2026" in timeline
    # and the sending professional no longer sees it
    assert client_for(lae_professional).get(lae_case.get_absolute_url()).status_code == 404
    # the court is to be informed: on the agenda until recorded
    assert ("transfer_court", D(2026, 3, 2)) in agenda_kinds(lae_case, D(2026, 3, 2))
    with travel(D(2026, 3, 3)):
        transfers.record_court_notice(transfer=transfer, actor=las_coordinator, on=D(2026, 3, 3))
    assert agenda_kinds(lae_case, D(2026, 3, 3)) == []


def test_the_next_court_report_mentions_the_transfer(
    lae_case, lae_professional, lae_supervisor, las, las_coordinator
):
    set_court_data(lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5))
    transfer = ask(lae_case, lae_professional, las)
    with travel(D(2026, 3, 2)):
        transfers.decide_transfer(transfer=transfer, actor=lae_supervisor, approve=True)
        transfers.record_court_notice(transfer=transfer, actor=las_coordinator, on=D(2026, 3, 2))
        report = report_actions.start_report(
            case=lae_case, actor=las_coordinator, due_on=D(2026, 4, 5)
        )
    assert report.attendance.startswith(
        "Traslado definitivo de Libertad Asistida Especial a Libertad Asistida Simple desde el "
        "01-03-2026; informado al tribunal el 02-03-2026."
    )


def test_a_temporary_transfer_lasts_at_most_four_months_and_returns(
    lae, lae_case, lae_professional, lae_supervisor, las, las_coordinator
):
    temporary = {"kind": TransferKind.TEMPORARY, "starts_on": D(2026, 3, 1)}
    with pytest.raises(ValidationError) as refused:
        ask(lae_case, lae_professional, las, ends_on=D(2026, 7, 2), **temporary)
    assert "a más tardar el 01-07-2026" in str(refused.value)
    transfer = ask(lae_case, lae_professional, las, ends_on=D(2026, 7, 1), **temporary)
    with travel(D(2026, 3, 2)):
        transfers.decide_transfer(transfer=transfer, actor=lae_supervisor, approve=True)
    assert ("transfer_return", D(2026, 7, 1)) in agenda_kinds(lae_case, D(2026, 6, 20))
    # a second transfer waits for this one to end
    with pytest.raises(ValidationError, match="traslado en curso"):
        ask(lae_case, las_coordinator, lae)
    with travel(D(2026, 7, 1)):
        transfers.end_temporary_transfer(transfer=transfer, actor=las_coordinator, on=D(2026, 7, 1))
    lae_case.refresh_from_db()
    transfer.refresh_from_db()
    assert lae_case.program == lae
    assert transfer.status == TransferStatus.RETURNED


def test_the_transfer_pages(
    lae_case,
    lae_professional,
    lae_supervisor,
    las,
    professional,
    client_for,
    django_assert_max_num_queries,
):
    client = client_for(lae_professional)
    url = reverse("team:transfers", args=[lae_case.pk])
    with travel(D(2026, 3, 1)):
        client.post(
            url,
            {
                "to_program": las.pk,
                "kind": "permanent",
                "starts_on": "2026-03-01",
                "reason": "Se muda a Talca.",
            },
        )
    transfer = lae_case.transfers.get()
    approve = reverse("team:transfer_step", args=[lae_case.pk, transfer.pk, "aprobar"])
    assert client.post(approve).status_code == 403
    supervision = client_for(lae_supervisor)
    with django_assert_max_num_queries(30):
        page = supervision.get(url).content.decode()
    assert "Se muda a Talca." in page and "Aprobar traslado" in page
    assert supervision.post(approve).url == reverse("team:case_list")  # it left their team
    lae_case.refresh_from_db()
    assert lae_case.program == las
    assert client_for(professional).get(url).status_code == 404  # OPV
