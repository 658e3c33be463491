"""Who may do what with slot requests.

- The requesting side is the case's team: whoever may change the case requests a slot, signs
  the consent with the person and may withdraw the request.
- The answering side is the program: its coordination for a case-module program
  (``owner_program``), the institution's partner users in the portal for a network program.
  They see the request's shared fields only; a request they do not answer for is 404.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from red import permissions as red_permissions
from reinsercion.cases import permissions as case_permissions
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.permissions import can_manage_program

from .models import InterventionProgram, SlotRequest


def can_request(user, case) -> bool:
    return case_permissions.can_change_case(user, case)


def can_answer(user, program: InterventionProgram) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if program.owner_program_id:
        return can_manage_program(user, program.owner_program_id)
    return InterventionProgram.objects.answered_by(user).filter(pk=program.pk).exists()


def ensure_can_request(user, case) -> None:
    if not can_request(user, case):
        raise PermissionDenied("No tiene permiso para solicitar cupos para este caso.")


def ensure_can_answer(user, program) -> None:
    if not can_answer(user, program):
        raise PermissionDenied("No responde por este programa.")


def get_partner_request_or_404(user, pk):
    return get_object_or_404(
        SlotRequest.objects.for_partner(user).select_related(
            "case__person", "case__program", "program__institution", "objective", "created_by"
        ),
        pk=pk,
    )


def is_partner(user) -> bool:
    return red_permissions.is_partner(user)


def is_team_member(user) -> bool:
    return program_permissions.is_team_member(user)
