"""Back office in the Wagtail admin: program settings and teams (catalogues, no case data),
and the access trail (read-only: administrators search it, nobody changes it).

Only users with the models' permissions (administrators) see these menus; web editors don't.
"""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from reinsercion.access import AccessRecord
from reinsercion.documents.models import DocumentType
from reinsercion.notifications.models import OutgoingEmail
from reinsercion.privacy.models import Incident
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
        "retention_years",
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


class ReadOnlyPolicy(ModelPermissionPolicy):
    """View only, even for a superuser: the access trail (append-only) and the e-mail queue."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"add", "change", "delete"})


register_permission_policy(AccessRecord, ReadOnlyPolicy(AccessRecord))
register_permission_policy(OutgoingEmail, ReadOnlyPolicy(OutgoingEmail))


class AccessRecordViewSet(ModelViewSet):
    model = AccessRecord
    icon = "view"
    menu_label = "Registro de accesos"
    list_display = ["at", "user", "what", "case", "person", "ip_address", "purpose"]
    list_filter = ["at", "user", "case__program"]
    search_fields = [
        "what",
        "path",
        "purpose",
        "ip_address",
        "user__username",
        "user__first_name",
        "user__last_name",
        "person__first_names",
        "person__last_names",
        "person__rut",
    ]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["what"]


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


class IncidentViewSet(ModelViewSet):
    """The incident (breach) register, Ley 21.719: administrators record and follow each one."""

    model = Incident
    icon = "warning"
    menu_label = "Incidentes de seguridad"
    list_display = ["detected_at", "nature", "people_count", "agency_notified_on"]
    search_fields = ["nature", "data_affected", "people_affected", "measures"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = [
        "detected_at",
        "occurred_at",
        "nature",
        "data_affected",
        "people_affected",
        "people_count",
        "consequences",
        "measures",
        "agency_notified_on",
        "people_notified_on",
        "not_notified_reason",
    ]


class DataProtectionGroup(ModelViewSetGroup):
    menu_label = "Protección de datos"
    menu_icon = "lock"
    items = (AccessRecordViewSet("registro-de-accesos"), IncidentViewSet("incidentes"))


@hooks.register("register_admin_viewset")
def register_viewset():
    return CaseModuleGroup()


@hooks.register("register_admin_viewset")
def register_data_protection():
    return DataProtectionGroup()


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
