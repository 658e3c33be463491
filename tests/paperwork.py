"""Reading the PDFs the platform prints: their text, their fonts, and example copies."""

import io
import os
from pathlib import Path

from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "pdf"

# Names from Chile, Haiti, Peru and Venezuela with every diacritic they use.
WORLD_NAMES = {
    "first_names": "Jean-Baptiste Noël",
    "last_names": "Désir Ñancupil Güemes",
}


def pages_text(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pages_text(content))


def fonts(content: bytes) -> dict[str, bool]:
    """Every font the PDF uses → whether its program is embedded in the file."""
    reader = PdfReader(io.BytesIO(content))
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def save_example(name: str, content: bytes) -> None:
    """With PDF_EXAMPLES set (``make pdf-examples``), keep a copy in artifacts/pdf/ (pointed to
    from the README) to look at page by page."""
    if not os.environ.get("PDF_EXAMPLES"):
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(content)


def watermarked_pages(content: bytes, word: str = "BORRADOR") -> list[bool]:
    """For each page, whether ``word`` is drawn across it in large type (the watermark,
    not the word in the footer or the body)."""
    reader = PdfReader(io.BytesIO(content))
    result = []
    for page in reader.pages:
        found = []

        def visit(text, cm, tm, font_dict, font_size, found=found):
            if word in text and font_size * abs(tm[0] or tm[1] or 1) >= 48:
                found.append(text)

        page.extract_text(visitor_text=visit)
        result.append(bool(found))
    return result


def assert_on_the_letterhead(content: bytes, name: str, program: str) -> None:
    """Every page carries the municipality, the program, the document's name and number,
    the page "n de N" and the classification; every font is embedded."""
    pages = pages_text(content)
    for n, page in enumerate(pages, start=1):
        assert "I. Municipalidad de Quillota" in page, page
        assert program in page, page
        assert name in page and "N°" in page, page
        assert f"Página {n} de {len(pages)}" in page and "DOCUMENTO RESERVADO" in page, page
    used = fonts(content)
    assert used and all(used.values()), used
