from .cases import Case, PhasePeriod
from .people import Person
from .programs import Cohort, Program
from .users import TeamMembership, User

__all__ = ["Case", "Cohort", "Person", "PhasePeriod", "Program", "TeamMembership", "User"]
