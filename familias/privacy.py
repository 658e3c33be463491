"""What familias holds about a person, for the access export and the anonymisation
(Ley 21.719, registered in ``reinsercion.extensions``)."""

import datetime

from familias.models import FamilyIntervention, FamilyMember, FamilyProblem, SignificantReferent
from reinsercion.extensions import SubjectSection, rows_of


def subject_sections(person, cases):
    yield SubjectSection(
        "family_members",
        "Grupo familiar",
        rows_of(FamilyMember.objects.filter(case__in=cases).select_related("case")),
    )
    yield SubjectSection(
        "significant_referents",
        "Referentes significativos",
        rows_of(
            SignificantReferent.objects.filter(case__in=cases).select_related(
                "case", "member", "chosen_by"
            )
        ),
    )
    yield SubjectSection(
        "family_problems",
        "Problemáticas familiares",
        rows_of(FamilyProblem.objects.filter(case__in=cases).select_related("case")),
    )
    yield SubjectSection(
        "family_interventions",
        "Intervenciones familiares",
        rows_of(FamilyIntervention.objects.filter(case__in=cases).select_related("case")),
    )


def anonymise(person):
    """Family members of the person's cases: names, RUT and contact data replaced, the birth
    date cut to its year."""
    members = FamilyMember.objects.filter(case__person=person).order_by("pk")
    for number, member in enumerate(members, start=1):
        member.first_names = "Familiar"
        member.last_names = str(number)
        member.rut = ""
        member.phone = ""
        member.email = ""
        member.address = ""
        if member.birth_date:
            member.birth_date = datetime.date(member.birth_date.year, 1, 1)
        member.save()
