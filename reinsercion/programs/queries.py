"""Reads of programs, generations and team members, always within the user's programs."""

import re

from django.db.models import Q

from reinsercion.programs.choices import Role
from reinsercion.programs.models import Cohort, User

SUGGESTIONS = 15
_TRAILING_PARENS = re.compile(r"\(([^()]+)\)\s*$")


def professionals_of(programs):
    return (
        User.objects.filter(
            pk__in=User.objects.filter(
                memberships__program__in=programs, memberships__role=Role.PROFESSIONAL
            ).values("pk")
        )
        .filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def professional_label(user) -> str:
    """What the professional filter shows and accepts back: the name and the username."""
    return f"{user.get_full_name() or user.username} ({user.username})"


def matching_professionals(value: str, programs):
    """Professionals of ``programs`` a typed filter value means: a suggestion picked from the
    list (it ends in the username), an id, or words of the name."""
    value = (value or "").strip()
    people = professionals_of(programs)
    if not value:
        return people.none()
    if value.isdigit():
        return people.filter(pk=int(value))
    picked = _TRAILING_PARENS.search(value)
    if picked:
        return people.filter(username=picked.group(1).strip())
    condition = Q()
    for word in value.split():
        condition &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return people.filter(condition)


def cohort_label(cohort) -> str:
    return f"{cohort.program.code} · {cohort}"


def cohorts_of(programs):
    return (
        Cohort.objects.filter(program__in=programs)
        .select_related("program")
        .order_by("program__code", "-ordinal")
    )


_COHORT_LABEL = re.compile(r"^\s*([\w-]+)\s*·\s*(\d+)")


def matching_cohorts(value: str, programs):
    """Generations of ``programs`` a typed filter value means: a picked suggestion
    ("OPV · 7ª generación (2018)"), an id, a year, or an ordinal."""
    value = (value or "").strip()
    cohorts = cohorts_of(programs)
    if not value:
        return cohorts.none()
    picked = _COHORT_LABEL.match(value)
    if picked:
        return cohorts.filter(program__code__iexact=picked.group(1), ordinal=picked.group(2))
    if value.isdigit():
        number = int(value)
        if number > 1900:
            return cohorts.filter(year=number)
        return cohorts.filter(Q(pk=number))
    return cohorts.filter(program__code__iexact=value)


def suggest_professionals(term: str, programs) -> list[str]:
    return [professional_label(u) for u in matching_professionals(term, programs)[:SUGGESTIONS]]


def suggest_cohorts(term: str, programs) -> list[str]:
    term = (term or "").strip()
    cohorts = cohorts_of(programs)
    if term:
        digits = "".join(ch for ch in term if ch.isdigit())
        words = Q()
        for word in term.replace("·", " ").split():
            if not word.isdigit() and word.lower() not in {"generación", "generacion", "ª"}:
                words &= Q(program__code__icontains=word)
        if digits:
            words &= Q(ordinal=int(digits)) | Q(year=int(digits))
        cohorts = cohorts.filter(words)
    return [cohort_label(c) for c in cohorts[:SUGGESTIONS]]
