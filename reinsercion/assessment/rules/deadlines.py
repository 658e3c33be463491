"""Deadlines of the plan (LV norms 2.3 and DOMAIN.md §3)."""

import datetime

from dateutil.relativedelta import relativedelta

PLAN_DAYS_AFTER_FINAL_SENTENCE = 45
MAX_EXTENSION_DAYS = 15
EXTENSION_REQUEST_WINDOW_DAYS = 10  # calendar days after the intake meeting
REASSESSMENT_MONTHS = 12


def plan_due_on(sentence_final_on: datetime.date | None, extension_days: int = 0):
    if sentence_final_on is None:
        return None
    return sentence_final_on + datetime.timedelta(
        days=PLAN_DAYS_AFTER_FINAL_SENTENCE + (extension_days or 0)
    )


def extension_request_deadline(intake_meeting_on: datetime.date | None):
    if intake_meeting_on is None:
        return None
    return intake_meeting_on + datetime.timedelta(days=EXTENSION_REQUEST_WINDOW_DAYS)


def reassessment_due_on(last_assessed_on: datetime.date):
    return last_assessed_on + relativedelta(months=REASSESSMENT_MONTHS)


def pre_end_reassessment_due_on(sentence_ends_on: datetime.date | None):
    """Reassessment in the month before the sentence ends: due one month before its end."""
    if sentence_ends_on is None:
        return None
    return sentence_ends_on - relativedelta(months=1)
