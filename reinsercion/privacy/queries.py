"""What the platform holds about a person (the access export), and the requests' deadlines."""

import datetime

from dateutil.relativedelta import relativedelta

from django.db.models import Q
from django.urls import reverse

from reinsercion.access import AccessRecord
from reinsercion.activities.models import ActivityRecord
from reinsercion.assessment.models import Assessment
from reinsercion.cases.models import Case
from reinsercion.documents.models import CaseDocument
from reinsercion.extensions import AgendaItem, SubjectSection, rows_of, subject_sources
from reinsercion.people.models import Person
from reinsercion.plans.models import InterventionPlan, PlanObjective
from reinsercion.privacy.models import DataSubjectRequest
from reinsercion.programs.choices import Role
from reinsercion.programs.permissions import programs_with_role
from reinsercion.reports.models import FollowUpReport


def case_module_sections(person: Person, cases):
    """What the case module holds about the person in ``cases``: the person, the cases,
    assessments, plans, sessions, court reports, documents, data requests and the access
    trail."""
    yield SubjectSection(
        "person",
        "Datos personales",
        rows_of([person], exclude=["search_name"]),
    )
    yield SubjectSection(
        "cases",
        "Casos",
        rows_of(cases.select_related("program", "cohort")),
    )
    yield SubjectSection(
        "assessments",
        "Evaluaciones de riesgo y necesidades",
        rows_of(Assessment.objects.filter(case__in=cases).select_related("case", "version")),
    )
    yield SubjectSection(
        "plans",
        "Planes de intervención",
        rows_of(InterventionPlan.objects.filter(case__in=cases).select_related("case")),
    )
    yield SubjectSection(
        "objectives",
        "Objetivos de los planes",
        rows_of(PlanObjective.objects.filter(plan__case__in=cases).select_related("plan")),
    )
    yield SubjectSection(
        "sessions",
        "Sesiones y actividades",
        rows_of(
            ActivityRecord.objects.filter(case__in=cases).select_related("case", "recorded_by")
        ),
    )
    yield SubjectSection(
        "reports",
        "Informes al tribunal",
        rows_of(FollowUpReport.objects.filter(case__in=cases), exclude=["content"]),
    )
    yield SubjectSection(
        "documents",
        "Documentos adjuntos",
        rows_of(
            CaseDocument.objects.filter(case__in=cases).select_related("document_type"),
            exclude=["file"],
        ),
    )
    yield SubjectSection(
        "data_requests",
        "Solicitudes sobre sus datos",
        rows_of(DataSubjectRequest.objects.filter(case__in=cases)),
    )
    yield SubjectSection(
        "access_log",
        "Quién ha visto sus datos",
        rows_of(
            _reads(person, cases).select_related("user", "case"),
            exclude=["person", "path"],
        ),
    )


def _reads(person: Person, cases):
    """The access trail of the person in ``cases``: every read when they are all of the
    person's cases; else the reads of those cases, and of the person's page by the teams of
    their programs (another program's reads are that program's to tell)."""
    reads = AccessRecord.objects.filter(person=person)
    if not Case.objects.filter(person=person).exclude(pk__in=cases.values("pk")).exists():
        return reads
    programs = cases.values("program_id")
    return reads.filter(
        Q(case__in=cases) | Q(case__isnull=True, user__memberships__program__in=programs)
    ).distinct()


def subject_sections(person: Person, cases) -> list[SubjectSection]:
    """What the platform holds about ``person`` in ``cases``: the case module's sections, then
    each app's."""
    sections = list(case_module_sections(person, cases))
    for key, source in sorted(subject_sources().items()):
        if key != "case_module":
            sections.extend(source(person, cases))
    return sections


def export_cases(person: Person, user):
    """The cases an access export covers when ``user`` answers it: every case of the person
    for an administrator; otherwise only those of the programs the user works in (each
    program's coordination answers for its own data)."""
    cases = Case.objects.filter(person=person)
    return cases if user.is_superuser else cases.visible_to(user)


def retained_until(person: Person) -> tuple[datetime.date | None, Case | None]:
    """(the last day the program's retention rule keeps the person's data, the case that sets
    it); (None, open case) while a case is open; (None, None) with no case."""
    cases = list(Case.objects.filter(person=person).select_related("program"))
    for case in cases:
        if case.closed_on is None:
            return None, case
    if not cases:
        return None, None
    ends = [(c.closed_on + relativedelta(years=c.program.retention_years), c) for c in cases]
    return max(ends, key=lambda pair: pair[0])


def requests_for(user):
    """The requests the user answers: those of the programs they coordinate."""
    requests = DataSubjectRequest.objects.select_related(
        "case__person", "case__program", "answered_by"
    )
    if user.is_superuser:
        return requests
    return requests.filter(case__program__in=programs_with_role(user, Role.COORDINATION))


def request_agenda(cases, today: datetime.date) -> list[AgendaItem]:
    """Source for the agenda: an unanswered request is due 30 days after it was received.
    One query."""
    return [
        AgendaItem(
            r.due_on,
            "data_request",
            "Solicitud sobre datos personales",
            f"Responder la solicitud de {r.get_kind_display().lower()} de "
            f"{r.case.person.full_name} (Ley 21.719)",
            r.case_id,
            reverse("team:data_request", args=[r.pk]),
        )
        for r in DataSubjectRequest.objects.filter(
            case__in=cases.values("pk"), answered_on__isnull=True
        ).select_related("case__person")
    ]
