from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NetworkInstitution


class NetworkInstitutionViewSet(SnippetViewSet):
    model = NetworkInstitution
    icon = "group"
    menu_label = "Red de instituciones"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "acronym", "level", "programs"]
    list_filter = ["level"]
    search_fields = ["name", "acronym", "coordination"]


register_snippet(NetworkInstitutionViewSet)
