import django_tables2 as tables

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from reinsercion.cases.tables import by_name

from .models import Referral


class PortalReferralTable(tables.Table):
    """The partner inbox. Only the person's name (always shared) appears here."""

    number = tables.Column(
        verbose_name="N°",
        accessor="pk",
        linkify=lambda record: record.get_portal_url(),
        order_by="pk",
    )
    person = tables.Column(
        verbose_name="Persona",
        accessor="case__person__full_name",
        order_by=("case__person__last_names", "case__person__first_names"),
        linkify=lambda record: record.get_portal_url(),
    )
    institution = tables.Column(verbose_name="Institución", accessor="institution")
    purpose = tables.Column(verbose_name="Propósito")
    program = tables.Column(verbose_name="Programa", accessor="case__program__code")
    sent_at = tables.DateTimeColumn(verbose_name="Enviada", format="d-m-Y H:i")
    answer_due_at = tables.Column(verbose_name="Plazo de respuesta", empty_values=())
    status = tables.Column(verbose_name="Estado")

    class Meta:
        model = Referral
        fields = [
            "number",
            "person",
            "institution",
            "purpose",
            "program",
            "sent_at",
            "answer_due_at",
            "status",
        ]
        attrs = {"class": "table"}
        empty_text = "No hay derivaciones que coincidan con la búsqueda."
        order_by = ("-sent_at",)
        per_page = 25
        template_name = "red/portal/_inbox_table.html"

    def order_person(self, queryset, is_descending):
        return by_name(queryset, is_descending, prefix="case__person__")

    def __init__(self, *args, show_institution=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = timezone.now()
        self.show_institution = show_institution
        if not show_institution:
            self.columns.hide("institution")

    def render_number(self, record):
        return record.number

    def render_institution(self, record):
        return str(record.institution)

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def render_answer_due_at(self, record):
        if not record.is_awaiting_answer:
            return "Respondida"
        due = timezone.localtime(record.answer_due_at)
        if record.is_overdue(self.now):
            return format_html(
                '<span class="badge badge--overdue">Vencido el {}</span>', f"{due:%d-%m-%Y %H:%M}"
            )
        return f"{due:%d-%m-%Y %H:%M}"


class StaffReferralTable(PortalReferralTable):
    """Referrals in the team's pages (per institution)."""

    number = tables.Column(
        verbose_name="N°",
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by="pk",
    )
    person = tables.Column(
        verbose_name="Persona",
        accessor="case__person__full_name",
        order_by=("case__person__last_names", "case__person__first_names"),
        linkify=lambda record: record.get_absolute_url(),
    )
    professional = tables.Column(verbose_name="Profesional", accessor="professional")

    class Meta(PortalReferralTable.Meta):
        fields = [*PortalReferralTable.Meta.fields, "professional"]
        order_by = ("-created_at",)
        template_name = settings.DJANGO_TABLES2_TEMPLATE

    def render_sent_at(self, value):
        return f"{timezone.localtime(value):%d-%m-%Y %H:%M}"

    def render_answer_due_at(self, record):
        if record.status == "draft":
            return "—"
        return super().render_answer_due_at(record)
