"""The LV / LVI regime is program data: it sets the court reports' frequency (6 or 3 months)
unless the program gives its own, the follow-up report's annex (H or I) and the plan's usual
annex (A or B). LAE follows LVI and LAS follows LV (DOMAIN.md)."""

import datetime
import importlib

import pytest

from django.apps import apps

from reinsercion.cases.models import Case
from reinsercion.extensions import agenda_sources
from reinsercion.plans.models import PlanLayout, layouts_for
from reinsercion.programs.choices import SupervisionRegime
from reinsercion.programs.models import Program
from reinsercion.reports.build import annex_for
from reinsercion.reports.models import ReportAnnex

from ...factories import ProgramFactory
from ..activity_helpers import set_court_data, travel
from ..assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = pytest.mark.django_db
D = datetime.date


def report_dues(case, today):
    items = agenda_sources()["court_reports"](Case.objects.filter(pk=case.pk), today)
    return sorted(i.due_on for i in items if i.kind == "court_report")


@pytest.mark.parametrize(
    ("regime", "own_months", "first"),
    [
        (SupervisionRegime.LV, None, D(2026, 7, 5)),  # 6 months after the start
        (SupervisionRegime.LVI, None, D(2026, 4, 5)),  # 3 months
        (SupervisionRegime.LV, 2, D(2026, 3, 5)),  # the program's own figure wins
    ],
)
def test_the_regime_sets_how_often_the_court_is_informed(
    lae, lae_case, lae_professional, regime, own_months, first
):
    lae.supervision_regime, lae.court_report_months = regime, own_months
    lae.save()
    set_court_data(
        lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5), sentence_ends_on=D(2028, 1, 5)
    )
    today = first - datetime.timedelta(days=10)
    with travel(today):
        assert report_dues(lae_case, today)[0] == first


def test_no_regime_and_no_figure_means_no_court_reports(lae, lae_case, lae_professional):
    lae.supervision_regime, lae.court_report_months = SupervisionRegime.NONE, None
    lae.save()
    set_court_data(lae_case, lae_professional, sentence_starts_on=D(2026, 1, 5))
    assert report_dues(lae_case, D(2026, 1, 5)) == []
    assert lae.report_interval_months is None


@pytest.mark.parametrize(
    ("regime", "plan_layout", "annex"),
    [
        (SupervisionRegime.LVI, PlanLayout.ANNEX_A, ReportAnnex.I),  # the program decides
        (SupervisionRegime.LV, PlanLayout.ANNEX_B, ReportAnnex.H),
        (SupervisionRegime.NONE, PlanLayout.ANNEX_B, ReportAnnex.I),  # else the plan's annex
        (SupervisionRegime.NONE, PlanLayout.ANNEX_A, ReportAnnex.H),
    ],
)
def test_the_regime_sets_the_follow_up_reports_annex(
    lae, lae_case, lae_professional, regime, plan_layout, annex
):
    lae.supervision_regime = regime
    lae.save()
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=2)
    plan = plan_with_objectives(lae_case, lae_professional, version, layout=plan_layout)
    lae_case.refresh_from_db()
    assert annex_for(lae_case, plan) == annex


def test_an_lvi_program_offers_the_plan_in_annex_b_first(lae):
    lae.supervision_regime = SupervisionRegime.LVI
    assert layouts_for(lae)[0] == PlanLayout.ANNEX_B
    lae.supervision_regime = SupervisionRegime.LV
    assert layouts_for(lae)[0] == PlanLayout.ANNEX_A


def test_the_migration_sets_lae_las_and_opv_as_the_norms_say():
    for code in ("LAE", "LAS", "OPV"):
        ProgramFactory(code=code, supervision_regime="lv" if code == "OPV" else "")
    migration = importlib.import_module(
        "reinsercion.migrations.0028_pena_mixta_report_and_program_regime"
    )
    migration.set_regimes(apps, None)
    regimes = dict(Program.objects.values_list("code", "supervision_regime"))
    assert regimes == {"LAE": "lvi", "LAS": "lv", "OPV": ""}
    assert Program(supervision_regime="lvi").report_interval_months == 3
    assert Program(supervision_regime="lv").report_interval_months == 6
