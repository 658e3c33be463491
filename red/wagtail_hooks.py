"""The network's catalogue in the Wagtail admin (back office).

Only institutions and who answers for them: referrals are case data and never appear in
the Wagtail admin. Access follows Django model permissions (``red.*_institution``,
``red.*_partnermembership``), which web editors do not have.
"""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Institution, PartnerMembership


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "group"
    menu_label = "Instituciones"
    add_to_admin_menu = False
    list_display = ["name", "short_name", "kind", "comuna", "response_hours", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "ambit", "services"]
    form_fields = [
        "name",
        "short_name",
        "kind",
        "ambit",
        "services",
        "contact_name",
        "email",
        "phone",
        "address",
        "comuna",
        "response_hours",
        "is_active",
    ]


class PartnerMembershipViewSet(ModelViewSet):
    model = PartnerMembership
    icon = "user"
    menu_label = "Usuarios/as de instituciones"
    add_to_admin_menu = False
    list_display = ["user", "institution", "is_active"]
    list_filter = ["institution", "is_active"]
    form_fields = ["user", "institution", "is_active"]


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = "Red de instituciones"
    menu_icon = "group"
    menu_order = 300
    items = (InstitutionViewSet("institucion"), PartnerMembershipViewSet("usuario_institucion"))


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()
