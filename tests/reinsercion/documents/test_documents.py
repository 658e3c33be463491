"""Documents on the case file: each allowed type, the refusals, private storage only."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from PIL import Image, PngImagePlugin
from reportlab.pdfgen import canvas

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reinsercion.documents import actions
from reinsercion.documents.models import CaseDocument, DocumentType
from reinsercion.reports import actions as report_actions
from tests.reinsercion.activity_helpers import at, record

TODAY = datetime.date(2026, 3, 2)


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Copia de sentencia")
    page.save()
    return out.getvalue()


def image_bytes(image_format: str, *, secret: str = "") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    if image_format == "PNG" and secret:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", secret)
        image.save(out, format="PNG", pnginfo=info)
    else:
        image.save(out, format=image_format)
    return out.getvalue()


def zipped(parts) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts:
            z.writestr(name, content)
    return out.getvalue()


def office(kind: str) -> bytes:
    if kind == "docx":
        return zipped([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")])
    if kind == "xlsx":
        return zipped([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<w/>")])
    mimetype = {"odt": "text", "ods": "spreadsheet"}[kind]
    return zipped(
        [("mimetype", f"application/vnd.oasis.opendocument.{mimetype}"), ("content.xml", "<x/>")]
    )


SAMPLES = {
    "pdf": (pdf_bytes, "application/pdf"),
    "jpg": (lambda: image_bytes("JPEG"), "image/jpeg"),
    "png": (lambda: image_bytes("PNG"), "image/png"),
    "docx": (
        lambda: office("docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        lambda: office("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "odt": (lambda: office("odt"), "application/vnd.oasis.opendocument.text"),
    "ods": (lambda: office("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
}


@pytest.fixture
def sentence_copy(db):
    return DocumentType.objects.get_or_create(name="Copia de sentencia")[0]


def attach(case, actor, document_type, name, content, **kwargs):
    return actions.attach_document(
        case=case,
        actor=actor,
        document_type=document_type,
        document_date=kwargs.pop("document_date", TODAY),
        upload=SimpleUploadedFile(name, content),
        **kwargs,
    )


@pytest.mark.parametrize("extension", SAMPLES)
def test_each_allowed_type_is_stored_and_downloaded_by_the_team(
    extension, case, professional, sentence_copy, client_for
):
    # given
    make, content_type = SAMPLES[extension]
    # when
    document = attach(case, professional, sentence_copy, f"archivo.{extension}", make())
    response = client_for(professional).get(document.get_absolute_url())
    # then
    assert document.content_type == content_type
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert f'filename="archivo.{extension}"' in response["Content-Disposition"]
    with document.file.open("rb") as f:
        assert b"".join(response.streaming_content) == f.read()


def test_an_image_is_re_encoded_without_what_was_hidden_in_it(case, professional, sentence_copy):
    # when
    document = attach(
        case, professional, sentence_copy, "cedula.png", image_bytes("PNG", secret="oculto")
    )
    # then
    with document.file.open("rb") as f:
        stored = f.read()
    assert b"oculto" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("programa.exe", b"MZ\x90\x00" + b"\x00" * 200, "no está permitido"),
        ("sentencia.pdf", b"MZ\x90\x00" + b"\x00" * 200, "no corresponde"),
        ("sentencia.pdf", image_bytes("PNG"), "no corresponde"),
        ("foto.jpg", pdf_bytes(), "no corresponde"),
        ("informe.docx", zipped([("a.txt", "x")]), "no corresponde"),
        ("vacio.pdf", b"", "vacío"),
    ],
    ids=["wrong-type", "disguised-exe", "disguised-png", "pdf-as-jpg", "zip-as-docx", "empty"],
)
def test_a_wrong_disguised_or_empty_file_is_refused(
    name, content, message, case, professional, sentence_copy
):
    with pytest.raises(ValidationError) as excinfo:
        attach(case, professional, sentence_copy, name, content)
    assert message in " ".join(excinfo.value.messages)
    assert not CaseDocument.objects.exists()


def test_an_oversize_file_is_refused(settings, case, professional, sentence_copy):
    settings.DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        attach(case, professional, sentence_copy, "s.pdf", pdf_bytes() + b"%" * 2048)
    assert "el máximo es 1,0" in " ".join(excinfo.value.messages)
    assert not CaseDocument.objects.exists()


def test_a_refused_file_keeps_the_rest_of_the_form(case, professional, sentence_copy, client_for):
    # when
    response = client_for(professional).post(
        reverse("team:case_documents", args=[case.pk]),
        {
            "document_type": sentence_copy.pk,
            "document_date": "2026-03-02",
            "description": "Oficio del juzgado de Quillota",
            "upload": SimpleUploadedFile("oficio.pdf", image_bytes("PNG")),
        },
    )
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "El contenido del archivo no corresponde a un «.pdf»" in page
    assert 'value="Oficio del juzgado de Quillota"' in page
    assert not CaseDocument.objects.exists()


def test_no_stored_file_has_a_public_url(
    settings, case, professional, sentence_copy, client, client_for
):
    # given
    document = attach(case, professional, sentence_copy, "sentencia.pdf", pdf_bytes())
    # then the private storage is outside every served folder, its would-be URL serves nothing
    private = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    for served in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not private.is_relative_to(Path(served).resolve())
    assert client.get(document.file.url).status_code == 404
    # and the page links only to the permission-checked view
    page = client_for(professional).get(reverse("team:case_documents", args=[case.pk]))
    html = page.content.decode()
    assert document.get_absolute_url() in html
    assert document.file.name not in html


def test_only_the_case_team_gets_the_file(
    case, professional, other_professional, editor, sentence_copy, client_for
):
    document = attach(case, professional, sentence_copy, "sentencia.pdf", pdf_bytes())
    url = document.get_absolute_url()
    assert client_for(other_professional).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 403
    page = reverse("team:case_documents", args=[case.pk])
    assert client_for(other_professional).get(page).status_code == 404
    assert client_for(editor).get(page).status_code == 403


def test_an_attached_document_is_audited_with_its_uploader(case, professional, sentence_copy):
    document = attach(case, professional, sentence_copy, "sentencia.pdf", pdf_bytes())
    entry = LogEntry.objects.get_for_object(document).get()
    assert entry.actor == professional
    assert document.recorded_by == professional


def test_the_documents_page_runs_a_bounded_number_of_queries(
    case, professional, sentence_copy, client_for, django_assert_max_num_queries
):
    for n in range(5):
        attach(case, professional, sentence_copy, f"s{n}.pdf", pdf_bytes())
    client = client_for(professional)
    url = reverse("team:case_documents", args=[case.pk])
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.content.decode().count("Descargar") == 5


def test_the_administration_keeps_the_list_of_document_types(admin_user, editor, client_for):
    # when the administration adds a type in the Wagtail admin
    url = reverse("tipos-de-documento:add")
    response = client_for(admin_user).post(
        url, {"name": "Certificado de antecedentes", "is_active": "on", "sort_order": 9}
    )
    # then it is offered in the upload form; a web editor cannot reach the list
    assert response.status_code == 302
    assert DocumentType.objects.filter(name="Certificado de antecedentes").exists()
    assert client_for(editor).get(url).status_code in (302, 403)


def test_the_sweep_of_orphan_private_files_keeps_the_case_documents(
    case, professional, sentence_copy, tmp_path, monkeypatch
):
    # given a document on the case, in this test's own private storage
    storage = storages["private"]
    root = str(tmp_path / "private")
    monkeypatch.setitem(storage.__dict__, "base_location", root)
    monkeypatch.setitem(storage.__dict__, "location", root)
    document = attach(case, professional, sentence_copy, "sentencia.pdf", pdf_bytes())
    # when the hourly sweep of orphan files runs
    call_command("sweep_private_files", older_than=0)
    # then the document's file is still there
    assert storage.exists(document.file.name)


def test_a_document_is_attached_to_a_session_and_a_report_of_the_case(
    lae_case, lae_professional, case, professional, sentence_copy, client_for
):
    # given: a session and a court follow-up report of the LAE case
    session = record(lae_case, lae_professional, at(2026, 2, 10))
    report = report_actions.start_report(
        case=lae_case, actor=lae_professional, due_on=datetime.date(2026, 3, 5)
    )
    client = client_for(lae_professional)
    url = reverse("team:case_documents", args=[lae_case.pk])
    form = client.get(url).content.decode()
    assert "Sesión (opcional)" in form and str(session) in form
    # when: the professional attaches the certificate to both
    client.post(
        url,
        {
            "document_type": sentence_copy.pk,
            "document_date": "2026-02-10",
            "description": "Certificado de asistencia",
            "session": session.pk,
            "report": report.pk,
            "upload": SimpleUploadedFile("certificado.pdf", pdf_bytes()),
        },
    )
    # then: the list says what it belongs to, and the report shows it
    document = CaseDocument.objects.get()
    assert (document.session, document.report) == (session, report)
    page = client.get(url).content.decode()
    assert f"Sesión: {session}" in page
    assert f"Informe: {report}" in page
    report_page = client.get(report.get_absolute_url()).content.decode()
    assert "Documentos adjuntos" in report_page
    assert document.get_absolute_url() in report_page
    # and a session of another case is refused
    other = record(case, professional, at(2026, 2, 11))
    with pytest.raises(ValidationError) as refused:
        attach(lae_case, lae_professional, sentence_copy, "x.pdf", pdf_bytes(), session=other)
    assert refused.value.message_dict["session"] == ["La sesión no es de este caso."]
