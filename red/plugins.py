"""What red plugs into the case module (registered in ``RedConfig.ready``)."""

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils import timezone

from reinsercion.extensions import (
    WORK_QUEUES,
    AgendaItem,
    IndicatorTable,
    Queue,
    QueueItem,
    TimelineEntry,
)
from reinsercion.programs.permissions import reviewing_program_ids

from . import actions
from .choices import Status
from .models import Institution, Referral, ReferralEvent
from .workflow import AWAITING_ANSWER, OPEN

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


def referral_answer_times(*, program, start, end) -> IndicatorTable | None:
    """Answer times per institution of the program's referrals sent between ``start`` and
    ``end`` (for the program's indicator page). Two queries."""
    rows = (
        Referral.objects.filter(
            case__program=program,
            sent_at__date__gte=start,
            sent_at__date__lte=end,
        )
        .exclude(status=Status.DRAFT)
        .order_by()
        .values_list("institution_id", "status", "sent_at", "answered_at", "answer_due_at")
    )
    now = timezone.now()
    stats: dict[int, dict] = {}
    for institution_id, status, sent_at, answered_at, due_at in rows:
        s = stats.setdefault(
            institution_id, {"sent": 0, "answered": 0, "on_time": 0, "overdue": 0, "hours": []}
        )
        s["sent"] += 1
        if answered_at:
            s["answered"] += 1
            s["hours"].append((answered_at - sent_at).total_seconds() / 3600)
            s["on_time"] += bool(due_at and answered_at <= due_at)
        elif status in AWAITING_ANSWER and due_at and due_at < now:
            s["overdue"] += 1
    names = dict(Institution.objects.filter(pk__in=list(stats)).values_list("pk", "name"))
    table_rows = []
    for institution_id, s in sorted(stats.items(), key=lambda item: names.get(item[0], "")):
        hours = sorted(s["hours"])
        median = None
        if hours:
            middle = len(hours) // 2
            median = hours[middle] if len(hours) % 2 else (hours[middle - 1] + hours[middle]) / 2
        table_rows.append(
            (
                names.get(institution_id, ""),
                s["sent"],
                s["answered"],
                Decimal(str(round(median, 1))) if median is not None else None,
                s["on_time"],
                s["overdue"],
            )
        )
    return IndicatorTable(
        title="Tiempos de respuesta de las derivaciones por institución",
        headers=(
            "Institución",
            "Derivaciones enviadas",
            "Respondidas",
            "Mediana de respuesta (horas)",
            "Respondidas dentro del plazo",
            "Vencidas sin respuesta",
        ),
        rows=tuple(table_rows),
        definition=(
            "Derivaciones del programa enviadas en el periodo (fecha de envío). Respuesta: "
            "aceptación, lista de espera o rechazo; plazo: el tiempo de respuesta de cada "
            "institución (48 horas salvo otro acuerdo, Normas Técnicas de Libertad Vigilada, "
            "2013). Fuente: las derivaciones registradas en la red."
        ),
    )


def referrals_to_approve(user, *, limit: int) -> list[Queue]:
    """Drafts with the person's consent waiting for the visado of ``user`` (supervision or
    coordination of the case's program), oldest first: the «Por visar» queue. A count and
    the ``limit`` oldest (two queries)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        reviewing = None
    else:
        reviewing = reviewing_program_ids(user)
        if not reviewing:
            return []  # no query for who reviews nothing
    drafts = Referral.objects.filter(
        status=Status.DRAFT,
        consent_given=True,
        approved_at__isnull=True,
    )
    if reviewing is not None:
        drafts = drafts.filter(case__program__in=reviewing)
    count = drafts.count()
    oldest = (
        drafts.select_related("institution", "case__person").order_by("created_at", "pk")[:limit]
        if limit and count
        else []
    )
    items = [
        QueueItem(
            queue="to_review",
            kind_label="Derivación",
            title=f"Derivación a {referral.institution} · {referral.case.person.full_name}",
            since=referral.created_at,
            url=reverse("red:referral_detail", args=[referral.case_id, referral.pk]),
            case_id=referral.case_id,
        )
        for referral in oldest
    ]
    return [Queue("to_review", WORK_QUEUES["to_review"], count, items)]
