"""Every change to case data goes through these functions.

Each takes keyword-only arguments and an explicit ``actor``, checks permissions first, runs in
one transaction and is recorded by the audit log with the actor as author.
"""

import datetime

from auditlog.context import set_actor, set_extra_data

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reinsercion.cases import permissions
from reinsercion.cases.choices import ExitType, LabourOutcome
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.cases.workflow import ensure_move_allowed
from reinsercion.extensions import phase_listeners
from reinsercion.notifications.actions import case_reference, notify
from reinsercion.notifications.choices import NotificationKind
from reinsercion.people.models import Person
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, Program, User

CASE_FIELDS = (
    "opened_on",
    "court",
    "rit",
    "ruc",
    "offence",
    "sentence_years",
    "sentence_days",
    "sentence_final_on",
    "sentence_starts_on",
    "sentence_ends_on",
    "expected_release_on",
    "drug_treatment_condition",
    "intake_meeting_on",
    "region",
    "sentence_copy_received_at",
    "delegado_assigned_at",
    "presented_on",
    "plan_hearing_on",
    "hearing_requested_at",
    "non_presentation_reported_on",
)


def _ensure_cohort_capacity(cohort: Cohort, *, exclude_case=None):
    """A generation takes no more members than the program allows per generation, nor the
    program more than it allows per year over all the generations of that year."""
    program = cohort.program
    for limit, members, message in (
        (
            program.max_cohort_size,
            cohort.cases.all(),
            f"La {cohort} ya tiene {{n}} integrantes, el máximo del programa {program.code}. "
            "Abra una nueva generación o revise el listado.",
        ),
        (
            program.max_members_per_year,
            Case.objects.filter(program=program, cohort__year=cohort.year),
            f"Las generaciones de {cohort.year} ya suman {{n}} integrantes, el máximo anual "
            f"del programa {program.code}.",
        ),
    ):
        if not limit:
            continue
        if exclude_case is not None and exclude_case.pk:
            members = members.exclude(pk=exclude_case.pk)
        if members.count() >= limit:
            raise ValidationError(
                {"cohort": message.format(n=limit)},
                code="cohort_full",
            )


@transaction.atomic
def open_case(
    *,
    person: Person,
    program: Program,
    actor: User,
    opened_on: datetime.date | None = None,
    cohort: Cohort | None = None,
    professionals=(),
    **court_data,
) -> Case:
    """Open a case for a person in a program, in the program's first phase."""
    if not program_permissions.can_register_cases(actor, program):
        raise PermissionDenied("No pertenece al equipo de este programa.")
    errors = {}
    if program.uses_cohorts and cohort is None:
        errors["cohort"] = "Este programa trabaja en generaciones: elija una."
    if cohort is not None and cohort.program_id != program.pk:
        errors["cohort"] = "La generación no pertenece a este programa."
    already_open = f"{person} ya tiene un caso abierto en {program.code}."
    if (
        Case.objects.filter(person=person, program=program)
        .exclude(phase=program.terminal_phase)
        .exists()
    ):
        errors["person"] = already_open
    if errors:
        raise ValidationError(errors)
    if cohort is not None:
        # One program at a time: the yearly limit spans its generations.
        Program.objects.select_for_update().filter(pk=program.pk).first()
        _ensure_cohort_capacity(cohort)
    opened_on = opened_on or timezone.localdate()
    case = Case(
        person=person,
        program=program,
        cohort=cohort,
        phase=program.first_phase,
        opened_on=opened_on,
        **court_data,
    )
    # The constraint is checked below, where a parallel request's case is visible.
    case.full_clean(validate_constraints=False)
    with set_actor(actor):
        try:
            # A parallel call that passed the check above meets the partial unique index here.
            with transaction.atomic():
                case.save()
        except IntegrityError as e:
            raise ValidationError({"person": already_open}) from e
        case.professionals.set(professionals)
        PhasePeriod.objects.create(
            case=case, phase=case.phase, started_on=opened_on, changed_by=actor
        )
    _notify_assigned(case, professionals, actor)
    return case


@transaction.atomic
def update_case(*, case: Case, actor: User, professionals=None, cohort=..., **data) -> Case:
    """Edit a case's own data (not its phase: see ``move_case_phase``)."""
    permissions.ensure_can_change(case=case, user=actor)
    unknown = set(data) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"Campos no editables aquí: {', '.join(sorted(unknown))}")
    if cohort is not ... and cohort != case.cohort:
        if cohort is not None:
            if cohort.program_id != case.program_id:
                raise ValidationError({"cohort": "La generación no pertenece a este programa."})
            _ensure_cohort_capacity(cohort, exclude_case=case)
        case.cohort = cohort
    for field, value in data.items():
        setattr(case, field, value)
    case.full_clean()
    with set_actor(actor):
        case.save()
        if professionals is not None:
            if not program_permissions.can_manage_program(actor, case.program):
                current = set(case.professionals.values_list("pk", flat=True))
                if current != {p.pk for p in professionals}:
                    raise PermissionDenied("Solo la coordinación asigna profesionales.")
            before = set(case.professionals.values_list("pk", flat=True))
            case.professionals.set(professionals)
            _notify_assigned(case, [p for p in professionals if p.pk not in before], actor)
    return case


def _notify_assigned(case: Case, professionals, actor: User) -> None:
    """Tell each newly assigned professional that the case is now theirs."""
    if professionals:
        notify(
            recipients=professionals,
            kind=NotificationKind.CASE_ASSIGNED,
            reference=case_reference(case),
            url=case.get_absolute_url(),
            case=case,
            actor=actor,
        )


def allowed_exit_types(program: Program) -> list[str]:
    """The exit types the program admits (``Program.exit_types``; all when it lists none)."""
    return [t for t in ExitType.values if not program.exit_types or t in program.exit_types]


@transaction.atomic
def move_case_phase(
    *,
    case: Case,
    to_phase: str,
    actor: User,
    on_date: datetime.date | None = None,
    note: str = "",
    summary: str = "",
    exit_type: str = "",
    outcome: str = "",
    recidivism_offence: str = "",
    recidivism_on=None,
    labour_outcome: str = "",
    closing_answers: dict | None = None,
) -> Case:
    """Move a case to another phase, recording the period it leaves.

    Closing (the program's last phase) requires a case summary and an exit type; closing a
    follow-up additionally requires the follow-up outcome (reinserción efectiva or
    reincidencia with its offence). ``closing_answers`` holds the answers to the questions other
    apps ask on closing (``extensions.register_closing_fields``); the phase listeners get
    it, and it is ignored on a move that does not close.
    """
    permissions.ensure_can_change(case=case, user=actor)
    program = case.program
    ensure_move_allowed(program, case.phase, to_phase)
    on_date = on_date or timezone.localdate()
    current = case.phase_periods.filter(ended_on__isnull=True).order_by("-started_on").first()
    errors = {}
    if current and on_date < current.started_on:
        errors["on_date"] = (
            f"La fecha no puede ser anterior al inicio de la fase actual "
            f"({current.started_on:%d-%m-%Y})."
        )
    if on_date > timezone.localdate():
        errors["on_date"] = "La fecha no puede estar en el futuro."
    closing = to_phase == program.terminal_phase
    if closing:
        if not summary.strip():
            errors["summary"] = "Para cerrar el caso se requiere un resumen del caso."
        if not exit_type:
            errors["exit_type"] = "Indique el tipo de egreso."
        elif exit_type not in allowed_exit_types(program):
            errors["exit_type"] = (
                f"«{ExitType(exit_type).label if exit_type in ExitType.values else exit_type}» "
                f"no es un tipo de egreso del programa {program.code}."
            )
        if case.phase == Phase.FOLLOW_UP and not outcome:
            errors["outcome"] = "Cierre del seguimiento: indique el resultado."
        if outcome == "recidivism" and not recidivism_offence.strip():
            errors["recidivism_offence"] = "Indique el delito de la reincidencia."
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        if current:
            current.ended_on = on_date
            current.save()
        PhasePeriod.objects.create(
            case=case,
            phase=to_phase,
            started_on=on_date,
            changed_by=actor,
            note=note,
            ended_on=on_date if closing else None,
        )
        case.phase = to_phase
        if closing:
            case.closed_on = on_date
            case.summary = summary
            case.exit_type = exit_type
            case.outcome = outcome
            case.recidivism_offence = recidivism_offence
            case.recidivism_on = recidivism_on
            case.labour_outcome = labour_outcome or case.labour_outcome
        case.save()
    # Other components react to the move (e.g. the follow-up schedules its monthly contacts).
    answers = dict(closing_answers or {}) if closing else {}
    for listener in phase_listeners():
        listener(
            case=case, to_phase=to_phase, actor=actor, on_date=on_date, closing_answers=answers
        )
    return case


@transaction.atomic
def record_follow_up_outcome(
    *,
    case: Case,
    actor: User,
    outcome: str,
    recidivism_offence: str = "",
    recidivism_on=None,
    labour_outcome: str = "",
) -> Case:
    """Correct or complete the outcome of a closed case (e.g. a recidivism learnt later)."""
    permissions.ensure_can_change(case=case, user=actor)
    if outcome == "recidivism" and not recidivism_offence.strip():
        raise ValidationError({"recidivism_offence": "Indique el delito de la reincidencia."})
    case.outcome = outcome
    case.recidivism_offence = recidivism_offence
    case.recidivism_on = recidivism_on
    if labour_outcome:
        case.labour_outcome = labour_outcome
    case.full_clean()
    with set_actor(actor):
        case.save()
    return case


@transaction.atomic
def record_labour_outcome(*, case: Case, actor: User, labour_outcome: str, source: str) -> Case:
    """Update a case's labour status from an outcome recorded elsewhere (e.g. a referral).

    The CALLER has checked the actor's right to record that outcome (for instance
    ``red.actions.record_outcome`` checks that the actor answers for the institution the
    referral was sent to): a partner user may not change the case otherwise. ``source``
    says where the new status comes from and is kept with the audit entry.
    """
    if labour_outcome not in LabourOutcome.values:
        raise ValidationError({"labour_outcome": "Situación laboral desconocida."})
    if not source.strip():
        raise ValueError("Indique el origen de la situación laboral.")
    if case.labour_outcome == labour_outcome:
        return case
    case.labour_outcome = labour_outcome
    case.full_clean()
    # set_actor plus the source in the audit entry's additional data.
    with set_extra_data(
        context_data={"actor": actor, "additional_data": {"case": case.pk, "source": source}}
    ):
        case.save(update_fields=["labour_outcome", "updated_at"])
    return case
