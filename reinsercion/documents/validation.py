"""What may be uploaded: the declared type (the file's extension) must be allowed, and the
file's content must be of that type (read from its first bytes, not trusted from the name
or the browser). Images are re-encoded, which drops anything hidden in them (and their
EXIF metadata, GPS position included)."""

import io
from dataclasses import dataclass

import filetype
from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str


def allowed_types() -> dict[str, str]:
    """Extension → the content type its bytes must have (settings.DOCUMENT_ALLOWED_TYPES)."""
    return settings.DOCUMENT_ALLOWED_TYPES


def allowed_extensions_display() -> str:
    return ", ".join(sorted({e.upper() for e in allowed_types()}))


def check_upload(upload) -> CheckedFile:
    """The upload's bytes, checked; raises a ValidationError in Spanish."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = allowed_types().get(extension)
    if expected is None:
        raise ValidationError(
            f"El tipo de archivo «.{extension or '?'}» no está permitido. "
            f"Tipos permitidos: {allowed_extensions_display()}.",
            code="type_not_allowed",
        )
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"El archivo pesa {filesizeformat(upload.size)}; el máximo es {filesizeformat(limit)}.",
            code="too_large",
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise ValidationError("El archivo está vacío.", code="empty")
    if len(content) > limit:
        raise ValidationError(
            f"El archivo supera el máximo de {filesizeformat(limit)}.", code="too_large"
        )
    detected = filetype.guess_mime(content)
    if detected != expected:
        raise ValidationError(
            f"El contenido del archivo no corresponde a un «.{extension}»: el archivo parece "
            "ser de otro tipo o estar dañado. Súbalo en su formato original.",
            code="content_mismatch",
        )
    if expected in IMAGE_FORMATS:
        content = reencode_image(content, IMAGE_FORMATS[expected])
    return CheckedFile(content=content, content_type=expected, extension=extension)


def reencode_image(content: bytes, image_format: str) -> bytes:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=image_format)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
        raise ValidationError("La imagen está dañada o no se puede leer.", code="bad_image") from e
    return out.getvalue()
