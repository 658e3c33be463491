"""Who may do what with referrals.

- The sending side is the case's team: whoever may change the case drafts, edits, records
  consent, sends and writes; approval (visado) is for supervision or coordination of the
  case's program (``reinsercion.permissions.can_supervise``).
- The receiving side is a partner user of the referral's institution: they see only referrals
  sent to their institution (``Referral.objects.for_partner``), and a referral they may not
  see answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from reinsercion.cases import permissions as case_permissions
from reinsercion.programs import permissions as program_permissions

from .models import Institution, PartnerMembership, Referral


def is_partner(user) -> bool:

    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_partner_cache", None)
    if cached is None:
        cached = PartnerMembership.objects.filter(
            user=user, is_active=True, institution__is_active=True
        ).exists()
        user._is_partner_cache = cached
    return cached


def partner_institutions(user):

    return Institution.objects.filter(
        memberships__user=user, memberships__is_active=True, is_active=True
    ).distinct()


def can_send(user, referral) -> bool:
    return case_permissions.can_change_case(user, referral.case)


def can_approve(user, referral) -> bool:
    return program_permissions.can_supervise(user, referral.case.program_id)


def is_partner_of(user, referral) -> bool:

    return Referral.objects.for_partner(user).filter(pk=referral.pk).exists()


def ensure_can_send(user, referral) -> None:
    if not can_send(user, referral):
        raise PermissionDenied("No tiene permiso para gestionar las derivaciones de este caso.")


def ensure_partner_of(user, referral) -> None:
    if not is_partner_of(user, referral):
        raise PermissionDenied("Esta derivación no fue enviada a su institución.")


def get_partner_referral_or_404(user, pk):

    return get_object_or_404(
        Referral.objects.for_partner(user).select_related(
            "case__person", "case__program", "institution", "professional"
        ),
        pk=pk,
    )
