"""The network's demo data: the OPV document's institutions, partner logins, referrals."""

import io

from django.core.management import call_command

from red.choices import InstitutionKind, Status
from red.models import Institution, PartnerMembership, Referral
from reinsercion.programs.models import TeamMembership


def test_demo_red_loads_the_network_and_is_idempotent(db):
    # given
    call_command("demo_casos", stdout=io.StringIO())
    # when
    out = io.StringIO()
    call_command("demo_red", stdout=out)
    call_command("demo_red", stdout=io.StringIO())
    # then: the institutions of the OPV document, with type and ámbito
    names = set(Institution.objects.values_list("short_name", flat=True))
    assert {
        "OMIL",
        "OTEC municipal",
        "SENDA Previene",
        "SERVIU",
        "El Molino",
        "CET Putaendo",
    } <= names
    assert Institution.objects.filter(kind=InstitutionKind.REGIONAL).count() == 3
    assert Institution.objects.get(short_name="CET Putaendo").kind == InstitutionKind.OTHER
    assert "50% o 100%" in Institution.objects.get(short_name="OTEC municipal").ambit
    # partner users for OMIL and OTEC, with no case-module role, and their logins printed
    partners = PartnerMembership.objects.select_related("user", "institution")
    assert {m.institution.short_name for m in partners} == {"OMIL", "OTEC municipal"}
    assert not TeamMembership.objects.filter(user__in=[m.user for m in partners]).exists()
    assert "omil.quillota" in out.getvalue() and "otec.quillota" in out.getvalue()
    # referrals in various states, built once
    states = set(Referral.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SENT, Status.COMPLETED, Status.REJECTED} <= states
    assert Referral.objects.count() == 13
    assert Referral.objects.overdue().exists()
