"""A case document reaches a partner institution only through the referral's sharing."""

import pytest
from auditlog.models import LogEntry

from django.core.exceptions import ValidationError
from django.urls import reverse

from red import actions
from red.models import ReferralAccess
from reinsercion.documents.models import DocumentType
from tests.factories import open_case
from tests.reinsercion.documents.test_documents import attach, pdf_bytes

from .factories import draft_referral, sent_referral


@pytest.fixture
def document(case, professional):
    kind, _ = DocumentType.objects.get_or_create(name="Certificado de institución de la red")
    return attach(case, professional, kind, "certificado.pdf", pdf_bytes(), description="OMIL")


def document_url(referral, document):
    return reverse("portal:referral_document", args=[referral.pk, document.pk])


def test_a_partner_gets_a_document_only_when_its_referral_shares_it(
    case, professional, supervisor, institution_a, partner_a, document, client_for
):
    # given a referral that shares nothing but the RUT
    referral = sent_referral(
        case=case, actor=professional, approver=supervisor, institution=institution_a
    )
    client = client_for(partner_a)
    # then the partner neither sees nor gets the document
    assert "certificado" not in client.get(referral.get_portal_url()).content.decode().lower()
    assert client.get(document_url(referral, document)).status_code == 404
    # given a referral that shares it
    sharing = sent_referral(
        case=case,
        actor=professional,
        approver=supervisor,
        institution=institution_a,
        shared_documents=[document],
    )
    # then it is listed and downloaded, and the download is logged
    page = client.get(sharing.get_portal_url()).content.decode()
    assert document_url(sharing, document) in page
    response = client.get(document_url(sharing, document))
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert ReferralAccess.objects.filter(referral=sharing, what="document").count() == 1


def test_another_institution_never_gets_the_document(
    case, professional, supervisor, institution_a, partner_b, document, client_for
):
    sharing = sent_referral(
        case=case,
        actor=professional,
        approver=supervisor,
        institution=institution_a,
        shared_documents=[document],
    )
    assert client_for(partner_b).get(document_url(sharing, document)).status_code == 404


def test_only_the_case_s_own_documents_can_be_shared(
    opv, coordinator, case, professional, institution_a, document
):
    other = open_case(program=opv, actor=coordinator, professionals=[professional])
    with pytest.raises(ValidationError) as excinfo:
        actions.create_referral(
            case=other,
            actor=professional,
            institution=institution_a,
            purpose="job_placement",
            purpose_detail="Colocación.",
            shared_documents=[document],
        )
    assert "mismo caso" in str(excinfo.value)


def test_sharing_a_document_withdraws_the_consent_of_a_draft(
    case, professional, institution_a, document
):
    # given a draft whose consent is recorded
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.record_consent(referral=referral, actor=professional)
    referral.refresh_from_db()
    assert referral.consent_given
    # when a document is added to what is shared
    actions.update_referral(referral=referral, actor=professional, shared_documents=[document])
    # then the consent, which did not cover it, is withdrawn
    referral.refresh_from_db()
    assert not referral.consent_given
    assert list(referral.shared_documents.all()) == [document]


def test_the_documents_a_referral_shares_are_in_the_audit_log(
    case, professional, institution_a, document
):
    """Issue 17: changes to many-to-many links (here the referral's shared documents) are
    audited like any field, with who made them."""
    referral = draft_referral(case=case, actor=professional, institution=institution_a)
    actions.update_referral(referral=referral, actor=professional, shared_documents=[document])
    entries = [
        e
        for e in LogEntry.objects.get_for_object(referral)
        if "shared_documents" in (e.changes or {})
    ]
    assert len(entries) == 1
    change = entries[0].changes["shared_documents"]
    assert change["operation"] == "add"
    assert change["objects"] == [str(document)]
    assert entries[0].actor == professional
