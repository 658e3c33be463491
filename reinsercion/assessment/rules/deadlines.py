"""Deadlines of the plan and the reassessments (LV norms 2.3, Ley 18.216 art. 16, DOMAIN.md §3).

The intake deadlines live with the case (``reinsercion.cases.intake``).

Each says whether it counts calendar days, business days or hours
(``reinsercion.business_days``), as the norms do.
"""

import datetime

from dateutil.relativedelta import relativedelta

from reinsercion.business_days import Deadline, Unit

# The plan (Ley 18.216 art. 16; LV norms 2.3).
PLAN = Deadline(45, Unit.CALENDAR_DAYS, "Ley 18.216 art. 16: PII desde la sentencia ejecutoriada")
PLAN_DAYS_AFTER_FINAL_SENTENCE = PLAN.amount
MAX_EXTENSION_DAYS = 15
EXTENSION_REQUEST = Deadline(
    10, Unit.CALENDAR_DAYS, "Normas técnicas LV 2.3: pedir ampliación desde la reunión de ingreso"
)
EXTENSION_REQUEST_WINDOW_DAYS = EXTENSION_REQUEST.amount
REASSESSMENT_MONTHS = 12
# The reassessment before the end of the sentence is done in its last month, read as the 30
# days before the end date (docs/decisions/0005): the agenda's longest view is 30 days, so
# the item shows there the day it opens, whatever the length of the month.
PRE_END_REASSESSMENT_WINDOW = datetime.timedelta(days=30)


def plan_due_on(sentence_final_on: datetime.date | None, extension_days: int = 0, region: str = ""):
    """45 calendar days from the final sentence, plus any extension granted; a last day on a
    weekend or holiday moves to the next business day (docs/decisions/0004)."""
    if sentence_final_on is None:
        return None
    days = PLAN_DAYS_AFTER_FINAL_SENTENCE + (extension_days or 0)
    return Deadline(days, PLAN.unit, PLAN.norm).due_on(sentence_final_on, region)


def extension_request_deadline(intake_meeting_on: datetime.date | None, region: str = ""):
    if intake_meeting_on is None:
        return None
    return EXTENSION_REQUEST.due_on(intake_meeting_on, region)


def reassessment_due_on(last_assessed_on: datetime.date):
    return last_assessed_on + relativedelta(months=REASSESSMENT_MONTHS)


def pre_end_reassessment_due_on(sentence_ends_on: datetime.date | None):
    """The reassessment before the sentence ends is due at its end date."""
    return sentence_ends_on


def pre_end_reassessment_opens_on(sentence_ends_on: datetime.date | None):
    """From this day (a month before the end) the reassessment before the end is shown, and an
    assessment on or after it counts as that reassessment."""
    if sentence_ends_on is None:
        return None
    return sentence_ends_on - PRE_END_REASSESSMENT_WINDOW
