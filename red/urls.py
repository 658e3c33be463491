"""The team's pages about referrals, mounted at ``/equipo/`` (namespace ``red``)."""

from django.urls import path

from .views import staff

app_name = "red"

REFERRAL = "casos/<int:case_pk>/derivaciones/<int:pk>/"

urlpatterns = [
    path(
        "casos/<int:case_pk>/derivaciones/",
        staff.CaseReferralListView.as_view(),
        name="case_referrals",
    ),
    path(
        "casos/<int:case_pk>/derivaciones/nueva/",
        staff.ReferralCreateView.as_view(),
        name="referral_create",
    ),
    path(REFERRAL, staff.ReferralDetailView.as_view(), name="referral_detail"),
    path(f"{REFERRAL}editar/", staff.ReferralUpdateView.as_view(), name="referral_update"),
    path(
        f"{REFERRAL}consentimiento/", staff.ReferralConsentView.as_view(), name="referral_consent"
    ),
    path(f"{REFERRAL}aprobar/", staff.ReferralApproveView.as_view(), name="referral_approve"),
    path(f"{REFERRAL}enviar/", staff.ReferralSendView.as_view(), name="referral_send"),
    path(f"{REFERRAL}eliminar/", staff.ReferralDiscardView.as_view(), name="referral_discard"),
    path(f"{REFERRAL}mensaje/", staff.ReferralMessageView.as_view(), name="referral_message"),
    path(
        f"{REFERRAL}respuesta/",
        staff.ReferralAnswerElsewhereView.as_view(),
        name="referral_answer_elsewhere",
    ),
    path(f"{REFERRAL}formulario.pdf", staff.ReferralPdfView.as_view(), name="referral_pdf"),
    path("red/", staff.InstitutionListView.as_view(), name="institution_list"),
    path("red/<int:pk>/", staff.InstitutionDetailView.as_view(), name="institution_detail"),
]
