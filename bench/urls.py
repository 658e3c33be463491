"""URLs of the benchmark only (cms.settings.bench): the site's URLs plus the reference.

The reference is Django's stock admin changelist of ``Case`` — ``list_per_page`` 50, search
on the person's names and RUT — on its own ``AdminSite`` at ``/bench-admin/``, so that it
never appears in a deployment (Wagtail's admin stays at ``/admin/``).
"""

from django.contrib import admin
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns
from reinsercion.cases.models import Case


class CaseAdmin(admin.ModelAdmin):
    list_display = ["person", "program", "phase", "opened_on"]
    list_filter = ["program", "phase"]
    list_per_page = 50
    search_fields = ["person__first_names", "person__last_names", "person__rut"]


site = admin.AdminSite(name="bench_admin")
site.register(Case, CaseAdmin)

# Before the site's URLs: Wagtail's catch-all page route comes last there.
urlpatterns = [path("bench-admin/", site.urls), *site_urlpatterns]
