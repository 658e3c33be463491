"""Contract template placeholders are names only: a format spec such as
``{beneficiario:>20000000}`` built a 20 MB text (issue 17)."""

import pytest

from django.core.exceptions import ValidationError

from contratos.rendering import contract_text

from .factories import create_template


@pytest.mark.parametrize(
    "placeholder", ["{beneficiario:>20000000}", "{rut!r}", "{programa.__class__}", "{comuna[0]}"]
)
def test_a_template_with_a_format_spec_or_conversion_is_refused(opv, coordinator, placeholder):
    with pytest.raises(ValidationError) as excinfo:
        create_template(opv, coordinator, preamble=f"En {{comuna}}, {placeholder} acuerda:")
    assert placeholder in excinfo.value.message_dict["preamble"][0]


def test_a_spec_already_stored_is_printed_as_written(draft):
    # given: a version written before the check (or around it)
    version = draft.template_version
    version.preamble = "Yo, {beneficiario:>20000000}, RUT {rut}, acepto."
    # when
    text = contract_text(draft)
    # then
    assert "Yo, {beneficiario:>20000000}, RUT " in text
    assert draft.case.person.rut_display in text
    assert len(text) < 10_000
