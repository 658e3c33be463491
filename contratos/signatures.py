"""Signatures drawn on the screen arrive as PNG data URLs; check them before storing."""

import base64
import binascii
import io
import unicodedata

from PIL import Image, UnidentifiedImageError

from django.core.exceptions import ValidationError

MAX_BYTES = 500_000
MAX_SIDE = 3000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"


def decode_data_url(value: str) -> bytes:
    value = (value or "").strip()
    if not value:
        return b""
    if not value.startswith(DATA_URL_PREFIX):
        raise ValidationError("La firma no es una imagen PNG válida.", code="invalid_signature")
    try:
        data = base64.b64decode(value[len(DATA_URL_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as e:
        raise ValidationError(
            "La firma no es una imagen PNG válida.", code="invalid_signature"
        ) from e
    return data


def check_png(data: bytes) -> bytes:
    """The signature re-encoded as a clean PNG if it holds a real signature (some ink); else
    a ValidationError."""
    if len(data) > MAX_BYTES or not data.startswith(PNG_MAGIC):
        raise ValidationError("La firma no es una imagen PNG válida.", code="invalid_signature")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
        raise ValidationError(
            "La firma no es una imagen PNG válida.", code="invalid_signature"
        ) from e
    if image.format != "PNG" or max(image.size) > MAX_SIDE:
        raise ValidationError("La firma no es una imagen PNG válida.", code="invalid_signature")
    alpha = image.convert("RGBA").getchannel("A")
    box = alpha.point(lambda a: 255 if a > 40 else 0).getbbox()
    if box is None or (box[2] - box[0] < 15 and box[3] - box[1] < 15):
        raise ValidationError("El recuadro de firma está vacío.", code="empty_signature")
    # Stored as Pillow writes it from the pixels alone: whatever was appended to or hidden in
    # the upload (HTML, text chunks, metadata) is dropped.
    clean = io.BytesIO()
    image.convert("RGBA").save(clean, format="PNG", optimize=True)
    return clean.getvalue()


def comparable_name(value: str) -> str:
    """Case, accents and spacing do not matter when comparing names."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())
