"""Chilean RUT: validation and formatting on top of python-stdnum's ``cl.rut``."""

from stdnum import exceptions as stdnum_exceptions
from stdnum.cl import rut as stdnum_rut

from django.core.exceptions import ValidationError


def normalize_rut(value: str) -> str:
    """Return the RUT as stored: digits, a dash and the check digit (``12345678-5``).

    Raises ``ValidationError`` with a Spanish message when the value is not a valid RUT.
    """
    raw = (value or "").strip()
    if not raw:
        raise ValidationError("Ingrese un RUT.", code="required")
    compact = stdnum_rut.compact(raw)
    # An all-zero body computes a valid check digit but identifies nobody.
    if len(compact) > 1 and compact[:-1].isdigit() and int(compact[:-1]) == 0:
        raise ValidationError("El RUT no puede ser cero.", code="zero")
    try:
        compact = stdnum_rut.validate(raw)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            "El dígito verificador no corresponde a este RUT.", code="invalid_check_digit"
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            "El RUT no tiene un formato válido (ejemplo: 12.345.678-5).", code="invalid_format"
        ) from exc
    body, check = compact[:-1], compact[-1].upper()
    return f"{int(body)}-{check}"


def validate_rut(value: str) -> None:
    normalize_rut(value)


def format_rut(value: str) -> str:
    """``12345678-5`` → ``12.345.678-5``."""
    if not value:
        return ""
    return stdnum_rut.format(value)


def with_check_digit(body: int | str) -> str:
    """The stored RUT for a number: ``12345678`` → ``12345678-5``."""
    body = str(int(body))
    return f"{body}-{stdnum_rut.calc_check_digit(body)}"


def unused_synthetic_rut(rng, used: set[str], low: int, high: int) -> str:
    """A valid RUT drawn from ``rng`` in [low, high] and not in ``used`` (which it joins).

    For demo data only: synthetic people with valid check digits.
    """
    while True:
        value = with_check_digit(rng.randint(low, high))
        if value not in used:
            used.add(value)
            return value
