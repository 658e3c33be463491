import django_filters

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy

from reinsercion.cases.models import Case
from reinsercion.forms import SuggestInput
from reinsercion.people.rut import normalize_rut
from reinsercion.people.search import name_condition, rank_by_similarity
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Program
from reinsercion.programs.queries import matching_cohorts, matching_professionals


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Buscar",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Nombre o RUT"}),
    )
    program = django_filters.ModelChoiceFilter(
        label="Programa", queryset=Program.objects.none(), empty_label="Todos"
    )
    cohort = django_filters.CharFilter(
        label="Generación",
        method="filter_cohort",
        widget=SuggestInput(
            reverse_lazy("team:suggest_cohorts"), attrs={"placeholder": "Ej.: OPV · 7"}
        ),
    )
    phase = django_filters.ChoiceFilter(label="Fase", choices=Phase.choices, empty_label="Todas")
    professional = django_filters.CharFilter(
        label="Profesional",
        method="filter_professional",
        widget=SuggestInput(
            reverse_lazy("team:suggest_professionals"), attrs={"placeholder": "Nombre"}
        ),
    )
    status = django_filters.ChoiceFilter(
        label="Estado",
        method="filter_status",
        empty_label="Todos",
        choices=[("open", "Abiertos"), ("closed", "Cerrados")],
    )

    class Meta:
        model = Case
        fields = ["q", "program", "cohort", "phase", "professional", "status"]

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].queryset = programs
        self.programs = programs

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = name_condition(value, prefix="person__") or Q(pk__in=[])
        try:
            condition |= Q(person__rut=normalize_rut(value))
        except forms.ValidationError:
            digits = "".join(ch for ch in value if ch.isdigit())
            if len(digits) >= 4:
                condition |= Q(person__rut__startswith=digits)
        matches = queryset.filter(condition)
        # Best name matches first, unless the user sorted by a column.
        if not self.data.get("sort"):
            matches = rank_by_similarity(matches, value, prefix="person__")
        return matches

    def filter_cohort(self, queryset, name, value):
        return queryset.filter(cohort__in=matching_cohorts(value, self.programs))

    def filter_professional(self, queryset, name, value):
        assigned = Case.professionals.through.objects.filter(
            user__in=matching_professionals(value, self.programs)
        )
        return queryset.filter(pk__in=assigned.values("case_id"))

    def filter_status(self, queryset, name, value):
        closed = Q(phase__in=["closed", "exit"])
        return queryset.filter(closed) if value == "closed" else queryset.exclude(closed)
