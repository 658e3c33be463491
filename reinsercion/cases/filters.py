import django_filters

from django import forms
from django.db.models import Q

from reinsercion.cases.models import Case
from reinsercion.people.rut import normalize_rut
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, Program, User


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Buscar",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Nombre o RUT"}),
    )
    program = django_filters.ModelChoiceFilter(label="Programa", queryset=Program.objects.none())
    cohort = django_filters.ModelChoiceFilter(label="Generación", queryset=Cohort.objects.none())
    phase = django_filters.ChoiceFilter(label="Fase", choices=Phase.choices)
    professional = django_filters.ModelChoiceFilter(
        label="Profesional", queryset=User.objects.none(), field_name="professionals"
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
        self.filters["cohort"].queryset = Cohort.objects.filter(
            program__in=programs
        ).select_related("program")
        self.filters["cohort"].field.label_from_instance = lambda c: f"{c.program.code} · {c}"
        self.filters["professional"].queryset = (
            User.objects.filter(memberships__program__in=programs, memberships__role="professional")
            .distinct()
            .order_by("first_name")
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            condition &= Q(person__first_names__icontains=word) | Q(
                person__last_names__icontains=word
            )
        try:
            condition |= Q(person__rut=normalize_rut(value))
        except forms.ValidationError:
            digits = "".join(ch for ch in value if ch.isdigit())
            if len(digits) >= 4:
                condition |= Q(person__rut__startswith=digits)
        return queryset.filter(condition)

    def filter_status(self, queryset, name, value):
        closed = Q(phase__in=["closed", "exit"])
        return queryset.filter(closed) if value == "closed" else queryset.exclude(closed)
