"""Every change to a follow-up report: the draft from the case, its edits, supervision's
review, and the final version frozen with its PDF and SHA-256."""

import datetime

from auditlog.context import set_actor

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reinsercion.activities.models import CourtReport
from reinsercion.cases import permissions as case_permissions
from reinsercion.cases.models import Case
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.models import User
from reinsercion.reports.build import draft_content
from reinsercion.reports.models import (
    CourtAnswer,
    FollowUpReport,
    ObjectiveResult,
    ReportStatus,
    RequestKind,
    SentenceRequest,
)
from reinsercion.reports.pdf import frozen_content, render_report_pdf
from reinsercion.reports.requests import conditions

EDITABLE_FIELDS = ("attendance", "next_period", "requests_to_court")


@transaction.atomic
def start_report(*, case: Case, actor: User, due_on: datetime.date) -> FollowUpReport:
    """The draft of the report due on ``due_on``, filled from the plan and the period's
    sessions."""
    case_permissions.ensure_can_change(case=case, user=actor)
    if not case.program.requires_court_data:
        raise ValidationError("Este programa no informa al tribunal.")
    if FollowUpReport.objects.filter(case=case, due_on=due_on).exists():
        raise ValidationError({"due_on": f"Ya hay un informe con vencimiento {due_on:%d-%m-%Y}."})
    report = FollowUpReport(
        case=case, due_on=due_on, created_by=actor, **draft_content(case, due_on)
    )
    report.full_clean()
    with set_actor(actor):
        report.save()
    return report


def _ensure_editable(report):
    if not report.is_editable:
        raise ValidationError(
            f"El informe está «{report.get_status_display()}»: solo se edita en borrador o "
            "cuando supervisión lo devuelve."
        )


@transaction.atomic
def update_report(
    *, report: FollowUpReport, actor: User, objectives: list[dict] | None = None, **data
) -> FollowUpReport:
    """The delegado/a's edits: each objective's result, reason and description (a "no
    cumplido" says why), and the free sections."""
    case_permissions.ensure_can_change(case=report.case, user=actor)
    _ensure_editable(report)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Campos no editables: {', '.join(sorted(unknown))}")
    if objectives is not None:
        if len(objectives) != len(report.objectives):
            raise ValueError("Los objetivos del informe vienen del plan: no se agregan aquí.")
        errors = {}
        rows = []
        for i, (row, edit) in enumerate(zip(report.objectives, objectives, strict=True)):
            result = edit.get("result", row["result"])
            if result not in ObjectiveResult.values:
                errors[f"result_{i}"] = "Resultado desconocido."
            reason = (edit.get("reason", row["reason"]) or "").strip()
            if result == ObjectiveResult.NOT_ACHIEVED and not reason:
                errors[f"reason_{i}"] = "Un objetivo no cumplido indica el motivo."
            rows.append(
                {
                    **row,
                    "result": result,
                    "reason": reason if result == ObjectiveResult.NOT_ACHIEVED else "",
                    "description": (edit.get("description", row["description"]) or "").strip(),
                }
            )
        if errors:
            raise ValidationError(errors)
        report.objectives = rows
    for field, value in data.items():
        setattr(report, field, value.strip())
    report.full_clean()
    with set_actor(actor):
        report.save()
    return report


def _ensure_supervision(report, actor):
    if report.created_by_id == actor.pk or not program_permissions.can_supervise(
        actor, report.case.program
    ):
        raise PermissionDenied(
            "Solo la supervisión del programa revisa el informe, y nunca quien lo redactó."
        )


@transaction.atomic
def submit_report(*, report: FollowUpReport, actor: User) -> FollowUpReport:
    case_permissions.ensure_can_change(case=report.case, user=actor)
    _ensure_editable(report)
    report.status = ReportStatus.IN_REVIEW
    with set_actor(actor):
        report.save()
    return report


@transaction.atomic
def return_report(*, report: FollowUpReport, actor: User, comment: str) -> FollowUpReport:
    _ensure_supervision(report, actor)
    if report.status != ReportStatus.IN_REVIEW:
        raise ValidationError("Solo se devuelve un informe en revisión.")
    if not comment.strip():
        raise ValidationError({"comment": "Escriba las observaciones para quien lo redactó."})
    report.status = ReportStatus.RETURNED
    report.review_comment = comment.strip()
    with set_actor(actor):
        report.save()
    return report


@transaction.atomic
def finalize_report(*, report: FollowUpReport, actor: User) -> FollowUpReport:
    """Supervision authorises the report: its content is frozen with its SHA-256 and PDF, and
    it counts as sent to the court (the agenda's item for that due date leaves)."""
    _ensure_supervision(report, actor)
    if report.status != ReportStatus.IN_REVIEW:
        raise ValidationError("Solo se aprueba un informe en revisión.")
    now = timezone.now()
    report.status = ReportStatus.FINAL
    report.reviewed_by = actor
    report.frozen_at = now
    report.content = frozen_content(report)
    report.content_sha256 = report.compute_sha256()
    report.pdf.save(
        f"informes/{report.case_id}/informe-{report.pk}-{report.due_on:%Y%m%d}.pdf",
        ContentFile(render_report_pdf(report)),
        save=False,
    )
    with set_actor(actor):
        report.save()
        if not CourtReport.objects.filter(case=report.case, due_on=report.due_on).exists():
            CourtReport.objects.create(
                case=report.case,
                due_on=report.due_on,
                sent_on=timezone.localdate(),
                notes=f"Informe final generado en el sistema (SHA-256 {report.content_sha256}).",
                recorded_by=actor,
            )
    return report


@transaction.atomic
def request_sentence_change(
    *,
    case: Case,
    actor: User,
    kind: str,
    requested_on: datetime.date,
    grounds: str,
    substitute_with: str = "",
) -> SentenceRequest:
    """A reduction or substitution request; blocked, with every reason, while a condition of
    ``reports.requests.conditions`` is not met."""
    case_permissions.ensure_can_change(case=case, user=actor)
    if not case.program.requires_court_data:
        raise ValidationError("Este programa no hace solicitudes al tribunal.")
    errors = {}
    if requested_on > timezone.localdate():
        errors["requested_on"] = "La fecha no puede estar en el futuro."
    if not grounds.strip():
        errors["grounds"] = "Fundamente la solicitud."
    if kind == RequestKind.SUBSTITUTION and not substitute_with.strip():
        errors["substitute_with"] = "Indique la pena de menor intensidad que se propone."
    unmet = [c for c in conditions(case, kind, requested_on) if not c.met]
    if unmet:
        errors["__all__"] = [f"{c.label}: {c.detail}" for c in unmet]
    if errors:
        raise ValidationError(errors)
    request = SentenceRequest(
        case=case,
        kind=kind,
        requested_on=requested_on,
        grounds=grounds.strip(),
        substitute_with=substitute_with.strip() if kind == RequestKind.SUBSTITUTION else "",
        created_by=actor,
    )
    request.full_clean()
    with set_actor(actor):
        request.save()
    return request


@transaction.atomic
def record_court_answer(
    *, request: SentenceRequest, actor: User, answer: str, answered_on: datetime.date, note=""
) -> SentenceRequest:
    """The court's answer to a request; a refusal starts the six months' wait."""
    case_permissions.ensure_can_change(case=request.case, user=actor)
    errors = {}
    if answer not in (CourtAnswer.GRANTED, CourtAnswer.REFUSED):
        errors["answer"] = "Indique si el tribunal acogió o rechazó la solicitud."
    if answered_on < request.requested_on:
        errors["answered_on"] = "La respuesta no puede ser anterior a la solicitud."
    if answered_on > timezone.localdate():
        errors["answered_on"] = "La fecha no puede estar en el futuro."
    if errors:
        raise ValidationError(errors)
    request.answer, request.answered_on, request.answer_note = answer, answered_on, note.strip()
    with set_actor(actor):
        request.save()
    return request
