"""Data-subject rights (Ley 21.719): the request register and its deadline on the agenda, the
access export with every app's data, the anonymisation and its retention rule."""

import datetime
import io
import json
import zipfile

import pytest
from auditlog.models import LogEntry
from dateutil.relativedelta import relativedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contratos import actions as contract_actions
from red import actions as red_actions
from reinsercion.access import AccessRecord
from reinsercion.cases.choices import Outcome
from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.people.models import Person
from reinsercion.privacy import actions
from reinsercion.privacy.models import DataSubjectRequest, Incident, RequestKind
from reinsercion.programs.choices import Role
from reinsercion.results.queries import Dimension, breakdown, cohort_results
from tests.contratos.factories import create_template, sign
from tests.cupos.factories import InterventionProgramFactory, request_slot
from tests.factories import CohortFactory, PersonFactory, UserFactory, member, open_case
from tests.familias.factories import add_member
from tests.red.factories import InstitutionFactory, partner, sent_referral
from tests.reinsercion.activity_helpers import at, record
from tests.reinsercion.assessment_factories import assess, configured_version, plan_with_objectives
from tests.reinsercion.results.test_results import close_with

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2026, 11, 2)


def new_request(case, coordinator, kind=RequestKind.ACCESS, received_on=RECEIVED):
    return actions.register_request(
        case=case, actor=coordinator, kind=kind, received_on=received_on, details="Pide todo."
    )


# The register and the agenda --------------------------------------------------------------


def test_a_request_is_due_30_days_after_receipt_on_the_cases_agenda(case, coordinator):
    data_request = new_request(case, coordinator)
    assert data_request.due_on == datetime.date(2026, 12, 2)
    items = list(agenda_sources()["data_requests"](Case.objects.filter(pk=case.pk), RECEIVED))
    assert [(i.kind, i.due_on, i.case_id) for i in items] == [
        ("data_request", datetime.date(2026, 12, 2), case.pk)
    ]
    assert "Responder la solicitud de acceso" in items[0].title
    # answered: off the agenda
    actions.answer_request(request=data_request, actor=coordinator, answer="Enviado por correo.")
    assert not list(agenda_sources()["data_requests"](Case.objects.filter(pk=case.pk), RECEIVED))


def test_the_coordination_registers_and_answers_through_the_screens(client_for, case, coordinator):
    client = client_for(coordinator)
    response = client.post(
        reverse("team:data_request_create", args=[case.pk]),
        {"kind": RequestKind.RECTIFICATION, "received_on": "2026-11-02", "details": "Su comuna."},
    )
    data_request = DataSubjectRequest.objects.get()
    assert response.url == reverse("team:data_request", args=[data_request.pk])
    page = client.get(response.url).content.decode()
    assert "Plazo de respuesta" in page and "02-12-2026" in page
    listing = client.get(reverse("team:data_requests")).content.decode()
    assert case.person.full_name in listing and "Pendiente" in listing
    client.post(response.url, {"answer": "Comuna corregida en la ficha."})
    data_request.refresh_from_db()
    assert data_request.answered_by == coordinator and data_request.answered_on
    # the rectification itself and the request are in the audit log
    assert LogEntry.objects.get_for_object(data_request).count() == 2


@pytest.mark.parametrize("persona", ["professional", "supervisor"])
def test_only_the_coordination_handles_requests(request, client_for, case, coordinator, persona):
    data_request = new_request(case, coordinator)
    client = client_for(request.getfixturevalue(persona))
    for url in [
        reverse("team:data_requests"),
        reverse("team:data_request", args=[data_request.pk]),
        reverse("team:data_request_export", args=[data_request.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("team:data_request_create", args=[case.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        new_request(case, request.getfixturevalue(persona))


def test_another_programs_coordination_gets_404(client_for, case, coordinator, lae):
    other = member(UserFactory(username="coord_lae"), lae, Role.COORDINATION)
    data_request = new_request(case, coordinator)
    response = client_for(other).get(reverse("team:data_request", args=[data_request.pk]))
    assert response.status_code == 404


def test_the_request_pages_run_bounded_queries(
    client_for, case, coordinator, django_assert_max_num_queries
):
    for _ in range(5):
        new_request(case, coordinator)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        client.get(reverse("team:data_requests"))
    with django_assert_max_num_queries(20):
        client.get(reverse("team:data_request", args=[DataSubjectRequest.objects.first().pk]))


# The access export -----------------------------------------------------------------------


@pytest.fixture
def person_in_every_app(case, coordinator, professional, supervisor, opv):
    """Ana's case with an assessment, a plan, a session, a family member, a signed contract,
    a referral sent (with consent) to a job office that opened it, and a slot requested in
    one of its programs."""
    version = configured_version()
    assess(case, professional, version, peers=2)
    plan_with_objectives(case, professional, version)
    record(case, professional, at(2026, 2, 3))
    add_member(case, professional, first_names="Rosa", last_names="Araya", relationship="mother")
    create_template(opv, coordinator)
    sign(contract_actions.prepare_contract(case=case, actor=professional), professional)
    omil = InstitutionFactory(name="Oficina de Intermediación Laboral", short_name="OMIL")
    referral = sent_referral(case=case, actor=professional, approver=supervisor, institution=omil)
    red_actions.log_access(referral=referral, actor=partner("omil_user", omil))
    training = InterventionProgramFactory(name="Curso de soldadura", institution=omil)
    request_slot(case, professional, training)
    return case.person


def test_the_access_export_holds_everything_about_the_person(
    client_for, case, coordinator, person_in_every_app
):
    data_request = new_request(case, coordinator)
    client = client_for(coordinator)
    client.get(reverse("team:case_detail", args=[case.pk]))
    # when
    response = client.get(reverse("team:data_request_export", args=[data_request.pk]))
    # then: a ZIP with the JSON and the PDF
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["datos.json", "datos.pdf"]
    assert archive.read("datos.pdf").startswith(b"%PDF")
    data = json.loads(archive.read("datos.json"))
    sections = {s["clave"]: s["registros"] for s in data["secciones"]}
    person = case.person
    assert sections["person"][0]["RUT"] == person.rut
    assert len(sections["cases"]) == 1
    assert sections["assessments"] and sections["plans"] and sections["objectives"]
    assert sections["sessions"]
    assert sections["family_members"][0]["Nombres"] == "Rosa"
    assert sections["contracts"][0]["Estado"] == "Firmado"
    assert sections["contract_signers"]
    (referral,) = sections["referrals"]
    assert referral["Institución"] == str(InstitutionFactory._meta.model.objects.get())
    assert referral["Consentimiento de la persona"] == "Sí"
    assert referral["Datos que se comparten"].startswith("Nombre, RUT")
    assert len(sections["referral_accesses"]) == 1
    (slot,) = sections["slot_requests"]
    assert "Curso de soldadura" in slot.values()
    assert any(r["Qué se vio"] == "Resumen del caso" for r in sections["access_log"])
    assert sections["data_requests"][0]["Tipo de solicitud"] == "Acceso"
    # and the export itself is in the access trail, with its purpose
    assert AccessRecord.objects.filter(
        what="Exportación de todos los datos de la persona", purpose__contains="Ley 21.719"
    ).exists()


def export_of(client, data_request):
    response = client.get(reverse("team:data_request_export", args=[data_request.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("datos.json"))
    return data, {s["clave"]: s["registros"] for s in data["secciones"]}


def test_a_programs_coordination_exports_only_its_programs_data(
    client_for, case, coordinator, lae, lae_professional, admin_user
):
    # given: Ana also has an LAE case the OPV coordinator may not see, read by LAE's team
    lae_case = open_case(
        program=lae, actor=lae_professional, person=case.person, professionals=[lae_professional]
    )
    lae_case.offence = "Delito reservado de LAE"
    lae_case.save()
    record(lae_case, lae_professional, at(2026, 2, 3))
    lae_client = client_for(lae_professional)
    lae_client.get(reverse("team:case_detail", args=[lae_case.pk]))
    lae_client.get(reverse("team:person_detail", args=[case.person.pk]))
    data_request = new_request(case, coordinator)
    # when: OPV's coordination answers the access request
    data, sections = export_of(client_for(coordinator), data_request)
    # then: only OPV's case and what hangs from it, and the export says so
    assert "Delito reservado de LAE" not in json.dumps(data, ensure_ascii=False)
    assert [c["Programa"] for c in sections["cases"]] == [str(case.program)]
    assert not sections.get("sessions")
    assert not any(lae_professional.username in json.dumps(r) for r in sections["access_log"])
    assert data["alcance"].startswith("Datos del programa OPV.")
    # and an administrator's export holds both programs
    data, sections = export_of(client_for(admin_user), data_request)
    assert len(sections["cases"]) == 2
    assert "Delito reservado de LAE" in json.dumps(data, ensure_ascii=False)


def test_the_access_export_reads_each_related_row_once(
    client_for, case, coordinator, professional, django_assert_max_num_queries
):
    data_request = new_request(case, coordinator)
    client = client_for(coordinator)

    def add_rows(days):
        for day in days:
            record(case, professional, at(2026, 2, day))
            new_request(case, coordinator)
            client.get(reverse("team:case_detail", args=[case.pk]))

    def export_queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("team:data_request_export", args=[data_request.pk]))
        return len(ctx.captured_queries)

    add_rows([1])
    export_queries()  # warm: the content types and cached counts are read once per process
    few = export_queries()
    # when: twenty more sessions, requests and reads of the case, by the same people
    add_rows(range(2, 22))
    # then
    assert export_queries() == few


# Anonymisation and retention ---------------------------------------------------------------


@pytest.fixture
def closed_generation(opv, coordinator, settings):
    settings.RESULTS_SUPPRESSION_THRESHOLD = 1  # every cell shown, so that each is compared
    cohort = CohortFactory(program=opv, ordinal=1, year=2012)
    opened = datetime.date(2012, 3, 1)
    people = [
        PersonFactory(sex="female", comuna="Quillota", birth_date=datetime.date(1990, 6, 15)),
        PersonFactory(sex="male", comuna="La Calera", birth_date=datetime.date(1980, 2, 20)),
        PersonFactory(sex="male", comuna="Quillota", birth_date=datetime.date(1995, 11, 2)),
    ]
    cases = [
        open_case(program=opv, actor=coordinator, cohort=cohort, opened_on=opened, person=p)
        for p in people
    ]
    for c, outcome in zip(
        cases,
        [Outcome.EFFECTIVE_REINTEGRATION, Outcome.RECIDIVISM, Outcome.EFFECTIVE_REINTEGRATION],
        strict=True,
    ):
        close_with(c, coordinator, outcome, intra_months=5)
    return [Case.objects.get(pk=c.pk) for c in cases]


def public_figures():
    results = cohort_results("OPV", public=True)
    return (
        [(c.year, c.counted, c.effective, c.recidivism) for c in results.cohorts],
        [
            [(row.label, row.count) for row in breakdown("OPV", d).rows]
            for d in (Dimension.SEX, Dimension.AGE_BAND, Dimension.COMUNA)
        ],
    )


def test_anonymising_keeps_the_public_figures(closed_generation, coordinator, opv):
    case = closed_generation[0]
    old_name = case.person.full_name
    case.rit, case.ruc = "O-1234-2012", "1200012345-6"
    case.save()  # audited: the log entry holds both numbers
    before = public_figures()
    data_request = new_request(case, coordinator, kind=RequestKind.ERASURE)
    until = case.closed_on + relativedelta(years=opv.retention_years)
    # when
    person = actions.anonymise(
        request=data_request, actor=coordinator, today=until + datetime.timedelta(days=1)
    )
    # then: no identifying data left
    person = Person.objects.get(pk=person.pk)
    assert person.full_name == f"Persona anonimizada P-{person.pk:06d}"
    assert person.rut.startswith("9") and len(person.rut) == 11
    assert (person.address, person.phone) == ("", "")
    assert person.birth_date.year == 1990 and person.birth_date != datetime.date(1990, 6, 15)
    # nor in the audit log of the person
    for entry in LogEntry.objects.get_for_object(person):
        assert "1990-06-15" not in json.dumps(entry.changes)
    # nor in the case: the court's numbers emptied, its audit entries named after the pseudonym
    case.refresh_from_db()
    assert (case.rit, case.ruc) == ("", "")
    case_entries = LogEntry.objects.get_for_object(case)
    assert case_entries.count() > 1
    for entry in case_entries:
        assert old_name not in entry.object_repr
        assert "O-1234-2012" not in json.dumps(entry.changes)
    assert case_entries.filter(object_repr=f"Persona anonimizada P-{person.pk:06d} · OPV").exists()
    # and the public results are the same
    assert public_figures() == before
    data_request.refresh_from_db()
    assert data_request.answered_on and "P-" in data_request.answer


def test_anonymisation_is_refused_until_the_retention_ends(closed_generation, coordinator, opv):
    case = closed_generation[1]
    name = case.person.full_name
    data_request = new_request(case, coordinator, kind=RequestKind.ERASURE)
    until = case.closed_on + relativedelta(years=opv.retention_years)
    # on the last day of retention: refused, saying until when
    with pytest.raises(ValidationError) as refusal:
        actions.anonymise(request=data_request, actor=coordinator, today=until)
    assert f"hasta el {until:%d-%m-%Y}" in refusal.value.messages[0]
    assert Person.objects.get(pk=case.person_id).full_name == name
    # the day after: done
    actions.anonymise(request=data_request, actor=coordinator, today=until + relativedelta(days=1))
    assert Person.objects.get(pk=case.person_id).full_name != name


def test_an_open_case_refuses_anonymisation(case, coordinator, client_for):
    data_request = new_request(case, coordinator, kind=RequestKind.ERASURE)
    response = client_for(coordinator).post(
        reverse("team:data_request_anonymise", args=[data_request.pk]), follow=True
    )
    assert "está abierto" in response.content.decode()
    assert Person.objects.get(pk=case.person_id).first_names == case.person.first_names


def test_the_retention_rule_is_per_program(closed_generation, coordinator, opv):
    case = closed_generation[2]
    opv.retention_years = 20
    opv.save()
    data_request = new_request(case, coordinator, kind=RequestKind.ERASURE)
    with pytest.raises(ValidationError, match="20 años"):
        actions.anonymise(
            request=data_request,
            actor=coordinator,
            today=case.closed_on + relativedelta(years=10),
        )


def test_family_members_are_anonymised_too(closed_generation, coordinator, opv):
    case = closed_generation[0]
    member = add_member(
        case, coordinator, first_names="Rosa", last_names="Araya", relationship="mother"
    )
    data_request = new_request(case, coordinator, kind=RequestKind.ERASURE)
    actions.anonymise(request=data_request, actor=coordinator, today=datetime.date(2030, 1, 1))
    member.refresh_from_db()
    assert (member.first_names, member.last_names) == ("Familiar", "1")


# The incident register ---------------------------------------------------------------------


def test_administrators_record_an_incident_with_what_the_law_asks(client_for, admin_user):
    client = client_for(admin_user)
    response = client.post(
        reverse("incidentes:add"),
        {
            "detected_at": "2026-11-20 09:30",
            "occurred_at": "",
            "nature": "Notebook con exportación de casos extraviado.",
            "data_affected": "Nombres, RUT y fase de 40 casos.",
            "people_affected": "Beneficiarios del programa OPV.",
            "people_count": "40",
            "consequences": "Exposición de antecedentes penales.",
            "measures": "Cambio de claves; aviso a las personas.",
            "agency_notified_on": "2026-11-21",
            "people_notified_on": "2026-11-22",
            "not_notified_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = Incident.objects.get()
    assert incident.people_count == 40
    assert incident.agency_notified_on == datetime.date(2026, 11, 21)
    listing = client.get(reverse("incidentes:index")).content.decode()
    assert "Notebook con exportación" in listing
    assert LogEntry.objects.get_for_object(incident).exists()


def test_the_team_has_no_incident_register(client_for, coordinator):
    response = client_for(coordinator).get(reverse("incidentes:index"))
    assert response.status_code in (302, 403)
