"""Recording risk and need assessments. Reassessments are new rows; nothing is overwritten."""

import datetime
from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reinsercion.assessment.models import (
    Assessment,
    AssessmentReason,
    Axis,
    DomainScore,
    InstrumentVersion,
)
from reinsercion.assessment.rules.levels import NeedLevel, RiskLevel, highest_need
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.programs.models import User


def available_versions(case: Case):
    """Instrument versions a professional may use on ``case`` (active, for its program)."""

    return (
        InstrumentVersion.objects.filter(is_active=True, instrument__is_active=True)
        .filter(Q(instrument__programs__isnull=True) | Q(instrument__programs=case.program_id))
        .select_related("instrument")
        .prefetch_related("domains")
        .distinct()
        .order_by("instrument__name", "-valid_from", "-pk")
    )


def plain_number(value) -> str:
    """10.00 → "10", 2.50 → "2.5"."""
    return format(Decimal(value).normalize(), "f")


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@transaction.atomic
def record_assessment(
    *,
    case: Case,
    version: InstrumentVersion,
    actor: User,
    assessed_on: datetime.date,
    scores: dict,
    paper_needs: dict | None = None,
    paper_level: str = "",
    override_level: str = "",
    override_reason: str = "",
    reason: str = AssessmentReason.INITIAL,
    protective_factors: str = "",
    significant_other: str = "",
    notes: str = "",
) -> Assessment:
    """Record an assessment of ``case`` with ``version``.

    ``scores`` maps domain id → score; ``paper_needs`` maps domain id → need level for the
    domains whose cut-offs the institution has not configured (read from the paper sheet).
    The risk level comes from the version's cut-offs, or from ``paper_level`` when it has
    none; ``override_level`` replaces it and needs a written ``override_reason``.
    """
    case_permissions.ensure_can_change(case=case, user=actor)
    if not available_versions(case).filter(pk=version.pk).exists():
        raise ValidationError("Este instrumento no está disponible para el programa del caso.")
    paper_needs = paper_needs or {}
    errors: dict[str, list[str]] = {}

    def error(field, message):
        errors.setdefault(field, []).append(message)

    if assessed_on > timezone.localdate():
        error("assessed_on", "La fecha de evaluación no puede estar en el futuro.")
    domains = list(version.domains.all())
    if not domains:
        raise ValidationError("Esta versión del instrumento no tiene dominios configurados.")
    rows = []
    for domain in domains:
        score = _decimal(scores.get(domain.pk))
        field = f"score_{domain.pk}"
        if score is None:
            error(field, f"Ingrese el puntaje de «{domain.name}».")
            continue
        if score < domain.min_score or (domain.max_score is not None and score > domain.max_score):
            top = plain_number(domain.max_score) if domain.max_score is not None else "—"
            low = plain_number(domain.min_score)
            error(field, f"«{domain.name}»: el puntaje debe estar entre {low} y {top}.")
            continue
        need, from_paper = domain.need_for(score), False
        if not domain.is_static and not domain.need_cutoffs_configured:
            need, from_paper = paper_needs.get(domain.pk, ""), True
            if need not in NeedLevel.values:
                error(
                    f"need_{domain.pk}",
                    f"«{domain.name}»: indique el nivel de necesidad de la hoja de puntuación "
                    "(los puntos de corte están por configurar).",
                )
                continue
        rows.append((domain, score, need, from_paper))

    total = sum((score for _, score, _, _ in rows), Decimal(0)) if version.has_total else None
    computed = ""
    if version.gives_risk_level:
        if version.risk_cutoffs_configured:
            computed = version.risk_level_for(total)
            paper_level = ""
        elif paper_level not in RiskLevel.values:
            error(
                "paper_level",
                "Indique el nivel de riesgo que arroja la hoja de puntuación (los puntos de "
                "corte de esta versión están por configurar).",
            )
    else:
        paper_level = ""
        if override_level:
            error("override_level", "Este instrumento no entrega un nivel de riesgo.")
    if override_level:
        if override_level not in RiskLevel.values:
            error("override_level", "Nivel de riesgo desconocido.")
        elif override_level == (computed or paper_level):
            error("override_level", "El nivel modificado es igual al calculado.")
        if not override_reason.strip():
            error(
                "override_reason",
                "Modificar el nivel calculado requiere una justificación escrita.",
            )
    if errors:
        raise ValidationError(errors)

    # The contact tables read the need of the criminogenic (section 1) subcomponents.
    needs = [
        need
        for domain, _, need, _ in rows
        if not domain.is_static and domain.axis == Axis.CRIMINOGENIC
    ]
    assessment = Assessment(
        case=case,
        version=version,
        assessed_on=assessed_on,
        reason=reason,
        assessor=actor,
        total_score=total,
        computed_level=computed,
        paper_level=paper_level,
        override_level=override_level,
        override_reason=override_reason.strip() if override_level else "",
        level=override_level or computed or paper_level,
        need_level=highest_need(needs),
        protective_factors=protective_factors,
        significant_other=significant_other,
        notes=notes,
    )
    assessment.full_clean()
    with set_actor(actor):
        assessment.save()
        for domain, score, need, from_paper in rows:
            DomainScore.objects.create(
                assessment=assessment,
                domain=domain,
                score=score,
                need_level=need,
                need_from_paper=from_paper,
            )
    return assessment
