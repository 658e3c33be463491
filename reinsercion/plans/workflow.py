"""Allowed moves of an intervention plan, as a table.

draft → review by supervision (may return it with comments) → visado → sent to court →
approved / rejected (with a new hearing date) → in execution. Programs without a court
(e.g. OPV) go from visado straight to execution. A version in execution (or rejected) is
replaced by a new version through ``plan_actions.new_plan_version``, never edited.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from reinsercion.cases import permissions as case_permissions
from reinsercion.plans.models import PlanEventKind as E
from reinsercion.plans.models import PlanStatus as S
from reinsercion.programs import permissions as program_permissions

TEAM = "team"  # the case's team: assigned professionals and coordination
SUPERVISION = "supervision"  # supervision of the program, never the plan's author


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    event: str
    label: str
    who: str
    needs_comment: bool = False
    needs_hearing: bool = False
    court: bool | None = None  # True: only programs with a court; False: only without


TRANSITIONS = [
    Transition(S.DRAFT, S.IN_REVIEW, E.SUBMITTED, "Enviar a supervisión", TEAM),
    Transition(S.RETURNED, S.IN_REVIEW, E.SUBMITTED, "Reenviar a supervisión", TEAM),
    Transition(
        S.IN_REVIEW,
        S.RETURNED,
        E.RETURNED,
        "Devolver con observaciones",
        SUPERVISION,
        needs_comment=True,
    ),
    Transition(S.IN_REVIEW, S.ENDORSED, E.ENDORSED, "Visar el plan", SUPERVISION),
    Transition(
        S.ENDORSED,
        S.SENT_TO_COURT,
        E.SENT_TO_COURT,
        "Registrar envío al tribunal",
        TEAM,
        court=True,
    ),
    Transition(
        S.SENT_TO_COURT,
        S.APPROVED,
        E.APPROVED,
        "Registrar aprobación del tribunal",
        TEAM,
        court=True,
    ),
    Transition(
        S.SENT_TO_COURT,
        S.REJECTED,
        E.REJECTED,
        "Registrar rechazo del tribunal",
        TEAM,
        needs_hearing=True,
        court=True,
    ),
    Transition(S.APPROVED, S.IN_EXECUTION, E.EXECUTION_STARTED, "Iniciar la ejecución", TEAM),
    Transition(
        S.ENDORSED,
        S.IN_EXECUTION,
        E.EXECUTION_STARTED,
        "Iniciar la ejecución",
        TEAM,
        court=False,
    ),
]


def transitions_from(plan) -> list[Transition]:
    court = plan.case.program.requires_court_data
    return [
        t for t in TRANSITIONS if t.source == plan.status and (t.court is None or t.court == court)
    ]


def may_perform(user, plan, transition: Transition) -> bool:
    if transition.who == SUPERVISION:
        return plan.author_id != user.pk and program_permissions.can_supervise(
            user, plan.case.program
        )
    return case_permissions.can_change_case(user, plan.case)


def available_transitions(user, plan) -> list[Transition]:
    return [t for t in transitions_from(plan) if may_perform(user, plan, t)]


def get_transition(plan, user, to_status: str) -> Transition:
    """The transition to ``to_status``, or an error saying why it is not allowed."""
    transition = next((t for t in transitions_from(plan) if t.target == to_status), None)
    if transition is None:
        raise ValidationError(
            f"Un plan «{plan.get_status_display()}» no puede pasar a «{S(to_status).label}».",
            code="forbidden_transition",
        )
    if transition.who == SUPERVISION and plan.author_id == user.pk:
        raise PermissionDenied("Quien elaboró el plan no puede visarlo ni devolverlo.")
    if not may_perform(user, plan, transition):
        if transition.who == SUPERVISION:
            raise PermissionDenied("Solo la supervisión del programa puede revisar el plan.")
        raise PermissionDenied("No tiene permiso para modificar este caso.")
    return transition
