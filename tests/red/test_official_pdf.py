"""The referral form (annex D) on the letterhead; a draft carries the watermark."""

from red.pdf import referral_pdf
from tests.paperwork import fonts, pages_text, save_example, watermarked_pages

from .factories import draft_referral


def test_a_sent_referral_prints_on_the_letterhead(referral_a):
    # when
    content = referral_pdf(referral_a)
    save_example("derivacion-anexo-d.pdf", content)
    pages = pages_text(content)
    # then
    for n, page in enumerate(pages, start=1):
        assert "I. Municipalidad de Quillota" in page
        assert "Oportunidades para la Vida" in page
        assert f"Formulario de derivación (anexo D) N° {referral_a.number}" in page
        assert f"Página {n} de {len(pages)}" in page and "DOCUMENTO RESERVADO" in page
    assert "BORRADOR" not in " ".join(pages)
    assert not any(watermarked_pages(content))
    used = fonts(content)
    assert used and all(used.values()), used


def test_a_draft_referral_carries_the_watermark(case, professional, institution_a):
    # given
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    # when
    content = referral_pdf(referral)
    # then every page carries «BORRADOR» across it
    assert all(watermarked_pages(content))
