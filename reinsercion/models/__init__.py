from .activities import (
    ActivityRecord,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)
from .assessments import (
    Assessment,
    Domain,
    DomainScore,
    Instrument,
    InstrumentVersion,
    RiskCutoff,
)
from .cases import Case, PhasePeriod
from .people import Person
from .plans import (
    FeedbackSession,
    InterventionPlan,
    PlanEvent,
    PlanExtension,
    PlanObjective,
)
from .programs import Cohort, Program
from .users import TeamMembership, User

__all__ = [
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
    "Cohort",
    "Person",
    "PhasePeriod",
    "Program",
    "TeamMembership",
    "User",
    "ActivityRecord",
    "CourtReport",
    "FollowUpContact",
    "NonComplianceReport",
    "WorkshopSeries",
    "WorkshopSession",
]
