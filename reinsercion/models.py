"""The app's models, defined in its components; Django loads them from here.

Components import each other's models from their own modules, never from this one.
"""

from reinsercion.access import AccessRecord
from reinsercion.activities.models import (
    ActivityRecord,
    Appointment,
    ContactException,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)
from reinsercion.agenda.models import AgendaEntry
from reinsercion.assessment.models import (
    Assessment,
    Domain,
    DomainScore,
    Instrument,
    InstrumentVersion,
    RiskCutoff,
)
from reinsercion.cases.models import Case, PhasePeriod
from reinsercion.documents.models import CaseDocument, DocumentType
from reinsercion.idempotency import FormSubmission
from reinsercion.imports.models import ImportBatch
from reinsercion.indicators.models import IndicatorSnapshot
from reinsercion.notifications.models import Notification, NotificationSettings, OutgoingEmail
from reinsercion.paperwork import Letterhead
from reinsercion.people.models import Comuna, Person, Region
from reinsercion.plans.models import (
    FeedbackSession,
    InterventionPlan,
    PlanEvent,
    PlanExtension,
    PlanObjective,
)
from reinsercion.privacy.models import DataSubjectRequest, Incident
from reinsercion.programs.models import Cohort, Program, TeamMembership, User
from reinsercion.reports.models import FollowUpReport, MixedSentenceEvaluation, SentenceRequest

__all__ = [
    "DataSubjectRequest",
    "Incident",
    "AccessRecord",
    "IndicatorSnapshot",
    "Comuna",
    "Region",
    "ImportBatch",
    "AgendaEntry",
    "Appointment",
    "Assessment",
    "Domain",
    "DomainScore",
    "FeedbackSession",
    "Instrument",
    "InstrumentVersion",
    "InterventionPlan",
    "PlanEvent",
    "PlanExtension",
    "PlanObjective",
    "RiskCutoff",
    "Case",
    "CaseDocument",
    "DocumentType",
    "Cohort",
    "FormSubmission",
    "Person",
    "Letterhead",
    "Notification",
    "NotificationSettings",
    "OutgoingEmail",
    "PhasePeriod",
    "Program",
    "TeamMembership",
    "User",
    "ActivityRecord",
    "ContactException",
    "CourtReport",
    "FollowUpContact",
    "NonComplianceReport",
    "WorkshopSeries",
    "WorkshopSession",
    "FollowUpReport",
    "MixedSentenceEvaluation",
    "SentenceRequest",
]
