"""Every change to an intervention plan (PII): content, objectives, workflow, feedback
session and deadline extension. Versions are never overwritten."""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reinsercion.assessment.models import RISK_KINDS, Assessment, Axis, Domain
from reinsercion.assessment.queries import RiskProfile, latest_per_instrument, profile_for_case
from reinsercion.assessment.rules import deadlines
from reinsercion.assessment.rules.contact import ControlFrequency, interval_for_frequency
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.notifications.actions import case_reference, notify
from reinsercion.notifications.choices import NotificationKind
from reinsercion.plans.models import (
    AREA_AXIS,
    MAX_IN_PROGRESS,
    MAX_OBJECTIVES,
    FeedbackSession,
    InterventionPlan,
    ObjectiveStatus,
    PlanArea,
    PlanEvent,
    PlanEventKind,
    PlanExtension,
    PlanObjective,
    PlanStatus,
    areas_for,
    default_layout,
    layouts_for,
)
from reinsercion.plans.workflow import get_transition
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Role
from reinsercion.programs.models import User

PLAN_FIELDS = (
    "layout",
    "synthesis",
    "control_frequency",
    "control_frequency_other",
    "control_justification",
    "development",
    "telematic_monitoring",
    "other_conditions",
)


def _latest_assessments(case: Case) -> list[Assessment]:
    return latest_per_instrument(
        list(
            case.assessments.select_related("version__instrument").prefetch_related(
                "scores__domain"
            )
        )
    )


def eligible_domains(case: Case) -> list[Domain]:
    """Areas a plan must target: domains marked media/alta need in the case's latest
    assessment of each instrument (LV norms 3.1: no objectives in areas without problems)."""
    domains = []
    for assessment in _latest_assessments(case):
        domains.extend(s.domain for s in assessment.need_domains())
    return domains


def is_below_minimum(plan: InterventionPlan, profile: RiskProfile | None) -> bool:
    """Whether the plan's control frequency is less demanding than the minimum contact the
    case's current risk profile asks for (LV norms, Cuadros 1–5)."""
    days = interval_for_frequency(plan.control_frequency)
    return bool(
        profile
        and plan.status != PlanStatus.MODIFIED
        and days
        and days > profile.recommendation.interval_days
    )


def offered_domains(case: Case) -> list[Domain]:
    """Assessed areas a plan may target: criminogenic domains marked as needs, and every
    dynamic domain of the non-criminogenic and adherence axes, which complement the
    intervention without being a measured need (LV norms 5.1)."""
    domains = []
    for assessment in _latest_assessments(case):
        needs = {s.domain_id for s in assessment.need_domains()}
        domains.extend(
            s.domain
            for s in assessment.scores.all()
            if s.domain_id in needs
            or (s.domain.axis != Axis.CRIMINOGENIC and not s.domain.is_static)
        )
    return domains


def _ensure_editable(plan):
    if not plan.is_editable:
        raise ValidationError(
            f"El plan está «{plan.get_status_display()}»: solo se edita en borrador o cuando "
            "supervisión lo devuelve. Para cambiarlo, cree una nueva versión."
        )


def _clean_plan_fields(data, program):
    errors = {}
    allowed = layouts_for(program)
    if "layout" in data and data["layout"] not in allowed:
        names = " o ".join(f"«{layout.label}»" for layout in allowed)
        errors["layout"] = f"Los planes de {program.code} usan el formato {names}."
    if (
        data.get("control_frequency") == ControlFrequency.OTHER
        and not (data.get("control_frequency_other") or "").strip()
    ):
        errors["control_frequency_other"] = "Indique cuál es la otra frecuencia."
    if errors:
        raise ValidationError(errors)


def _event(plan, *, actor, kind, from_status, comment="", hearing_on=None, on_date=None):
    PlanEvent.objects.create(
        plan=plan,
        kind=kind,
        from_status=from_status,
        to_status=plan.status,
        actor=actor,
        on_date=on_date or timezone.localdate(),
        comment=comment,
        hearing_on=hearing_on,
    )


@transaction.atomic
def create_plan(
    *, case: Case, actor: User, on_date: datetime.date | None = None, **data
) -> InterventionPlan:
    """Start the first version of a case's plan, based on its current risk assessment."""
    case_permissions.ensure_can_change(case=case, user=actor)
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    if case.plans.exists():
        raise ValidationError(
            "Este caso ya tiene un plan. Para cambiarlo, cree una nueva versión desde el plan."
        )
    profile = profile_for_case(case)
    if profile is None:
        raise ValidationError(
            "Registre primero una evaluación de riesgo y necesidades: el plan se basa en ella."
        )
    data.setdefault("layout", default_layout(case.program))
    _clean_plan_fields(data, case.program)
    plan = InterventionPlan(
        case=case,
        number=1,
        assessment=profile.source,
        author=actor,
        risk_level=profile.level,
        **data,
    )
    plan.full_clean()
    with set_actor(actor):
        plan.save()
        _event(plan, actor=actor, kind=PlanEventKind.CREATED, from_status="", on_date=on_date)
        if case.drug_treatment_condition:
            _propose_treatment_referral(plan, profile.source)
    return plan


TREATMENT_OBJECTIVE = (
    "Derivación a tratamiento de rehabilitación por consumo de drogas y/o alcohol, condición "
    "impuesta por el tribunal."
)
TREATMENT_ACTIONS = (
    "Derivar a un centro de tratamiento, coordinar el ingreso y solicitar al centro los "
    "informes de avance para los informes al tribunal."
)


def _propose_treatment_referral(plan: InterventionPlan, assessment: Assessment) -> None:
    """A court-imposed drug-treatment condition: the plan's first, priority objective is the
    referral to treatment (Ley 18.216 art. 17 bis; LV norms 4.6), on the assessment's drug
    domain when it has one; the delegado/a may reword it."""
    drug_domain = assessment.version.domains.filter(code="alcohol_drugs").first()
    PlanObjective.objects.create(
        plan=plan,
        domain=drug_domain,
        area="" if drug_domain else PlanArea.MENTAL_HEALTH,
        axis=drug_domain.axis if drug_domain else AREA_AXIS[PlanArea.MENTAL_HEALTH],
        objective=TREATMENT_OBJECTIVE,
        actions=TREATMENT_ACTIONS,
        status=ObjectiveStatus.IN_PROGRESS,
        sort_order=1,
    )


@transaction.atomic
def allow_limits_exception(
    *,
    plan: InterventionPlan,
    actor: User,
    max_objectives: int,
    max_in_progress: int,
    reason: str,
    on_date: datetime.date | None = None,
) -> InterventionPlan:
    """Supervision allows this plan version more objectives than the norms recommend (4 in
    all, 2 at a time), with a recorded reason. Never its own author."""
    if plan.author_id == actor.pk or not program_permissions.can_supervise(
        actor, plan.case.program
    ):
        raise PermissionDenied("Solo la supervisión del programa autoriza esta excepción.")
    _ensure_editable(plan)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Fundamente la excepción: queda registrada con el plan."
    if (max_objectives or 0) < MAX_OBJECTIVES:
        errors["max_objectives"] = f"La excepción permite {MAX_OBJECTIVES} objetivos o más."
    if (max_in_progress or 0) < MAX_IN_PROGRESS:
        errors["max_in_progress"] = f"La excepción permite {MAX_IN_PROGRESS} en proceso o más."
    elif max_objectives and max_in_progress > max_objectives:
        errors["max_in_progress"] = "No puede haber más objetivos en proceso que en el plan."
    if errors:
        raise ValidationError(errors)
    plan.exception_max_objectives = max_objectives
    plan.exception_max_in_progress = max_in_progress
    plan.exception_reason = reason.strip()
    plan.exception_by = actor
    plan.exception_on = on_date or timezone.localdate()
    with set_actor(actor):
        plan.save()
    return plan


@transaction.atomic
def update_plan(*, plan: InterventionPlan, actor: User, **data) -> InterventionPlan:
    case_permissions.ensure_can_change(case=plan.case, user=actor)
    _ensure_editable(plan)
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Campos desconocidos: {', '.join(sorted(unknown))}")
    _clean_plan_fields(data, plan.case.program)
    for field, value in data.items():
        setattr(plan, field, value)
    plan.full_clean()
    with set_actor(actor):
        plan.save()
    return plan


def _check_in_progress(plan, objective, status):
    if status != ObjectiveStatus.IN_PROGRESS:
        return
    others = plan.objectives.filter(status=ObjectiveStatus.IN_PROGRESS)
    if objective.pk:
        others = others.exclude(pk=objective.pk)
    limit = plan.max_in_progress
    if others.count() >= limit:
        raise ValidationError(
            {
                "status": (
                    f"Ya hay {limit} objetivos en proceso: no se trabajan más de "
                    f"{limit} a la vez. Cierre uno antes de iniciar otro."
                )
            }
        )


@transaction.atomic
def add_objective(
    *,
    plan: InterventionPlan,
    actor: User,
    objective: str,
    actions: str,
    domain: Domain | None = None,
    area: str = "",
    sentence_year: int = 1,
    status: str = ObjectiveStatus.PENDING,
) -> PlanObjective:
    """Add a row to the plan, on an assessed ``domain`` or on an ``area`` of the plan.

    At most 4 objectives in the plan, at most 2 in progress, whatever their axis, unless
    supervision allowed more (``allow_limits_exception``). Criminogenic
    needs (LV norms 3.1): only domains the latest assessment marked as needs. The
    non-criminogenic and adherence axes are not restricted to measured needs: their assessed
    domains and the plan's areas (OPV adds its ámbitos familiar and laboral) are allowed.
    """
    case_permissions.ensure_can_change(case=plan.case, user=actor)
    _ensure_editable(plan)
    if (domain is None) == (not area):
        raise ValueError("Indique un dominio evaluado o un área del plan, no ambos.")
    if area:
        if area not in areas_for(plan.printed_layout):
            raise ValidationError({"domain": "Esa área no corresponde al formato del plan."})
        axis = AREA_AXIS[area]
    else:
        axis = domain.axis
    if plan.objectives.count() >= plan.max_objectives:
        raise ValidationError(
            f"El plan ya tiene {plan.max_objectives} objetivos, el máximo. Las demás áreas se "
            "incorporan cuando se cumplan los objetivos actuales (en una nueva versión), o "
            "supervisión autoriza una excepción fundada."
        )
    if domain is not None and axis == Axis.CRIMINOGENIC:
        if domain.pk not in {d.pk for d in eligible_domains(plan.case)}:
            raise ValidationError(
                {
                    "domain": (
                        f"«{domain.name}» no es una necesidad (media o alta) en la última "
                        "evaluación: el plan solo incluye objetivos en áreas con necesidad."
                    )
                }
            )
    if status not in (ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS):
        raise ValidationError({"status": "Un objetivo nuevo está pendiente o en proceso."})
    row = PlanObjective(
        plan=plan,
        domain=domain,
        area=area,
        axis=axis,
        objective=objective,
        actions=actions,
        sentence_year=sentence_year,
        status=status,
        sort_order=plan.objectives.count() + 1,
    )
    _check_in_progress(plan, row, status)
    row.full_clean()
    with set_actor(actor):
        row.save()
    return row


@transaction.atomic
def update_objective(
    *, objective: PlanObjective, actor: User, objective_text: str, actions: str, sentence_year: int
) -> PlanObjective:
    case_permissions.ensure_can_change(case=objective.plan.case, user=actor)
    _ensure_editable(objective.plan)
    objective.objective = objective_text
    objective.actions = actions
    objective.sentence_year = sentence_year
    objective.full_clean()
    with set_actor(actor):
        objective.save()
    return objective


@transaction.atomic
def remove_objective(*, objective: PlanObjective, actor: User) -> None:
    case_permissions.ensure_can_change(case=objective.plan.case, user=actor)
    _ensure_editable(objective.plan)
    with set_actor(actor):
        objective.delete()


@transaction.atomic
def set_objective_status(
    *,
    objective: PlanObjective,
    actor: User,
    status: str,
    reason: str = "",
    note: str = "",
    on_date: datetime.date | None = None,
) -> PlanObjective:
    """Record an objective's progress: en proceso, cumplido, no cumplido (with its reason)."""
    plan = objective.plan
    case_permissions.ensure_can_change(case=plan.case, user=actor)
    if plan.status == PlanStatus.MODIFIED:
        raise ValidationError("Esta versión del plan fue reemplazada: registre en la vigente.")
    if status not in ObjectiveStatus.values:
        raise ValidationError({"status": "Estado desconocido."})
    if status == ObjectiveStatus.NOT_ACHIEVED and not reason:
        raise ValidationError(
            {
                "reason": "Indique el motivo: atribuible a la persona, decisión del/de la "
                "profesional o falta de recursos."
            }
        )
    if on_date and on_date > timezone.localdate():
        raise ValidationError({"status_changed_on": "La fecha no puede estar en el futuro."})
    _check_in_progress(plan, objective, status)
    objective.status = status
    objective.not_achieved_reason = reason if status == ObjectiveStatus.NOT_ACHIEVED else ""
    objective.status_note = note
    objective.status_changed_on = on_date or timezone.localdate()
    objective.full_clean()
    with set_actor(actor):
        objective.save()
    return objective


@transaction.atomic
def transition_plan(
    *,
    plan: InterventionPlan,
    actor: User,
    to_status: str,
    comment: str = "",
    hearing_on: datetime.date | None = None,
    on_date: datetime.date | None = None,
    control_justification: str | None = None,
) -> InterventionPlan:
    """Move the plan along its workflow (see ``plan_workflow.TRANSITIONS``).

    A plan whose control frequency is below the case's minimum goes to supervision only with
    the technical justification of the frequency (LV norms); ``control_justification``, when
    given on the way to supervision, replaces the plan's."""
    transition = get_transition(plan, actor, to_status)
    errors = {}
    if to_status == PlanStatus.IN_REVIEW:
        if control_justification is not None:
            plan.control_justification = control_justification.strip()
        profile = profile_for_case(plan.case)
        if is_below_minimum(plan, profile) and not plan.control_justification.strip():
            errors["control_justification"] = (
                "La frecuencia del control es menos exigente que el mínimo vigente "
                f"({profile.recommendation.frequency.lower()}, {profile.recommendation.rule}): "
                "justifíquela con criterio técnico antes de enviar el plan a supervisión."
            )
    if transition.needs_comment and not comment.strip():
        errors["comment"] = "Escriba las observaciones para quien elaboró el plan."
    if transition.needs_hearing and not hearing_on:
        errors["hearing_on"] = "Indique la nueva fecha de audiencia."
    if on_date and on_date > timezone.localdate():
        errors["on_date"] = "La fecha no puede estar en el futuro."
    if to_status == PlanStatus.IN_REVIEW and not plan.objectives.exists():
        if eligible_domains(plan.case):
            errors["__all__"] = "Agregue al menos un objetivo antes de enviar el plan."
    if errors:
        raise ValidationError(errors)
    source = plan.status
    plan.status = to_status
    if to_status == PlanStatus.ENDORSED:
        plan.supervisor = actor
    if transition.needs_hearing:
        plan.court_hearing_on = hearing_on
    with set_actor(actor):
        plan.save()
        _event(
            plan,
            actor=actor,
            kind=transition.event,
            from_status=source,
            comment=comment.strip(),
            hearing_on=hearing_on,
            on_date=on_date,
        )
    _notify_transition(plan, to_status, actor)
    return plan


def _notify_transition(plan: InterventionPlan, to_status: str, actor: User) -> None:
    """Sent for review: supervision and coordination of the program are told; returned or
    visado: the author is."""
    if to_status == PlanStatus.IN_REVIEW:
        kind = NotificationKind.PLAN_SUBMITTED
        recipients = User.objects.filter(
            is_active=True,
            memberships__program_id=plan.case.program_id,
            memberships__role__in=(Role.SUPERVISION, Role.COORDINATION),
        ).distinct()
    elif to_status in (PlanStatus.RETURNED, PlanStatus.ENDORSED):
        kind = (
            NotificationKind.PLAN_RETURNED
            if to_status == PlanStatus.RETURNED
            else NotificationKind.PLAN_ENDORSED
        )
        recipients = [plan.author] if plan.author_id else []
    else:
        return
    notify(
        recipients=recipients,
        kind=kind,
        reference=f"{case_reference(plan.case)} · PII versión {plan.number}",
        url=plan.get_absolute_url(),
        case=plan.case,
        target=f"plans.plan:{plan.pk}",
        actor=actor,
    )


@transaction.atomic
def new_plan_version(
    *,
    plan: InterventionPlan,
    actor: User,
    comment: str = "",
    on_date: datetime.date | None = None,
) -> InterventionPlan:
    """Start the next version of a plan.

    - A plan in execution (or approved) is *modified* only after a new risk assessment; the
      new version is based on it and goes through supervision again.
    - A plan the court rejected is *reformulated* on the same assessment.
    Objectives whose area is still a need are carried over; the old version is kept as is.
    """
    case = plan.case
    case_permissions.ensure_can_change(case=case, user=actor)
    if hasattr(plan, "next_version"):
        raise ValidationError("Esta versión ya tiene una versión posterior.")
    if plan.status in (PlanStatus.IN_EXECUTION, PlanStatus.APPROVED):
        newest = (
            Assessment.objects.filter(case=case, version__instrument__kind__in=RISK_KINDS)
            .exclude(level="")
            .order_by("-assessed_on", "-pk")
            .first()
        )
        base = plan.assessment
        if newest is None or (newest.assessed_on, newest.pk) <= (base.assessed_on, base.pk):
            raise ValidationError(
                "Para modificar un plan en ejecución se requiere una nueva evaluación de riesgo "
                "y necesidades, posterior a la que sustenta esta versión."
            )
        profile = profile_for_case(case)
        assessment, level = profile.source, profile.level
        old_status = PlanStatus.MODIFIED
    elif plan.status == PlanStatus.REJECTED:
        assessment, level = plan.assessment, plan.risk_level
        old_status = PlanStatus.REJECTED
    else:
        raise ValidationError(
            "Solo se crea una nueva versión de un plan en ejecución (modificación) o rechazado "
            "por el tribunal (reformulación)."
        )
    new = InterventionPlan(
        case=case,
        number=plan.number + 1,
        previous=plan,
        assessment=assessment,
        author=actor,
        risk_level=level,
        **{field: getattr(plan, field) for field in PLAN_FIELDS},
    )
    new.full_clean()
    eligible = {d.pk for d in offered_domains(case)}
    from_status = plan.status
    with set_actor(actor):
        new.save()
        _event(
            new,
            actor=actor,
            kind=PlanEventKind.CREATED,
            from_status="",
            comment=comment,
            on_date=on_date,
        )
        if old_status != plan.status:
            plan.status = old_status
            plan.save()
            _event(
                plan,
                actor=actor,
                kind=PlanEventKind.MODIFIED,
                from_status=from_status,
                comment=comment,
                on_date=on_date,
            )
        order = 0
        for row in plan.objectives.all():
            if row.status == ObjectiveStatus.ACHIEVED or (
                row.domain_id and row.domain_id not in eligible
            ):
                continue
            order += 1
            PlanObjective.objects.create(
                plan=new,
                domain=row.domain,
                area=row.area,
                axis=row.axis,
                objective=row.objective,
                actions=row.actions,
                sentence_year=row.sentence_year,
                sort_order=order,
                status=row.status
                if row.status in (ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS)
                else ObjectiveStatus.PENDING,
            )
    return new


@transaction.atomic
def record_feedback_session(
    *,
    plan: InterventionPlan,
    actor: User,
    held_on: datetime.date,
    agreement: str,
    person_words: str = "",
    notes: str = "",
) -> FeedbackSession:
    """Record the session in which the person takes part in their plan."""
    case_permissions.ensure_can_change(case=plan.case, user=actor)
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "La fecha no puede estar en el futuro."
    if agreement != "not_asked" and not person_words.strip():
        errors["person_words"] = "Registre lo que la persona dijo del plan, con sus palabras."
    if errors:
        raise ValidationError(errors)
    session = FeedbackSession(
        plan=plan,
        held_on=held_on,
        agreement=agreement,
        person_words=person_words.strip(),
        notes=notes,
        recorded_by=actor,
    )
    session.full_clean()
    with set_actor(actor):
        session.save()
    return session


@transaction.atomic
def record_plan_extension(
    *, case: Case, actor: User, requested_on: datetime.date, days: int, reason: str
) -> PlanExtension:
    """Record a prórroga of the plan deadline (LV norms 2.3): up to 15 days, requested
    within the first 10 calendar days after the intake meeting."""
    case_permissions.ensure_can_change(case=case, user=actor)
    errors = {}
    if PlanExtension.objects.filter(case=case).exists():
        raise ValidationError("Este caso ya tiene registrada una prórroga del plan.")
    if case.intake_meeting_on is None:
        raise ValidationError(
            "Registre primero la fecha de la reunión de ingreso del caso: el plazo para pedir "
            "la prórroga se cuenta desde ella."
        )
    if case.sentence_final_on is None:
        raise ValidationError("El caso no tiene fecha de sentencia ejecutoriada: no hay plazo.")
    limit = deadlines.extension_request_deadline(case.intake_meeting_on)
    if requested_on < case.intake_meeting_on:
        errors["requested_on"] = "La solicitud no puede ser anterior a la reunión de ingreso."
    elif requested_on > limit:
        elapsed = (requested_on - case.intake_meeting_on).days
        errors["requested_on"] = (
            f"La prórroga se solicita dentro de los 10 días corridos desde la reunión de "
            f"ingreso (hasta el {limit:%d-%m-%Y}); esta solicitud es del día {elapsed}."
        )
    if requested_on > timezone.localdate():
        errors["requested_on"] = "La fecha no puede estar en el futuro."
    if not 1 <= (days or 0) <= deadlines.MAX_EXTENSION_DAYS:
        errors["days"] = f"La prórroga es de 1 a {deadlines.MAX_EXTENSION_DAYS} días."
    if not reason.strip():
        errors["reason"] = "Indique el fundamento de la prórroga."
    if errors:
        raise ValidationError(errors)
    extension = PlanExtension(
        case=case, requested_on=requested_on, days=days, reason=reason.strip(), recorded_by=actor
    )
    extension.full_clean()
    with set_actor(actor):
        extension.save()
    return extension
