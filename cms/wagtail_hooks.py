from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
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


@hooks.register("register_admin_urls")
def worker_check_urls():
    return [path("tareas/", admin_views.worker_check, name="cms_worker_check")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def worker_check_menu_item():
    return SuperuserMenuItem(
        "Tareas en segundo plano", reverse("cms_worker_check"), icon_name="cogs", order=900
    )
