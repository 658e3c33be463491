"""The documents page in a browser: upload through the form, axe-core finds nothing serious
or critical, and the page fits a 390 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.urls import reverse

from reinsercion.documents.models import DocumentType

from .test_documents import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_a_document_and_the_page_passes_axe_on_a_phone(
    live_server, chromium, screenshots, case, professional, tmp_path
):
    # given
    DocumentType.objects.get_or_create(name="Copia de sentencia")
    sample = tmp_path / "copia-sentencia.pdf"
    sample.write_bytes(pdf_bytes())
    url = live_server.url + reverse("team:case_documents", args=[case.pk])
    problems = []
    for width in (1280, 390):
        page = chromium.new_page(locale="es-CL", viewport={"width": width, "height": 900})
        page.goto(f"{live_server.url}/cuenta/ingresar/")
        page.fill("#id_username", professional.username)
        page.fill("#id_password", "clave-de-prueba-123")
        page.click("main button[type=submit]")
        page.wait_for_url(lambda u: "/cuenta/ingresar/" not in u)
        page.goto(url)
        # when a document is uploaded through the form
        page.select_option("#id_document_type", label="Copia de sentencia")
        page.fill("#id_document_date", "2026-03-02")
        page.fill("#id_description", f"Subido a {width} px")
        page.set_input_files("#id_upload", str(sample))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        # then it is listed, and the page passes axe and fits the window
        assert page.get_by_text(f"Subido a {width} px").count() == 1
        violations = Axe().run(page).response["violations"]
        problems += [
            f"{width}: {v['id']} ({v['impact']})"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{width}: {scroll} px wide")
        page.screenshot(path=screenshots / f"documentos-{width}.png", full_page=True)
        page.close()
    assert not problems, "\n".join(problems)
