"""Back office in the Wagtail admin: program settings and teams (catalogues, no case data).

Only users with the models' permissions (administrators) see these menus; web editors don't.
"""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from reinsercion.documents.models import DocumentType
from reinsercion.programs.models import Program, TeamMembership


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "cog"
    menu_label = "Programas"
    list_display = ["code", "name", "uses_cohorts", "max_cohort_size", "is_active"]
    search_fields = ["code", "name"]
    form_fields = [
        "code",
        "name",
        "owner",
        "description",
        "is_active",
        "uses_cohorts",
        "max_cohort_size",
        "max_members_per_year",
        "phases",
        "exit_types",
        "phone_control_counts_as_absence",
        "requires_court_data",
        "impact_phase",
        "impact_min_months",
        "follow_up_months",
        "min_monthly_events",
        "accompaniment_kinds",
        "events_target_pct",
        "risk_reduction_target_pct",
        "court_report_months",
    ]


class TeamMembershipViewSet(ModelViewSet):
    model = TeamMembership
    icon = "group"
    menu_label = "Equipos"
    list_display = ["user", "program", "role"]
    list_filter = ["program", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    form_fields = ["user", "program", "role"]


class DocumentTypeViewSet(ModelViewSet):
    model = DocumentType
    icon = "doc-full"
    menu_label = "Tipos de documento"
    list_display = ["name", "is_active", "sort_order"]
    form_fields = ["name", "is_active", "sort_order"]


class CaseModuleGroup(ModelViewSetGroup):
    menu_label = "Programas y equipos"
    menu_icon = "cogs"
    items = (
        ProgramViewSet("programas"),
        TeamMembershipViewSet("equipos"),
        DocumentTypeViewSet("tipos-de-documento"),
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return CaseModuleGroup()


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def second_factor_menu_item():
    """Administrators reset someone's second factor (reinsercion/second_factor/views.py)."""
    return SuperuserMenuItem(
        "Segundo factor de las cuentas",
        reverse("second_factor:user_list"),
        icon_name="lock",
        order=900,
    )
