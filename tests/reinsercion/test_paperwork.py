"""The letterhead is a site setting the administration edits; the PDF fonts are checked."""

from django.core import checks
from django.urls import reverse

from wagtail.models import Site

from reinsercion.paperwork import check_pdf_fonts, current_letterhead


def letterhead_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["reinsercion", "letterhead", site.pk])


def test_the_administration_edits_the_letterhead_and_pdfs_use_it(admin_user, client_for):
    # given
    client = client_for(admin_user)
    url = letterhead_url()
    assert client.get(url).status_code == 200
    # when
    response = client.post(
        url,
        {
            "institution": "I. Municipalidad de La Calera",
            "unit": "DIDECO",
            "address": "Calle de prueba 1",
            "phone": "",
            "representative_name": "Nombre Apellido",
            "representative_title": "Alcalde",
            "classification": "Documento reservado",
        },
    )
    # then
    assert response.status_code == 302
    head = current_letterhead()
    assert head.institution == "I. Municipalidad de La Calera"
    assert head.representative_title == "Alcalde"


def test_a_web_editor_cannot_edit_the_letterhead(editor, client_for):
    # when
    client = client_for(editor)
    page = client.get(letterhead_url())
    client.post(letterhead_url(), {"institution": "Otra", "classification": "Pública"})
    # then
    assert page.status_code in (302, 403)
    assert current_letterhead().institution == "I. Municipalidad de Quillota"


def test_missing_fonts_are_a_system_check_error(settings, tmp_path):
    assert check_pdf_fonts(None) == []
    settings.PDF_FONT_DIR = str(tmp_path)
    errors = check_pdf_fonts(None)
    assert [e.id for e in errors] == ["reinsercion.E001"]
    assert errors[0].level == checks.ERROR
