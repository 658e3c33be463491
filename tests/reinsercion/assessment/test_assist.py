import pytest

from django.core.exceptions import ValidationError

from reinsercion.assessment.models import InstrumentVersion

from ..assessment_factories import assess


@pytest.fixture
def assist(db):
    return InstrumentVersion.objects.get(instrument__code="assist")


@pytest.mark.parametrize(
    "score,need",
    [(0, "low"), (10, "low"), (11, "medium"), (26, "medium"), (27, "high"), (39, "high")],
)
def test_alcohol_boundaries(assist, score, need):
    assert assist.domains.get(code="alcohol").need_for(score) == need


@pytest.mark.parametrize("substance", ["tobacco", "cannabis", "cocaine", "sedatives", "other"])
@pytest.mark.parametrize(
    "score,need", [(0, "low"), (3, "low"), (4, "medium"), (26, "medium"), (27, "high")]
)
def test_other_substances_boundaries(assist, substance, score, need):
    assert assist.domains.get(code=substance).need_for(score) == need


def test_assist_ships_ten_substances_with_published_cutoffs(assist):
    assert assist.domains.count() == 10
    assert not assist.has_total


def test_an_assist_assessment_records_a_level_per_substance_and_no_risk_level(
    case, professional, assist
):
    # when
    assessment = assess(case, professional, assist, alcohol=27, cannabis=4, tobacco=3)
    # then
    needs = {s.domain.code: s.need_level for s in assessment.scores.all()}
    assert needs["alcohol"] == "high"
    assert needs["cannabis"] == "medium"
    assert needs["tobacco"] == "low"
    assert assessment.level == ""
    assert assessment.total_score is None


def test_assist_score_out_of_range_is_refused(case, professional, assist):

    with pytest.raises(ValidationError) as error:
        assess(case, professional, assist, alcohol=40)
    assert "entre 0 y 39" in str(error.value)
