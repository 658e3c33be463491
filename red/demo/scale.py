"""National-scale demo referrals: the network's share of ``manage.py demo_scale``.

About one case in four in plan, execution or exit is referred to an institution of the demo
network (a few twice), in every state of the workflow, with the events that got it there.
Partner institutions with portal users (OMIL, OTEC) receive their realistic share, so the
partner inbox is measured at scale.

Like the rest of the scale fixture, rows go straight to the tables (PostgreSQL ``COPY``) and
**bypass the per-row audit** and ``AuditedQuerySet`` on purpose: see ``reinsercion.demo.scale``.
"""

import datetime
import json
import random

from django.utils import timezone

from red.choices import OutcomeKind, Purpose, Status
from red.models import Institution, PartnerMembership, Referral, ReferralEvent
from red.workflow import ANSWERS, FINAL
from reinsercion.demo.scale import (
    TableWriter,
    analyze,
    ensure_demo_database,
    next_id,
    reset_sequences,
    scale_cases,
    scale_supervisors,
)
from reinsercion.programs.models import User

# Parts per hundred of referrals in each state.
STATE_WEIGHTS = {
    Status.DRAFT: 8,
    Status.SENT: 8,
    Status.RECEIVED: 8,
    Status.WAITING_LIST: 6,
    Status.REJECTED: 7,
    Status.ACCEPTED: 10,
    Status.IN_PROGRESS: 20,
    Status.COMPLETED: 28,
    Status.DROPPED_OUT: 5,
}
PATHS = {
    Status.DRAFT: [],
    Status.SENT: [Status.SENT],
    Status.RECEIVED: [Status.SENT, Status.RECEIVED],
    Status.WAITING_LIST: [Status.SENT, Status.RECEIVED, Status.WAITING_LIST],
    Status.REJECTED: [Status.SENT, Status.RECEIVED, Status.REJECTED],
    Status.ACCEPTED: [Status.SENT, Status.RECEIVED, Status.ACCEPTED],
    Status.IN_PROGRESS: [Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS],
    Status.COMPLETED: [
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
    ],
    Status.DROPPED_OUT: [Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.DROPPED_OUT],
}
OUTCOMES = {
    Purpose.JOB_PLACEMENT: OutcomeKind.HIRED,
    Purpose.TRADE_TRAINING: OutcomeKind.TRAINING_COMPLETED,
    Purpose.DRUG_TREATMENT: OutcomeKind.TREATMENT_COMPLETED,
    Purpose.SCHOOLING: OutcomeKind.SCHOOLING_ENROLLED,
    Purpose.RECORD_ELIMINATION: OutcomeKind.RECORD_ELIMINATED,
}
DETAILS = {
    Purpose.JOB_PLACEMENT: "Apoyo en búsqueda de empleo dependiente; tiene experiencia en bodega.",
    Purpose.TRADE_TRAINING: "Postulación a curso de oficio (soldadura o electricidad).",
    Purpose.DRUG_TREATMENT: "Evaluación de ingreso a tratamiento ambulatorio.",
    Purpose.SCHOOLING: "Nivelación de estudios de enseñanza media.",
}
REFERRED_PHASES = ("plan", "execution", "exit")


def build(*, seed=2024, stdout=None) -> dict[str, int]:
    """Write the scale referrals; the caller holds the transaction."""
    ensure_demo_database()
    rng = random.Random(seed)
    delta = datetime.timedelta
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    institutions = list(Institution.objects.filter(is_active=True).order_by("pk"))
    if not institutions:
        return {}
    partners = dict(
        PartnerMembership.objects.filter(is_active=True)
        .order_by("institution_id", "pk")
        .values_list("institution_id", "user_id")
    )
    # Institutions with portal users get three times the share of the others.
    weights = [3 if i.pk in partners else 1 for i in institutions]
    supervisors = scale_supervisors()
    cases = [c for c in scale_cases() if c[1] in REFERRED_PHASES]
    emails = dict(User.objects.filter(pk__in={c[4] for c in cases}).values_list("pk", "email"))
    states, state_weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())

    referral_id, event_id = next_id(Referral), next_id(ReferralEvent)
    referrals, events = [], []
    for case_id, _, opened_on, closed_on, professional in cases:
        if rng.random() >= 0.25:
            continue
        for _ in range(2 if rng.random() < 0.1 else 1):
            institution = rng.choices(institutions, weights)[0]
            purpose = rng.choice(institution.purposes or [Purpose.OTHER])
            status = rng.choices(states, state_weights)[0]
            end = closed_on or today
            day = opened_on + delta(days=30 + rng.randrange(max((end - opened_on).days - 30, 1)))
            created = datetime.datetime.combine(day, datetime.time(10), tzinfo=tz)
            sent = created + delta(hours=2) if status != Status.DRAFT else None
            partner = partners.get(institution.pk, professional)
            supervisor = rng.choice(supervisors) if supervisors else professional
            stamps = {"received": None, "answered": None, "closed": None}
            previous, at = Status.DRAFT, sent
            for to_status in PATHS[status]:
                actor = professional if to_status == Status.SENT else partner
                events.append((event_id, referral_id, previous, to_status, at, actor, ""))
                event_id += 1
                if to_status == Status.RECEIVED:
                    stamps["received"] = at
                if to_status in ANSWERS and stamps["answered"] is None:
                    stamps["answered"] = at
                if to_status in FINAL:
                    stamps["closed"] = at
                previous = to_status
                at = at + delta(hours=rng.choice([5, 20, 30, 60, 70]))
            completed = status == Status.COMPLETED
            referrals.append(
                (referral_id, case_id, institution.pk, purpose,
                 DETAILS.get(purpose, "Orientación y apoyo según el plan de intervención."),
                 json.dumps(["rut", "comuna"]), professional, emails.get(professional, ""),
                 status, status != Status.DRAFT, day if sent else None,
                 professional if sent else None, supervisor if sent else None,
                 created + delta(hours=1) if sent else None, sent,
                 sent + delta(hours=institution.response_hours) if sent else None,
                 stamps["received"], stamps["answered"], stamps["closed"],
                 "Sin cupos hasta el próximo llamado." if status == Status.REJECTED else "",
                 OUTCOMES.get(purpose, OutcomeKind.OTHER) if completed else "",
                 stamps["closed"].date() if completed else None, professional, created, at
                 or created)
            )  # fmt: skip
            referral_id += 1

    counts = {}
    for model, columns, rows in (
        (
            Referral,
            ["id", "case_id", "institution_id", "purpose", "purpose_detail", "shared_fields",
             "professional_id", "contact_email", "status", "consent_given", "consent_on",
             "consent_recorded_by_id", "approved_by_id", "approved_at", "sent_at",
             "answer_due_at", "received_at", "answered_at", "closed_at", "rejection_reason",
             "outcome_kind", "outcome_on", "created_by_id", "created_at", "updated_at"],
            referrals,
        ),
        (
            ReferralEvent,
            ["id", "referral_id", "from_status", "to_status", "at", "actor_id", "note"],
            events,
        ),
    ):  # fmt: skip
        counts[model._meta.db_table] = TableWriter(model, columns).write(rows)
        if stdout:
            stdout.write(f"  {model._meta.db_table:<36} {counts[model._meta.db_table]:>10,} filas")
    reset_sequences([Referral, ReferralEvent])
    analyze([Referral, ReferralEvent])
    return counts
