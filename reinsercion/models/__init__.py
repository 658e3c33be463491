from .cases import Case, PhasePeriod
from .people import Person
from .programs import Cohort, Program
from .users import TeamMembership, User

__all__ = ["Case", "Cohort", "Person", "PhasePeriod", "Program", "TeamMembership", "User"]

# Sessions, workshops, follow-up and reports (issue 4).
from .activities import (  # noqa: E402
    ActivityRecord,
    CourtReport,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)

__all__ += [
    "ActivityRecord",
    "CourtReport",
    "FollowUpContact",
    "NonComplianceReport",
    "WorkshopSeries",
    "WorkshopSession",
]
