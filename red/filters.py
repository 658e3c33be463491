import django_filters

from django import forms
from django.db.models import Q
from django.utils import timezone

from reinsercion.people.search import name_condition

from .choices import Purpose, Status
from .models import Referral
from .workflow import AWAITING_ANSWER


class ReferralFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Buscar",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Nombre o N° de derivación"}),
    )
    status = django_filters.ChoiceFilter(label="Estado", choices=Status.choices)
    purpose = django_filters.ChoiceFilter(label="Propósito", choices=Purpose.choices)
    pending = django_filters.ChoiceFilter(
        label="Respuesta",
        method="filter_pending",
        empty_label="Todas",
        choices=[("pending", "Por responder"), ("overdue", "Con plazo vencido")],
    )

    class Meta:
        model = Referral
        fields = ["q", "status", "purpose", "pending"]

    def __init__(self, *args, partner=False, **kwargs):
        super().__init__(*args, **kwargs)
        if partner:
            # Partners never see drafts.
            self.filters["status"].extra["choices"] = [
                c for c in Status.choices if c[0] != Status.DRAFT
            ]

    def search(self, queryset, name, value):
        """By the person's name (always shared) or by the referral number («12» or «12-2026»)."""
        value = value.strip()
        if not value:
            return queryset
        # Accents, capitals and word order do not matter (reinsercion.people.search).
        condition = name_condition(value, prefix="case__person__") or Q(pk__in=[])
        head = value.split("-")[0]
        if head.isdigit():
            condition |= Q(pk=int(head))
        return queryset.filter(condition)

    def filter_pending(self, queryset, name, value):
        queryset = queryset.filter(status__in=AWAITING_ANSWER)
        if value == "overdue":
            queryset = queryset.filter(answer_due_at__lt=timezone.now())
        return queryset
