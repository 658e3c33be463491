"""Factories for the network. Referrals are built through the real actions."""

import factory

from red import actions
from red.choices import InstitutionKind, Purpose, SharedField
from red.models import Institution, PartnerMembership
from tests.factories import UserFactory


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Institución de prueba {n}")
    short_name = factory.Sequence(lambda n: f"INST{n}")
    kind = InstitutionKind.COMMUNAL
    ambit = "Colocación laboral y capacitación en oficio."
    email = factory.LazyAttribute(lambda i: f"{i.short_name.lower()}@example.org")
    comuna = "Quillota"
    response_hours = 48


def partner(username: str, institution: Institution):
    """A user who answers for ``institution`` (and has no case-module role)."""
    user = UserFactory(username=username)
    PartnerMembership.objects.get_or_create(user=user, institution=institution)
    return user


def draft_referral(
    *,
    case,
    actor,
    institution,
    purpose=Purpose.JOB_PLACEMENT,
    purpose_detail="Colocación laboral en jornada completa.",
    shared_fields=(SharedField.RUT, SharedField.COMUNA),
    shared_documents=(),
):
    return actions.create_referral(
        case=case,
        actor=actor,
        institution=institution,
        purpose=purpose,
        purpose_detail=purpose_detail,
        shared_fields=shared_fields,
        shared_documents=shared_documents,
    )


def sent_referral(*, case, actor, approver, institution, **kwargs):
    """A referral signed by the person, approved by supervision and sent."""
    referral = draft_referral(case=case, actor=actor, institution=institution, **kwargs)
    actions.record_consent(referral=referral, actor=actor)
    actions.approve_referral(referral=referral, actor=approver)
    return actions.send_referral(referral=referral, actor=actor)
