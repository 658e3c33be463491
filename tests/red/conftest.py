"""Network personas: institution A (a job office) with partner_a, institution B (a training
body) with partner_b; referrals of Ana's case sent to each."""

import pytest

from .factories import InstitutionFactory, partner, sent_referral


@pytest.fixture
def institution_a(db):
    return InstitutionFactory(name="Oficina de Intermediación Laboral", short_name="OMIL")


@pytest.fixture
def institution_b(db):
    return InstitutionFactory(name="Organismo Técnico de Capacitación", short_name="OTEC")


@pytest.fixture
def partner_a(institution_a):
    return partner("partner_a", institution_a)


@pytest.fixture
def partner_b(institution_b):
    return partner("partner_b", institution_b)


@pytest.fixture
def referral_a(case, professional, supervisor, institution_a, partner_a):
    """Ana's case, sent to institution A."""
    return sent_referral(
        case=case, actor=professional, approver=supervisor, institution=institution_a
    )


@pytest.fixture
def referral_b(case, professional, supervisor, institution_b, partner_b):
    return sent_referral(
        case=case, actor=professional, approver=supervisor, institution=institution_b
    )


@pytest.fixture(autouse=True)
def _no_collected_static(settings):
    # Tests run without ``collectstatic``; WhiteNoise would warn (an error here) that
    # STATIC_ROOT does not exist. Autorefresh mode serves from the finders instead.
    settings.WHITENOISE_AUTOREFRESH = True
