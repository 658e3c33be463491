"""The case module's URLs (/equipo/), gathered from its components in one "team" namespace."""

from reinsercion.activities import urls as activities
from reinsercion.agenda import urls as agenda
from reinsercion.assessment import urls as assessment
from reinsercion.cases import urls as cases
from reinsercion.documents import urls as documents
from reinsercion.imports import urls as imports
from reinsercion.indicators import urls as indicators
from reinsercion.notifications import urls as notifications
from reinsercion.people import urls as people
from reinsercion.plans import urls as plans
from reinsercion.privacy import urls as privacy
from reinsercion.programs import urls as programs
from reinsercion.reports import urls as reports

app_name = "team"

urlpatterns = [
    *programs.urlpatterns,
    *people.urlpatterns,
    *cases.urlpatterns,
    *assessment.urlpatterns,
    *plans.urlpatterns,
    *activities.urlpatterns,
    *reports.urlpatterns,
    *agenda.urlpatterns,
    *indicators.urlpatterns,
    *documents.urlpatterns,
    *notifications.urlpatterns,
    *privacy.urlpatterns,
    *imports.urlpatterns,
]
