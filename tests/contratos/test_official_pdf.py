"""The signed contract is official paperwork: letterhead, four kinds of signature block,
embedded fonts; the victim signs only with an explicit, recorded reason."""

import datetime
import io

import pytest
import wagtail_factories
from PIL import Image
from pypdf import PdfReader

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Site

from contratos import actions
from reinsercion.paperwork import LOGO_BOX, Letterhead
from tests.familias.factories import add_member
from tests.paperwork import fonts, pages_text, save_example

from .factories import sign


@pytest.fixture
def letterhead(db):
    site = Site.objects.get(is_default_site=True)
    head = Letterhead.for_site(site)
    head.institution = "I. Municipalidad de Quillota"
    head.unit = "Dirección de Desarrollo Comunitario"
    head.address = "Maipú 330, Quillota"
    head.representative_name = "María Angélica Núñez Ibáñez"
    head.representative_title = "Alcaldesa"
    head.logo = wagtail_factories.ImageFactory(title="Escudo municipal")
    head.save()
    return head


def logo_size(letterhead) -> tuple[int, int]:
    with letterhead.logo.file.open("rb") as f, Image.open(f) as image:
        image.thumbnail(LOGO_BOX)
        return image.size


@pytest.fixture
def victim(case, professional):
    return add_member(
        case,
        professional,
        first_names="Lucía",
        last_names="Araya Soto",
        relationship="partner",
        sex="female",
        birth_date=datetime.date(1991, 3, 2),
        is_victim=True,
    )


def test_the_signed_contract_has_the_letterhead_and_every_signature_block(
    case, draft, professional, mother, letterhead
):
    # when
    contract = sign(draft, professional)
    with contract.pdf.open("rb") as f:
        content = f.read()
    save_example("contrato-social-firmado.pdf", content)
    pages = pages_text(content)
    text = " ".join(pages)
    # then the letterhead, program, document and number are on every page
    for n, page in enumerate(pages, start=1):
        assert "I. Municipalidad de Quillota" in page and "Maipú 330, Quillota" in page
        assert "Oportunidades para la Vida" in page
        assert f"Contrato social N° {case.pk}-{contract.number}" in page
        assert f"Página {n} de {len(pages)}" in page and "DOCUMENTO RESERVADO" in page
    # the logo is printed on every page
    size = logo_size(letterhead)
    for page in PdfReader(io.BytesIO(content)).pages:
        assert size in [image.image.size for image in page.images]
    # and the four kinds of signature block
    assert f"BENEFICIARIO/A {case.person.full_name}" in text
    assert f"FAMILIAR (MADRE) {mother.full_name}" in text
    assert "María Angélica Núñez Ibáñez Alcaldesa · firma y timbre" in text
    staff = professional.get_full_name() or professional.username
    assert f"MINISTRO/A DE FE {staff}" in text
    # a signed contract is no draft, and its fonts are embedded
    assert "BORRADOR" not in text
    used = fonts(content)
    assert used and all(used.values()), used


def test_choosing_the_victim_as_cosigner_needs_a_reason(case, professional, template, victim):
    # when no reason is given
    with pytest.raises(ValidationError) as excinfo:
        actions.prepare_contract(case=case, actor=professional, family_member_ids=[victim.pk])
    # then the contract is refused
    assert "víctima del delito" in str(excinfo.value)
    # when the team confirms with a reason
    contract = actions.prepare_contract(
        case=case,
        actor=professional,
        family_member_ids=[victim.pk],
        victim_reason="Es la madre de sus hijos y la familia decidió que firme; sin contacto "
        "prohibido por el tribunal.",
    )
    # then the reason is kept and printed on the signed contract
    signed = sign(contract, professional)
    with signed.pdf.open("rb") as f:
        text = " ".join(pages_text(f.read()))
    assert "víctima del delito" in text and "la familia decidió que firme" in text


def test_the_prepare_form_asks_to_confirm_the_victim(
    case, professional, template, victim, client_for
):
    # given
    client = client_for(professional)
    url = reverse("contratos:prepare", args=[case.pk])
    page = client.get(url).content.decode()
    assert "víctima del delito" in page
    # when the victim is chosen without confirmation
    response = client.post(url, {"family_member_ids": [victim.pk]})
    # then the form comes back with the choice kept and the errors in Spanish
    assert response.status_code == 200
    content = response.content.decode()
    assert "confirme expresamente que firmará el contrato" in content
    assert "Indique el motivo para que firme la víctima." in content
    assert not case.social_contracts.exists()
    # when confirmed with a reason
    response = client.post(
        url,
        {
            "family_member_ids": [victim.pk],
            "victim_confirmed": "on",
            "victim_reason": "Decisión del equipo con la familia.",
        },
    )
    # then the draft is prepared with the reason
    assert response.status_code == 302
    assert case.social_contracts.get().victim_cosigner_reason == (
        "Decisión del equipo con la familia."
    )
