"""Reads over plans: the plan deadline of a case, agenda items and timeline entries."""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, F, Max, Q
from django.urls import reverse

from reinsercion.assessment.rules import deadlines
from reinsercion.cases.models import Case
from reinsercion.extensions import WORK_QUEUES, AgendaItem, Queue, QueueItem, TimelineEntry
from reinsercion.plans.models import (
    FeedbackSession,
    InterventionPlan,
    PlanEvent,
    PlanEventKind,
    PlanExtension,
    PlanObjective,
    PlanStatus,
)
from reinsercion.programs.permissions import reviewing_program_ids

# Activities record which objective they worked on (``ActivityRecord.objective``); only the
# sessions the person attended count as progress. The value is activities' Attendance.ATTENDED,
# written out because plans sits below activities.
ATTENDED = "attended"

DELIVERY_EVENTS = (PlanEventKind.SENT_TO_COURT,)


@dataclass(frozen=True)
class PlanDeadline:
    due_on: datetime.date
    extension_days: int
    delivered_on: datetime.date | None
    today: datetime.date

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.delivered_on is None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def delivered_late_by(self) -> int:
        return max(0, (self.delivered_on - self.due_on).days) if self.delivered_on else 0


def plan_deadline(case: Case, today: datetime.date) -> PlanDeadline | None:
    """45 days from the final sentence (+ the prórroga, if any); None without a sentence date."""
    if not case.sentence_final_on:
        return None
    extension = PlanExtension.objects.filter(case=case).first()
    days = extension.days if extension else 0
    delivered = (
        PlanEvent.objects.filter(plan__case=case, kind__in=DELIVERY_EVENTS)
        .order_by("on_date")
        .values_list("on_date", flat=True)
        .first()
    )
    return PlanDeadline(
        due_on=deadlines.plan_due_on(case.sentence_final_on, days),
        extension_days=days,
        delivered_on=delivered,
        today=today,
    )


def plan_due_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Plan (PII) due to court: one item per open case with a sentence date and no plan sent."""
    candidates = {
        c.pk: c
        for c in Case.objects.filter(pk__in=cases.values("pk"), sentence_final_on__isnull=False)
        .open()
        .select_related("person")
    }
    delivered = set(
        PlanEvent.objects.filter(
            plan__case__in=list(candidates), kind__in=DELIVERY_EVENTS
        ).values_list("plan__case_id", flat=True)
    )
    extensions = dict(
        PlanExtension.objects.filter(case__in=list(candidates)).values_list("case_id", "days")
    )
    items = []
    for case_id, case in candidates.items():
        if case_id in delivered:
            continue
        items.append(
            AgendaItem(
                due_on=deadlines.plan_due_on(case.sentence_final_on, extensions.get(case_id, 0)),
                kind="plan_due",
                kind_label="Plan de intervención al tribunal",
                title=f"Enviar el PII al tribunal: {case.person.full_name}",
                case_id=case_id,
                url=reverse("team:plan_list", args=[case_id]),
            )
        )
    return items


def plan_timeline(case) -> list[TimelineEntry]:
    entries = []
    for event in PlanEvent.objects.filter(plan__case=case).select_related("plan", "actor"):
        detail = event.comment
        if event.hearing_on:
            detail = f"Nueva audiencia: {event.hearing_on:%d-%m-%Y}. {detail}".strip()
        entries.append(
            TimelineEntry(
                when=event.on_date,
                kind="plan",
                kind_label="Plan de intervención",
                title=f"PII versión {event.plan.number}: {event.get_kind_display()}",
                detail=detail,
                url=event.plan.get_absolute_url(),
            )
        )
    for session in FeedbackSession.objects.filter(plan__case=case).select_related("plan"):
        entries.append(
            TimelineEntry(
                when=session.held_on,
                kind="plan_feedback",
                kind_label="Plan de intervención",
                title=f"Retroalimentación del PII versión {session.plan.number}",
                detail=session.get_agreement_display(),
                url=session.plan.get_absolute_url(),
            )
        )
    return entries


def current_plan(case: Case) -> InterventionPlan | None:
    """The case's plan in force: its newest version (older ones are «modificado»)."""
    return case.plans.order_by("-number").first()


def objective_choices(case: Case, keep=None):
    """The objectives a session can work on: those of the current plan, plus ``keep`` (the
    objective an existing record already points to, even if of an older version)."""
    plan = current_plan(case)
    chosen = Q(plan=plan) if plan else Q(pk__in=[])
    if keep is not None:
        chosen |= Q(pk=keep)
    return PlanObjective.objects.filter(chosen).order_by("plan", "sort_order", "pk")


def objectives_with_progress(plan: InterventionPlan):
    """The plan's objectives, each with ``sessions`` (attended activities that worked on it)
    and ``last_worked`` (when the latest of them took place)."""
    attended = Q(activity_records__attendance=ATTENDED)
    return plan.objectives.annotate(
        sessions=Count("activity_records", filter=attended),
        last_worked=Max("activity_records__occurred_at", filter=attended),
    )


def plan_queues(user, *, limit: int) -> list[Queue]:
    """Plans waiting for ``user``: sent for review in the programs they supervise or
    coordinate («Por visar»), and their own plans returned with comments («Devueltos»).
    Per queue a count and, for the ``limit`` longest waiting, one query for the plans and one
    for when they entered their status: bounded however many plans wait."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        to_review = Q(status=PlanStatus.IN_REVIEW)
    else:
        # Program ids from the roles read once per request: a literal list lets the database
        # start from the few waiting plans instead of every case.
        to_review = Q(status=PlanStatus.IN_REVIEW, case__program_id__in=reviewing_program_ids(user))
    visible = InterventionPlan.objects.filter(case__in=Case.objects.visible_to(user))
    filters = {
        "to_review": to_review,
        "returned": Q(status=PlanStatus.RETURNED, author=user),
    }
    counts = visible.filter(reduce(operator.or_, filters.values())).aggregate(
        **{key: Count("pk", filter=q) for key, q in filters.items()}
    )
    queues = [(key, visible.filter(q)) for key, q in filters.items()]
    result = []
    for key, plans in queues:
        count = counts[key]
        oldest = []
        if limit and count:
            # A plan is saved when its status changes: updated_at orders the waiting.
            oldest = list(plans.select_related("case__person").order_by("updated_at", "pk")[:limit])
        since = (
            dict(
                PlanEvent.objects.filter(
                    plan__in=[p.pk for p in oldest], to_status=F("plan__status")
                )
                .order_by()
                .values("plan_id")
                .annotate(at=Max("at"))
                .values_list("plan_id", "at")
            )
            if oldest
            else {}
        )
        items = [
            QueueItem(
                queue=key,
                kind_label="Plan de intervención",
                title=f"PII versión {plan.number} · {plan.case.person.full_name}"
                + (" · devuelto con observaciones" if key == "returned" else ""),
                since=since.get(plan.pk) or plan.updated_at,
                url=plan.get_absolute_url(),
                case_id=plan.case_id,
            )
            for plan in oldest
        ]
        result.append(Queue(key, WORK_QUEUES[key], count, items))
    return result
