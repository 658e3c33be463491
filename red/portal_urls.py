"""The partner portal, mounted at ``/red/`` (namespace ``portal``)."""

from django.urls import path

from .views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.InboxView.as_view(), name="inbox"),
    path("entrada/", portal.landing, name="landing"),
    path(
        "derivaciones/<int:pk>/",
        portal.PortalReferralDetailView.as_view(),
        name="referral_detail",
    ),
    path("derivaciones/<int:pk>/estado/", portal.PortalMoveView.as_view(), name="referral_move"),
    path(
        "derivaciones/<int:pk>/avance/",
        portal.PortalProgressView.as_view(),
        name="referral_progress",
    ),
    path(
        "derivaciones/<int:pk>/resultado/",
        portal.PortalOutcomeView.as_view(),
        name="referral_outcome",
    ),
    path(
        "derivaciones/<int:pk>/mensaje/",
        portal.PortalMessageView.as_view(),
        name="referral_message",
    ),
    path(
        "derivaciones/<int:pk>/documentos/<int:document_pk>/",
        portal.PortalDocumentView.as_view(),
        name="referral_document",
    ),
    path(
        "derivaciones/<int:pk>/formulario.pdf", portal.PortalPdfView.as_view(), name="referral_pdf"
    ),
]
