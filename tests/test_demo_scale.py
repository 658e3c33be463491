"""``manage.py demo_scale``: national-scale demo data, small here, on the test database."""

import io
import re

import pytest
from stdnum.cl import rut as stdnum_rut

from django.core.management import CommandError, call_command

from red.models import Referral, ReferralEvent
from reinsercion.activities.models import ActivityRecord
from reinsercion.assessment.models import Assessment
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.people.models import Person
from reinsercion.plans.models import InterventionPlan
from reinsercion.programs.models import TeamMembership, User


@pytest.fixture
def demo_database(db):
    call_command("demo_casos", stdout=io.StringIO())
    call_command("demo_red", stdout=io.StringIO())


def test_demo_scale_grows_a_demo_database(demo_database):
    # given
    cases_before = Case.objects.count()
    people_before = set(Person.objects.values_list("rut", flat=True))
    records_before = ActivityRecord.objects.count()
    referrals_before = Referral.objects.count()
    # when
    out = io.StringIO()
    call_command("demo_scale", cases=200, records_per_case=5, stdout=out)
    # then: the cases, people and sessions asked for
    assert Case.objects.count() == cases_before + 200
    assert Person.objects.count() == len(people_before) + 200
    assert ActivityRecord.objects.count() == records_before + 200 * 5
    new_cases = Case.objects.filter(professionals__username__startswith="escala.").distinct()
    assert new_cases.count() == 200
    assert set(new_cases.values_list("program__code", flat=True)) == {"LAE", "LAS"}
    # every synthetic RUT is valid, stored normalised and unique
    new_ruts = set(Person.objects.values_list("rut", flat=True)) - people_before
    assert len(new_ruts) == 200
    for rut in new_ruts:
        assert re.fullmatch(r"[1-9]\d*-[\dK]", rut)
        assert stdnum_rut.is_valid(rut)
    # professionals with their teams, and the rest of a case's life in proportion
    professionals = User.objects.filter(username__startswith="escala.professional.")
    assert professionals.count() == 4
    assert not professionals.exclude(email__endswith="@demo.reinsercion.local").exists()
    assert TeamMembership.objects.filter(user__in=professionals).count() >= 4
    assert not new_cases.filter(phase_periods__isnull=True).exists()
    assert PhasePeriod.objects.filter(case__in=new_cases).count() >= 200
    assert Assessment.objects.filter(case__in=new_cases).count() > 100
    assert InterventionPlan.objects.filter(case__in=new_cases).count() > 100
    # the network's share, run by demo_scale through red's own command
    assert Referral.objects.count() > referrals_before
    assert ReferralEvent.objects.filter(referral__case__in=new_cases).exists()
    assert "red_referral" in out.getvalue()
    # new rows after the fixture get fresh primary keys
    assert Person.objects.create(rut="5126663-3", first_names="A", last_names="B").pk


def test_demo_scale_runs_once(demo_database):
    # given
    call_command("demo_scale", cases=20, records_per_case=2, stdout=io.StringIO())
    # when / then
    with pytest.raises(CommandError, match="ya tiene datos de escala"):
        call_command("demo_scale", cases=20, records_per_case=2, stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_scale", cases=20, records_per_case=2, if_missing=True, stdout=out)
    assert "nada que hacer" in out.getvalue()
    assert Case.objects.filter(professionals__username__startswith="escala.").count() == 20


def test_demo_scale_refuses_a_database_with_real_accounts(demo_database):
    # given: somebody outside the demo's domain has an account
    User.objects.create_user(username="jefa", email="jefa@municipalidad.cl")
    cases_before = Case.objects.count()
    # when / then
    with pytest.raises(CommandError, match="puede contener datos reales"):
        call_command("demo_scale", cases=20, records_per_case=2, stdout=io.StringIO())
    assert Case.objects.count() == cases_before
    assert not User.objects.filter(username__startswith="escala.").exists()


def test_demo_scale_refuses_a_database_without_the_demo(db):
    with pytest.raises(CommandError, match="manage.py demo"):
        call_command("demo_scale", cases=20, records_per_case=2, stdout=io.StringIO())
    assert not Case.objects.exists()
