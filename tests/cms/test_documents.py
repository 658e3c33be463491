"""Wagtail documents accept only the types editors need (issue 17: any extension was
accepted, HTML included)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

pytestmark = pytest.mark.django_db


def upload(user, name, content=b"%PDF-1.4\n"):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": name}, files={"file": SimpleUploadedFile(name, content)}, user=user
    )


@pytest.mark.parametrize("name", ["pagina.html", "logo.svg", "script.js", "programa.exe"])
def test_a_document_of_another_type_is_refused(admin_user, name):
    form = upload(admin_user, name)
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.parametrize("name", ["informe.pdf", "bases.docx", "nomina.xlsx", "datos.csv"])
def test_the_types_editors_need_are_accepted(admin_user, name):
    assert upload(admin_user, name).is_valid()
