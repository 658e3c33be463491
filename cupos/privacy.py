"""What cupos holds about a person: slot requests and the consents signed for them."""

from reinsercion.extensions import SubjectSection, rows_of

from .models import ProgramConsent, SlotRequest


def subject_sections(person, cases):
    requests = SlotRequest.objects.filter(case__in=cases)
    yield SubjectSection(
        "slot_requests",
        "Solicitudes de cupo en programas",
        rows_of(requests.select_related("case", "program")),
    )
    yield SubjectSection(
        "program_consents",
        "Consentimientos firmados para los programas",
        rows_of(
            ProgramConsent.objects.filter(request__in=requests).select_related("request"),
            exclude=["signature"],
        ),
    )
