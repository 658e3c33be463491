"""Plugs every component into the audit log and the case module's extension points.

Called once from ``ReinsercionConfig.ready()``, when the models are loaded. The order is the
components' dependency order (docs/architecture.md).
"""

from reinsercion.activities import setup as activities
from reinsercion.agenda import setup as agenda
from reinsercion.assessment import setup as assessment
from reinsercion.cases import setup as cases
from reinsercion.documents import setup as documents
from reinsercion.notifications import setup as notifications
from reinsercion.people import setup as people
from reinsercion.plans import setup as plans
from reinsercion.privacy import setup as privacy
from reinsercion.programs import setup as programs
from reinsercion.reports import setup as reports
from reinsercion.results import setup as results
from reinsercion.second_factor import setup as second_factor

# agenda last: it follows the models the others' agenda sources declared.
COMPONENTS = [
    programs,
    people,
    cases,
    assessment,
    plans,
    activities,
    reports,
    documents,
    notifications,
    privacy,
    results,
    agenda,
    second_factor,
]


def register_all() -> None:
    for component in COMPONENTS:
        component.register()
