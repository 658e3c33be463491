"""Allowed phase moves of a case.

The phases of each program are data (``Program.phases``). From that ordered list:

- a case moves forward to the **next** phase only;
- a case may leave early to the **terminal** phase (closing / egreso) from any open phase;
- nothing moves out of the terminal phase, and nothing moves backwards.
"""

from django.core.exceptions import ValidationError

from reinsercion.programs.choices import Phase


def allowed_moves(program, from_phase: str) -> list[str]:
    phases = list(program.phases)
    if from_phase not in phases or from_phase == phases[-1]:
        return []
    following = phases[phases.index(from_phase) + 1]
    moves = [following]
    if following != phases[-1]:
        moves.append(phases[-1])
    return moves


def ensure_move_allowed(program, from_phase: str, to_phase: str) -> None:
    if to_phase not in allowed_moves(program, from_phase):
        raise ValidationError(
            {
                "to_phase": (
                    f"No se puede pasar de «{Phase(from_phase).label}» a "
                    f"«{Phase(to_phase).label}» en el programa {program.code}."
                )
            },
            code="forbidden_transition",
        )
