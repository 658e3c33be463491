"""Which case fields each kind of program records."""

from reinsercion.cases.forms import CaseForm

OPV_FIELDS = {"offence", "sentence_years", "sentence_days", "expected_release_on"}
COURT_FIELDS = {"court", "rit", "ruc", "sentence_final_on", "sentence_ends_on"}


def test_opv_records_offence_sentence_and_expected_release_but_no_court_fields(opv):
    fields = set(CaseForm(program=opv).fields)
    assert OPV_FIELDS <= fields
    assert not COURT_FIELDS & fields


def test_a_court_program_records_the_court_fields_and_no_expected_release(lae):
    fields = set(CaseForm(program=lae).fields)
    assert COURT_FIELDS <= fields
    assert "expected_release_on" not in fields
