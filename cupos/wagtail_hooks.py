"""The programs with slots in the Wagtail admin (back office): a catalogue, like the
institutions. Requests, consents and reports are case data and never appear here. Access
follows Django model permissions (``cupos.*_interventionprogram``), which web editors lack."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import InterventionProgram


class InterventionProgramViewSet(ModelViewSet):
    model = InterventionProgram
    icon = "list-ul"
    menu_label = "Programas con cupos"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "owner_program", "institution", "slots", "duration_weeks", "ambit"]
    list_filter = ["ambit", "start_mode", "is_active"]
    search_fields = ["name", "description"]
    form_fields = [
        "name",
        "description",
        "owner_program",
        "institution",
        "slots",
        "duration_weeks",
        "ambit",
        "start_mode",
        "answer_hours",
        "is_active",
    ]


@hooks.register("register_admin_viewset")
def register_intervention_program_viewset():
    return InterventionProgramViewSet("programas_con_cupos")
