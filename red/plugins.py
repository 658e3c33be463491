"""What red plugs into the case module (registered in ``RedConfig.ready``)."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from reinsercion.extensions import AgendaItem, QueueItem, TimelineEntry
from reinsercion.programs.permissions import reviewing_program_ids

from . import actions
from .choices import Status
from .models import Referral, ReferralEvent
from .workflow import OPEN

# The closing move's questions about the case's open referrals (``closing_fields``).
ON_CLOSING = "referrals_on_closing"
CLOSING_REASON = "referrals_closing_reason"
CLOSE, KEEP = "close", "keep"


def closing_fields(case) -> dict:
    """When the case has open referrals, closing it asks whether to close them (with a
    reason) or keep them with their institutions. One query."""
    institutions = sorted(
        {
            str(r.institution)
            for r in case.referrals.filter(status__in=OPEN).select_related("institution")
        }
    )
    if not institutions:
        return {}
    return {
        ON_CLOSING: forms.ChoiceField(
            label=f"Derivaciones abiertas ({', '.join(institutions)})",
            choices=[
                (CLOSE, "Cerrarlas: se avisa a cada institución"),
                (KEEP, "Mantenerlas abiertas: la persona continúa con la institución"),
            ],
            initial=CLOSE,
            required=False,
            widget=forms.RadioSelect,
        ),
        CLOSING_REASON: forms.CharField(
            label="Motivo del cierre de las derivaciones",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Queda en cada derivación y la institución lo lee en el portal (no va en "
            "el correo). Si lo deja en blanco, se registra el tipo de egreso.",
        ),
    }


def close_referrals_on_closing(*, case, to_phase, actor, on_date, closing_answers) -> None:
    """Closing a case closes its open referrals through the workflow, unless the team chose
    to keep them with their institutions."""
    if to_phase != case.program.terminal_phase:
        return
    if closing_answers.get(ON_CLOSING) == KEEP:
        return
    reason = (closing_answers.get(CLOSING_REASON) or "").strip()
    if not reason:
        reason = f"Egreso del caso: {case.get_exit_type_display()}."
    actions.withdraw_open_referrals(case=case, actor=actor, reason=reason)


def overdue_answers(cases, today):
    """Referrals of ``cases`` still waiting for the institution's answer, due on the day the
    institution's response time runs out. One query whatever the number of cases."""
    referrals = (
        Referral.objects.awaiting_answer()
        .filter(case__in=cases)
        .select_related("institution")
        .order_by("answer_due_at")
    )
    now = timezone.now()
    items = []
    for referral in referrals:
        overdue = referral.is_overdue(now)
        items.append(
            AgendaItem(
                due_on=timezone.localtime(referral.answer_due_at).date(),
                kind="referral_answer",
                kind_label="Respuesta atrasada de la red" if overdue else "Respuesta de la red",
                title=(
                    f"{referral.institution} debe responder la derivación N° {referral.number}"
                    + (" (plazo vencido)" if overdue else "")
                ),
                case_id=referral.case_id,
                url=reverse("red:referral_detail", args=[referral.case_id, referral.pk]),
            )
        )
    return items


def referral_timeline(case):
    """Each move and progress note of the case's referrals. One query."""
    events = ReferralEvent.objects.filter(referral__case=case).select_related(
        "referral__institution", "actor"
    )
    entries = []
    for event in events:
        referral = event.referral
        if event.is_progress_note:
            title = f"Avance de {referral.institution} en la derivación N° {referral.number}"
        elif event.to_status == Status.SENT:
            title = f"Derivación N° {referral.number} enviada a {referral.institution}"
        else:
            title = (
                f"Derivación N° {referral.number} a {referral.institution}: "
                f"{Status(event.to_status).label.lower()}"
            )
        entries.append(
            TimelineEntry(
                when=event.at,
                kind="referral",
                kind_label="Derivación",
                title=title,
                detail=event.note,
                url=reverse("red:referral_detail", args=[case.pk, referral.pk]),
            )
        )
    return entries


def referrals_to_approve(user):
    """Drafts with the person's consent waiting for the visado of ``user`` (supervision or
    coordination of the case's program), oldest first: the «Por visar» queue. Two queries."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        reviewing = None
    else:
        reviewing = reviewing_program_ids(user)
        if not reviewing:
            return []  # no query for who reviews nothing
    drafts = (
        Referral.objects.filter(
            status=Status.DRAFT,
            consent_given=True,
            approved_at__isnull=True,
        )
        .select_related("institution", "case__person")
        .order_by("created_at")
    )
    if reviewing is not None:
        drafts = drafts.filter(case__program__in=reviewing)
    return [
        QueueItem(
            queue="to_review",
            kind_label="Derivación",
            title=f"Derivación a {referral.institution} · {referral.case.person.full_name}",
            since=referral.created_at,
            url=reverse("red:referral_detail", args=[referral.case_id, referral.pk]),
            case_id=referral.case_id,
        )
        for referral in drafts
    ]
