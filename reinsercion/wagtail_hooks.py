"""Back office in the Wagtail admin: program settings and teams (catalogues, no case data).

Only users with the models' permissions (administrators) see these menus; web editors don't.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from reinsercion.documents.models import DocumentType
from reinsercion.notifications.models import OutgoingEmail
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
        "supervision_regime",
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


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Listed and inspected, never added, changed or deleted in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"add", "change", "delete"})


register_permission_policy(OutgoingEmail, ReadOnlyPermissionPolicy(OutgoingEmail))


class OutgoingEmailViewSet(ModelViewSet):
    """The e-mail queue, read only: what the worker sent, what waits and what failed (with
    its error)."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = "Correos salientes"
    list_display = ["subject", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status"]
    exclude_form_fields = []
    inspect_view_enabled = True


class CaseModuleGroup(ModelViewSetGroup):
    menu_label = "Programas y equipos"
    menu_icon = "cogs"
    items = (
        ProgramViewSet("programas"),
        TeamMembershipViewSet("equipos"),
        DocumentTypeViewSet("tipos-de-documento"),
        OutgoingEmailViewSet("correos-salientes"),
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return CaseModuleGroup()
