"""Allowed moves of a referral, as a table (DOMAIN.md §10, annex D of the LV norms).

Each allowed move says who makes it: the sending team (``TEAM``) or the receiving
institution (``PARTNER``). Anything not in the table is refused.

    draft ─team→ sent ─partner→ received ─partner→ accepted | waiting_list | rejected
    waiting_list ─partner→ accepted | rejected | dropped_out
    accepted ─partner→ in_progress | dropped_out
    in_progress ─partner→ completed | dropped_out
    sent | received | accepted | waiting_list | in_progress ─team→ withdrawn

The team withdraws an open referral when the case leaves the program (the closing move asks
whether to close the case's open referrals or keep them with their institutions).

An outcome recorded by the institution moves the referral on to the status it implies
(``OUTCOME_STATUS``), along the partner's moves of the table.
"""

from django.core.exceptions import ValidationError

from .choices import OutcomeKind, Status

TEAM = "team"
PARTNER = "partner"

ALLOWED_MOVES: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SENT): TEAM,
    (Status.SENT, Status.RECEIVED): PARTNER,
    (Status.RECEIVED, Status.ACCEPTED): PARTNER,
    (Status.RECEIVED, Status.WAITING_LIST): PARTNER,
    (Status.RECEIVED, Status.REJECTED): PARTNER,
    (Status.WAITING_LIST, Status.ACCEPTED): PARTNER,
    (Status.WAITING_LIST, Status.REJECTED): PARTNER,
    (Status.WAITING_LIST, Status.DROPPED_OUT): PARTNER,
    (Status.ACCEPTED, Status.IN_PROGRESS): PARTNER,
    (Status.ACCEPTED, Status.DROPPED_OUT): PARTNER,
    (Status.IN_PROGRESS, Status.COMPLETED): PARTNER,
    (Status.IN_PROGRESS, Status.DROPPED_OUT): PARTNER,
    (Status.SENT, Status.WITHDRAWN): TEAM,
    (Status.RECEIVED, Status.WITHDRAWN): TEAM,
    (Status.ACCEPTED, Status.WITHDRAWN): TEAM,
    (Status.WAITING_LIST, Status.WITHDRAWN): TEAM,
    (Status.IN_PROGRESS, Status.WITHDRAWN): TEAM,
}

# States in which the institution still owes its first answer (slot, waiting list or no).
AWAITING_ANSWER = (Status.SENT, Status.RECEIVED)
# The answers that stop the response-time clock.
ANSWERS = (Status.ACCEPTED, Status.WAITING_LIST, Status.REJECTED)
FINAL = (Status.REJECTED, Status.COMPLETED, Status.DROPPED_OUT, Status.WITHDRAWN)
# Sent and not yet final: the institution still works on it.
OPEN = (
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.WAITING_LIST,
    Status.IN_PROGRESS,
)


# What an outcome says of the referral: the person got what was asked (completed), or has
# started and the service goes on (in progress).
OUTCOME_STATUS: dict[str, str] = {
    OutcomeKind.HIRED: Status.COMPLETED,
    OutcomeKind.SELF_EMPLOYED: Status.COMPLETED,
    OutcomeKind.BUSINESS_FUNDED: Status.COMPLETED,
    OutcomeKind.TRAINING_ENROLLED: Status.IN_PROGRESS,
    OutcomeKind.TRAINING_COMPLETED: Status.COMPLETED,
    OutcomeKind.TREATMENT_ADMITTED: Status.IN_PROGRESS,
    OutcomeKind.TREATMENT_COMPLETED: Status.COMPLETED,
    OutcomeKind.HOUSING_APPLICATION: Status.IN_PROGRESS,
    OutcomeKind.BENEFIT_GRANTED: Status.COMPLETED,
    OutcomeKind.RECORD_ELIMINATED: Status.COMPLETED,
    OutcomeKind.SCHOOLING_ENROLLED: Status.IN_PROGRESS,
    OutcomeKind.OTHER: Status.IN_PROGRESS,
}


def partner_path(from_status: str, to_status: str) -> list[str]:
    """The shortest run of the partner's moves in the table from one status to another
    (without ``from_status``); empty when already there or when the table has no way."""
    paths = {from_status: []}
    frontier = [from_status]
    while frontier:
        following = []
        for current in frontier:
            for step in allowed_moves(current, PARTNER):
                if step not in paths:
                    paths[step] = [*paths[current], step]
                    following.append(step)
        frontier = following
    return paths.get(to_status, [])


def allowed_moves(from_status: str, side: str) -> list[str]:
    return [to for (frm, to), who in ALLOWED_MOVES.items() if frm == from_status and who == side]


def ensure_move_allowed(from_status: str, to_status: str, side: str) -> None:
    if ALLOWED_MOVES.get((from_status, to_status)) != side:
        raise ValidationError(
            {
                "to_status": (
                    f"No se puede pasar de «{Status(from_status).label}» a "
                    f"«{Status(to_status).label}»."
                )
            },
            code="forbidden_transition",
        )
