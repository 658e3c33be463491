"""Allowed moves of a slot request, as a table (DOMAIN.md §7, LV norms: annexes C, E, F).

Each move says who makes it: the case's team (``TEAM``), whoever answers for the program
(``PROGRAM``: its coordination for a case-module program, the institution's users in the
portal for a network program) or the system itself (``SYSTEM``: the queue and the waiting
list move on their own when a slot or the person becomes free).

    queued ─system→ requested                      (the person's previous program ended)
    requested ─program→ accepted | waiting_list | refused          (within 48 hours)
    waiting_list ─system→ offered                  (a slot was freed; next in the list)
    waiting_list ─program→ refused
    offered ─program→ accepted | refused           (within 48 hours of the offer)
    accepted ─team|program→ in_progress            (only with the signed consent, annex C)
    in_progress ─program→ completed | dropped_out
    queued | requested | waiting_list | offered | accepted | in_progress ─team→ withdrawn
"""

from django.core.exceptions import ValidationError

from .choices import RequestStatus as S

TEAM = "team"
PROGRAM = "program"
SYSTEM = "system"

ALLOWED_MOVES: dict[tuple[str, str], frozenset[str]] = {
    (S.QUEUED, S.REQUESTED): frozenset({SYSTEM}),
    (S.REQUESTED, S.ACCEPTED): frozenset({PROGRAM}),
    (S.REQUESTED, S.WAITING_LIST): frozenset({PROGRAM}),
    (S.REQUESTED, S.REFUSED): frozenset({PROGRAM}),
    (S.WAITING_LIST, S.OFFERED): frozenset({SYSTEM}),
    (S.WAITING_LIST, S.REFUSED): frozenset({PROGRAM}),
    (S.OFFERED, S.ACCEPTED): frozenset({PROGRAM}),
    (S.OFFERED, S.REFUSED): frozenset({PROGRAM}),
    (S.ACCEPTED, S.IN_PROGRESS): frozenset({TEAM, PROGRAM}),
    (S.IN_PROGRESS, S.COMPLETED): frozenset({PROGRAM}),
    (S.IN_PROGRESS, S.DROPPED_OUT): frozenset({PROGRAM}),
    **{
        (status, S.WITHDRAWN): frozenset({TEAM})
        for status in (
            S.QUEUED,
            S.REQUESTED,
            S.WAITING_LIST,
            S.OFFERED,
            S.ACCEPTED,
            S.IN_PROGRESS,
        )
    },
}

# The program owes an answer (48 hours) in these states.
AWAITING_ANSWER = (S.REQUESTED, S.OFFERED)
# A request in these states holds one of the program's slots.
HOLDS_SLOT = (S.OFFERED, S.ACCEPTED, S.IN_PROGRESS)
# The person's one program at a time: a request in these states blocks any other.
ACTIVE = (S.REQUESTED, S.WAITING_LIST, S.OFFERED, S.ACCEPTED, S.IN_PROGRESS)
FINAL = (S.COMPLETED, S.DROPPED_OUT, S.REFUSED, S.WITHDRAWN)


def allowed_moves(from_status: str, side: str) -> list[str]:
    return [to for (frm, to), who in ALLOWED_MOVES.items() if frm == from_status and side in who]


def ensure_move_allowed(from_status: str, to_status: str, side: str) -> None:
    if side not in ALLOWED_MOVES.get((from_status, to_status), ()):
        raise ValidationError(
            f"No se puede pasar de «{S(from_status).label}» a «{S(to_status).label}».",
            code="forbidden_transition",
        )
