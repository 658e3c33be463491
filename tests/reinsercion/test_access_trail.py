"""The access trail (issue 17): every staff read of a case file, its tabs, its PDFs, its
documents and every export is recorded — who, when, what, from which address — and shown in
«Quién ha visto esta ficha»; bulk exports need a stated purpose."""

import pytest

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reinsercion.access import AccessRecord
from reinsercion.documents import actions as document_actions
from reinsercion.documents.models import DocumentType
from tests.factories import open_case
from tests.reinsercion.assessment_factories import (
    assess,
    configured_version,
    plan_with_objectives,
)
from tests.responses import close_response

pytestmark = pytest.mark.django_db


def walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def case_routes():
    """Every /equipo/ route that takes only the case: the case file and each app's tab."""
    for route, namespace, pattern in walk(get_resolver()):
        if route.startswith("equipo/") and sorted(pattern.pattern.converters) == ["case_pk"]:
            yield f"{namespace}:{pattern.name}"


def test_every_case_page_that_answers_is_recorded_once(client_for, case, coordinator):
    # given: the coordinator, who reads every page of the case
    client = client_for(coordinator)
    shown = []
    for name in sorted(case_routes()):
        before = AccessRecord.objects.count()
        # when
        response = client.get(reverse(name, args=[case.pk]), REMOTE_ADDR="10.1.2.3")
        # then: a page that answers leaves one row for this case; a refusal or redirect none
        added = AccessRecord.objects.count() - before
        if response.status_code == 200:
            shown.append(name)
            assert added == 1, name
            record = AccessRecord.objects.first()
            assert (record.user, record.case, record.person) == (
                coordinator,
                case,
                case.person,
            ), name
            assert record.ip_address == "10.1.2.3"
            assert record.what
        else:
            assert added == 0, name
    # the case file and tabs of every app are among the pages read
    assert {
        "team:case_detail",
        "team:case_history",
        "team:case_readers",
        "team:case_documents",
        "team:assessment_list",
        "team:plan_list",
        "team:case_timeline",
        "familias:family",
        "red:case_referrals",
        "contratos:list",
    } <= set(shown)


def test_a_posted_change_is_not_a_read(client_for, case, coordinator):
    client_for(coordinator).post(reverse("team:case_update", args=[case.pk]), {})
    assert not AccessRecord.objects.exists()


def test_the_tab_label_names_what_was_read(client_for, case, coordinator):
    client = client_for(coordinator)
    client.get(reverse("team:case_detail", args=[case.pk]))
    client.get(reverse("team:case_documents", args=[case.pk]))
    assert list(AccessRecord.objects.values_list("what", flat=True)) == [
        "Documentos",
        "Resumen del caso",
    ]


def test_a_plan_pdf_and_a_document_download_are_recorded(client_for, case, professional):
    # given: a plan and a document on Ana's case
    version = configured_version()
    assess(case, professional, version, peers=2)
    plan = plan_with_objectives(case, professional, version)
    document_type = DocumentType.objects.get_or_create(name="Copia de sentencia")[0]
    document = document_actions.attach_document(
        case=case,
        actor=professional,
        document_type=document_type,
        document_date=case.opened_on,
        upload=SimpleUploadedFile("sentencia.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client = client_for(professional)
    # when
    pdf = client.get(reverse("team:plan_pdf", args=[case.pk, plan.pk]))
    download = client.get(document.get_absolute_url())
    close_response(download)
    # then
    assert pdf.status_code == 200 and download.status_code == 200
    assert list(AccessRecord.objects.values_list("what", "case", "user")) == [
        (f"Documento: {document}", case.pk, professional.pk),
        ("Plan de intervención (PDF)", case.pk, professional.pk),
    ]


def test_the_person_file_is_recorded(client_for, case, professional):
    client_for(professional).get(reverse("team:person_detail", args=[case.person.pk]))
    record = AccessRecord.objects.get()
    assert (record.person, record.case, record.what) == (case.person, None, "Ficha de la persona")


def test_a_refused_read_is_not_recorded_as_a_read(client_for, case, other_professional):
    response = client_for(other_professional).get(reverse("team:case_detail", args=[case.pk]))
    assert response.status_code == 404
    assert not AccessRecord.objects.exists()


def test_a_read_costs_one_insert(client_for, case, coordinator):
    client = client_for(coordinator)
    url = reverse("team:case_detail", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len([q for q in inserts if "reinsercion_accessrecord" in q]) == 1
    # and nothing else follows the record (Wagtail's reference index skips it)
    assert not [q for q in queries if "referenceindex" in q["sql"]]


def test_the_trusted_proxy_header_gives_the_address(client_for, case, coordinator, settings):
    settings.ACCESS_LOG_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client_for(coordinator).get(
        reverse("team:case_detail", args=[case.pk]),
        HTTP_X_FORWARDED_FOR="200.1.2.3, 10.0.0.1",
        REMOTE_ADDR="10.0.0.1",
    )
    assert AccessRecord.objects.get().ip_address == "200.1.2.3"


def test_without_the_setting_a_forged_header_is_ignored(client_for, case, coordinator):
    client_for(coordinator).get(
        reverse("team:case_detail", args=[case.pk]),
        HTTP_X_FORWARDED_FOR="1.1.1.1",
        REMOTE_ADDR="10.0.0.9",
    )
    assert AccessRecord.objects.get().ip_address == "10.0.0.9"


def test_the_trail_is_append_only(client_for, case, coordinator):
    client_for(coordinator).get(reverse("team:case_detail", args=[case.pk]))
    record = AccessRecord.objects.get()
    record.what = "nada"
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.update(what="nada")
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AccessRecord._base_manager.filter(pk=record.pk).update(what="nada")
    assert AccessRecord.objects.get().what == "Resumen del caso"


# «Quién ha visto esta ficha» --------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "supervisor"])
def test_coordination_and_supervision_see_who_read_the_file(
    request, client_for, case, professional, persona
):
    # given: Ana read the case
    client_for(professional).get(reverse("team:case_detail", args=[case.pk]))
    # when
    client = client_for(request.getfixturevalue(persona))
    detail = client.get(reverse("team:case_detail", args=[case.pk])).content.decode()
    page = client.get(reverse("team:case_readers", args=[case.pk]))
    # then
    assert "Quién ha visto esta ficha" in detail
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ana" in html and "Resumen del caso" in html and "127.0.0.1" in html


def test_a_professional_may_not_see_who_read_the_file(client_for, case, professional):
    client = client_for(professional)
    detail = client.get(reverse("team:case_detail", args=[case.pk])).content.decode()
    response = client.get(reverse("team:case_readers", args=[case.pk]))
    assert "Quién ha visto esta ficha" not in detail
    assert response.status_code == 403
    # the refusal is no read
    assert AccessRecord.objects.count() == 1


def test_another_programs_coordination_gets_404(client_for, case, lae, lae_professional):
    response = client_for(lae_professional).get(reverse("team:case_readers", args=[case.pk]))
    assert response.status_code == 404


def test_who_read_the_file_is_paginated_with_bounded_queries(
    client_for, case, coordinator, professional, django_assert_max_num_queries
):
    client = client_for(professional)
    for _ in range(60):
        client.get(reverse("team:case_detail", args=[case.pk]))
    client = client_for(coordinator)
    url = reverse("team:case_readers", args=[case.pk])
    with django_assert_max_num_queries(16):
        first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Página 1 de 2" in first
    assert "Página 2 de 2" in second
    # the other case's reads are not shown
    other = open_case(program=case.program, actor=coordinator)
    client.get(reverse("team:case_detail", args=[other.pk]))
    assert client.get(url).content.decode().count("<tr>") == 51


# Bulk exports need a purpose ---------------------------------------------------------------


def test_the_caseload_export_asks_for_a_purpose_first(client_for, case, coordinator):
    client = client_for(coordinator)
    # when: no purpose
    ask = client.get(reverse("team:case_list"), {"_export": "csv", "q": "Rosa"})
    # then: the form, keeping the filter, and no file and no record
    assert ask.status_code == 200
    assert ask["Content-Type"].startswith("text/html")
    html = ask.content.decode()
    assert "Finalidad de la exportación" in html
    assert 'name="q" value="Rosa"' in html
    assert not AccessRecord.objects.exists()


def test_an_empty_purpose_is_refused(client_for, case, coordinator):
    response = client_for(coordinator).get(
        reverse("team:case_list"), {"_export": "xlsx", "finalidad": "  "}
    )
    assert response.status_code == 400
    assert "Indique la finalidad de la exportación." in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_the_export_is_recorded_with_its_purpose(client_for, case, coordinator):
    response = client_for(coordinator).get(
        reverse("team:case_list"), {"_export": "csv", "finalidad": "Informe mensual a la Seremi"}
    )
    assert response["Content-Type"].startswith("text/csv")
    record = AccessRecord.objects.get()
    assert record.purpose == "Informe mensual a la Seremi"
    assert record.what == "Exportación de casos (CSV)"
    assert record.case is None and record.user == coordinator


def test_an_indicator_export_needs_a_purpose_too(client_for, opv, director):
    client = client_for(director)
    url = reverse("team:program_indicators_export", args=[opv.code, "indicadores"])
    ask = client.get(url, {"formato": "csv"})
    assert "Finalidad de la exportación" in ask.content.decode()
    assert not AccessRecord.objects.exists()
    done = client.get(url, {"formato": "csv", "finalidad": "Reunión de equipo"})
    assert done["Content-Type"].startswith("text/csv")
    record = AccessRecord.objects.get()
    assert record.purpose == "Reunión de equipo"
    assert record.what.startswith(f"Exportación de indicadores {opv.code}")


def test_the_management_report_pdf_is_recorded(client_for, opv, director):
    client_for(director).get(reverse("team:program_indicators_pdf", args=[opv.code]))
    assert AccessRecord.objects.get().what == f"Informe de gestión {opv.code} (PDF)"


# Administrators search the trail -----------------------------------------------------------


def test_administrators_search_the_trail_in_the_admin(client_for, case, professional, admin_user):
    client_for(professional).get(reverse("team:case_detail", args=[case.pk]))
    client = client_for(admin_user)
    index = reverse("registro-de-accesos:index")
    found = client.get(index, {"q": case.person.last_names.split()[0]})
    assert found.status_code == 200
    assert "Resumen del caso" in found.content.decode()
    missing = client.get(index, {"q": "nadie-con-este-nombre"})
    assert "Resumen del caso" not in missing.content.decode()
    # read-only, even for a superuser
    record = AccessRecord.objects.get()
    assert client.get(reverse("registro-de-accesos:add")).status_code in (302, 403)
    assert client.get(reverse("registro-de-accesos:edit", args=[record.pk])).status_code in (
        302,
        403,
    )


def test_a_team_member_has_no_admin_trail(client_for, coordinator):
    response = client_for(coordinator).get(reverse("registro-de-accesos:index"))
    assert response.status_code in (302, 403)
