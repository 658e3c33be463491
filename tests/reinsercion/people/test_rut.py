import pytest

from django.core.exceptions import ValidationError

from reinsercion.people.rut import format_rut, normalize_rut, with_check_digit


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12.345.678-5", "12345678-5"),
        ("12345678-5", "12345678-5"),
        ("123456785", "12345678-5"),
        (" 12.345.678-5 ", "12345678-5"),
        ("10.000.013-K", "10000013-K"),
        ("10000013-k", "10000013-K"),
        ("7.654.321-6", "7654321-6"),
    ],
)
def test_valid_ruts_are_normalised(typed, stored):
    assert normalize_rut(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12.345.678-6", "invalid_check_digit"),
        ("10000013-1", "invalid_check_digit"),
        ("12.345.67A-5", "invalid_format"),
        ("abc", "invalid_format"),
        ("12-3", "invalid_format"),
        ("", "required"),
        ("0-0", "zero"),
        ("00.000.000-0", "zero"),
    ],
)
def test_invalid_ruts_are_refused_with_a_spanish_reason(typed, code):
    with pytest.raises(ValidationError) as excinfo:
        normalize_rut(typed)
    assert excinfo.value.code == code
    assert excinfo.value.messages[0].startswith(("El ", "Ingrese"))


def test_format_rut_adds_dots():
    assert format_rut("12345678-5") == "12.345.678-5"


def test_with_check_digit_computes_the_stored_form():
    assert with_check_digit(12345678) == "12345678-5"
    assert with_check_digit("10000013") == "10000013-K"
