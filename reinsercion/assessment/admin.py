"""Assessment instruments in the Wagtail admin (the back office for catalogues).

Imported from ``ReinsercionConfig.ready()`` so that the hook is registered before the admin
URLs load (kept apart from ``wagtail_hooks.py``, which holds the program settings).

Access follows model permissions: administrators (superusers) and groups given the
"reinsercion | instrumento…" permissions; web editors have none and never see the menu.
A version already used by an assessment is locked: create a new version instead.
"""

from django.core.exceptions import ValidationError

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from reinsercion.assessment.models import Instrument, InstrumentVersion


class InstrumentVersionForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.assessments.exists():
            raise ValidationError(
                "Esta versión ya se usó en evaluaciones y no se modifica: cree una nueva "
                "versión del instrumento (p. ej., con los puntos de corte configurados)."
            )
        return data


class InstrumentViewSet(ModelViewSet):
    model = Instrument
    icon = "clipboard-list"
    menu_label = "Instrumentos"
    list_display = ["name", "kind", "prevails", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "kind", "prevails", "programs", "description", "is_active"]
    copy_view_enabled = False


class InstrumentVersionViewSet(ModelViewSet):
    model = InstrumentVersion
    icon = "list-ol"
    menu_label = "Versiones, dominios y puntos de corte"
    list_display = ["instrument", "label", "valid_from", "total_method", "is_active"]
    list_filter = ["instrument", "is_active"]
    search_fields = ["label", "instrument__name"]
    edit_handler = ObjectList(InstrumentVersion.panels, base_form_class=InstrumentVersionForm)


class AssessmentCatalogueGroup(ModelViewSetGroup):
    menu_label = "Evaluación de riesgo"
    menu_icon = "clipboard-list"
    menu_order = 300
    items = (InstrumentViewSet("instruments"), InstrumentVersionViewSet("instrument_versions"))


def register_assessment_catalogue():
    return AssessmentCatalogueGroup()


_registered = False


def register():
    """Add the instruments menu to the Wagtail admin (once)."""
    global _registered
    if not _registered:
        hooks.register("register_admin_viewset", register_assessment_catalogue)
        _registered = True
