"""Assessment instruments in the Wagtail admin (the back office for catalogues).

Access follows model permissions: administrators (superusers) and groups given the
"reinsercion | instrumento…" permissions; web editors have none and never see the menu.
A version already used by an assessment is locked: create a new version instead.
"""

from django.core.exceptions import ValidationError

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Instrument, InstrumentVersion


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


@hooks.register("register_admin_viewset")
def register_assessment_catalogue():
    return AssessmentCatalogueGroup()
