"""Official paperwork: the letterhead every PDF carries, its fonts, and the draft watermark.

Every PDF of the platform (plan, referral form, social contract…) is rendered by
``render_pdf``: the template extends ``reinsercion/pdf/base.html``, which prints the
municipality's letterhead, the program, the document's name and number on every page, and a
footer with "página n de N" and the classification. Fonts are TrueType files embedded in the
PDF (``PDF_FONT_DIR``, DejaVu by default) so that every name renders and the file can be
archived. Drafts get a diagonal, translucent «BORRADOR» across every page. See
docs/decisions/0004-official-paperwork.md for what xhtml2pdf can and cannot do.
"""

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from pypdf import PdfReader, PdfWriter
from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus.tables import CellStyle
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from django.conf import settings
from django.core import checks
from django.db import models
from django.template.loader import render_to_string

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
    "mono": "DejaVuSansMono.ttf",
    "serif_italic": "DejaVuSerif-Italic.ttf",
}
DEFAULT_CLASSIFICATION = "Documento reservado"
LOGO_BOX = (600, 240)


class PdfError(Exception):
    pass


@register_setting(icon="doc-full")
class Letterhead(BaseSiteSetting):
    """The institution that issues the documents, as it appears on every PDF."""

    institution = models.CharField(
        "institución", max_length=200, default="I. Municipalidad de Quillota"
    )
    unit = models.CharField(
        "unidad",
        max_length=200,
        blank=True,
        help_text="Ej.: Dirección de Desarrollo Comunitario · Programa de Reinserción Social.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="PNG o JPEG; se imprime en el membrete de cada documento.",
    )
    address = models.CharField("dirección", max_length=250, blank=True)
    phone = models.CharField("teléfono", max_length=60, blank=True)
    representative_name = models.CharField(
        "nombre del representante de la institución",
        max_length=200,
        blank=True,
        help_text="Firma el contrato social en nombre de la municipalidad.",
    )
    representative_title = models.CharField(
        "cargo del representante", max_length=200, default="Alcalde/sa", blank=True
    )
    classification = models.CharField(
        "clasificación de los documentos",
        max_length=80,
        default=DEFAULT_CLASSIFICATION,
        help_text="Se imprime al pie de cada página.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution"), FieldPanel("unit"), FieldPanel("logo")],
            heading="Institución",
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone")], heading="Contacto"),
        MultiFieldPanel(
            [FieldPanel("representative_name"), FieldPanel("representative_title")],
            heading="Firmante de la institución",
        ),
        FieldPanel("classification"),
    ]

    class Meta:
        verbose_name = "membrete de documentos"
        verbose_name_plural = "membretes de documentos"

    def logo_data_uri(self) -> str:
        """The logo as a PNG data URI (xhtml2pdf reads no storage URL)."""
        if not self.logo_id:
            return ""
        try:
            with self.logo.file.open("rb") as f, PILImage.open(f) as image:
                image.thumbnail(LOGO_BOX)
                out = io.BytesIO()
                image.save(out, format="PNG")
        except (OSError, ValueError):
            return ""
        data = out.getvalue()
        return f"data:image/png;base64,{base64.b64encode(data).decode()}"


def current_letterhead() -> Letterhead:
    """The default site's letterhead (created with its defaults on first use); an unsaved
    default when there is no site."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Letterhead()
    return Letterhead.for_site(site)


def font_paths() -> dict[str, str]:
    folder = Path(settings.PDF_FONT_DIR)
    return {key: str(folder / name) for key, name in FONT_FILES.items()}


@checks.register()
def check_pdf_fonts(app_configs, **kwargs):
    missing = [path for path in font_paths().values() if not Path(path).is_file()]
    if not missing:
        return []
    return [
        checks.Error(
            f"Faltan las fuentes de los PDF: {', '.join(missing)}.",
            hint="Instale fonts-dejavu-core o indique otra carpeta en PDF_FONT_DIR.",
            id="reinsercion.E001",
        )
    ]


@dataclass(frozen=True)
class Document:
    """What the letterhead and footer say about the document being printed."""

    name: str
    number: str
    program: str = ""
    draft: bool = False


def _register_font(name: str, key: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, font_paths()[key]))
    return name


def render_pdf(template_name: str, context: dict, *, document: Document) -> bytes:
    """Render ``template_name`` (which extends reinsercion/pdf/base.html) to PDF bytes."""
    # ReportLab selects Helvetica (a font it never embeds) when it opens a page and a table
    # cell, even when no glyph is drawn in it; an archival PDF must reference embedded fonts
    # only, so both start in the embedded font instead (the project's only ReportLab use).
    # So do drawings (the indicator charts, SVG drawn by svglib).
    base_font = _register_font("DejaVuSans", "regular")
    rl_config.canvas_basefontname = base_font
    CellStyle.fontname = base_font
    STATE_DEFAULTS["fontName"] = base_font
    letterhead = current_letterhead()
    html = render_to_string(
        template_name,
        {
            **context,
            "document": document,
            "letterhead": letterhead,
            "logo": letterhead.logo_data_uri(),
            "classification": letterhead.classification or DEFAULT_CLASSIFICATION,
            "fonts": font_paths(),
        },
    )
    # The documents read nothing from the network, and from disk only the fonts (images are
    # inlined as data URIs).
    policy = ResourceAccessPolicy(allow_remote=False, base_dir=Path(settings.PDF_FONT_DIR))
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise PdfError(f"No se pudo generar el PDF: {document.name}.")
    content = out.getvalue()
    return with_watermark(content, "BORRADOR") if document.draft else content


def _watermark_page(text: str, width: float, height: float):
    font = _register_font("DejaVuSans-Bold", "bold")
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height))
    # Translucent and on top: table cells with a background would hide a mark drawn below.
    page.setFillColorRGB(0.55, 0.55, 0.55)
    page.setFillAlpha(0.22)
    page.setFont(font, 96)
    page.translate(width / 2, height / 2)
    page.rotate(50)
    page.drawCentredString(0, -32, text)
    page.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def with_watermark(content: bytes, text: str) -> bytes:
    """Print ``text`` diagonally, translucent, across every page."""
    writer = PdfWriter(clone_from=io.BytesIO(content))
    stamps = {}
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        key = (round(width), round(height))
        if key not in stamps:
            stamps[key] = _watermark_page(text, width, height)
        page.merge_page(stamps[key], over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ = ["Document", "Letterhead", "PdfError", "current_letterhead", "render_pdf"]
