"""Contract templates in the Wagtail admin, read only, for administrators.

Templates hold no case data, but they change only through
``contratos.actions.edit_template`` (which creates a new version), so the admin lists and
shows versions and never edits them. Web editors have no permission on these models and
do not see the menu item; contracts and signers are never registered here.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ContractTemplateVersion


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"add", "change", "delete"})


register_permission_policy(
    ContractTemplateVersion, ReadOnlyPermissionPolicy(ContractTemplateVersion)
)


class ContractTemplateVersionViewSet(ModelViewSet):
    model = ContractTemplateVersion
    icon = "doc-full"
    menu_label = "Plantillas de contrato social"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["template", "number", "title", "change_note", "created_at", "created_by"]
    list_filter = ["template"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "template",
        "number",
        "title",
        "preamble",
        "clauses",
        "closing",
        "change_note",
        "created_by",
        "created_at",
    ]
    exclude_form_fields = []


@hooks.register("register_admin_viewset")
def register_contract_template_viewset():
    return ContractTemplateVersionViewSet("contract_templates")
