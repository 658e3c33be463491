import io

import pytest
from pypdf import PdfReader

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from contratos import actions
from contratos.models import ContractSigner, SignedContractLocked, SocialContract
from reinsercion.audit import BulkWriteNotAudited
from reinsercion.cases.actions import move_case_phase
from reinsercion.extensions import timeline_sources
from reinsercion.notifications.tasks import MAX_ATTEMPTS

from .factories import OPV_CLAUSES, sign, signature_png


def test_template_edit_creates_a_version_and_signed_contracts_keep_theirs(
    template, coordinator, draft, professional
):
    # given
    contract = sign(draft, professional)
    text_before = contract.signed_text
    clauses = {**OPV_CLAUSES, "rights": ["Derecho nuevo: acceso a su carpeta."]}
    # when
    version = actions.edit_template(
        template=template,
        actor=coordinator,
        title="Contrato social OPV 2026",
        preamble=template.current_version.preamble,
        clauses=clauses,
        closing="",
        change_note="Se actualizan los derechos.",
    )
    # then
    contract.refresh_from_db()
    assert version.number == 2
    assert template.versions.count() == 2
    assert contract.template_version.number == 1
    assert contract.signed_text == text_before
    assert "Derecho nuevo" not in contract.signed_text
    assert contract.hash_matches()


def test_only_coordination_edits_templates(template, professional):
    # when / then
    with pytest.raises(Exception, match="coordinación"):
        actions.edit_template(
            template=template,
            actor=professional,
            title="x",
            preamble="y",
            clauses=OPV_CLAUSES,
            change_note="z",
        )


def test_signed_contract_refuses_any_change(draft, professional):
    # given
    contract = sign(draft, professional)
    # when / then: through the ORM's save, even on a fresh instance
    fresh = SocialContract.objects.get(pk=contract.pk)
    fresh.signed_text = "Texto alterado"
    with pytest.raises(SignedContractLocked):
        fresh.save()
    with pytest.raises(SignedContractLocked):
        fresh.delete()
    with pytest.raises(SignedContractLocked):
        SocialContract.objects.filter(pk=contract.pk).delete()
    with pytest.raises(BulkWriteNotAudited):
        SocialContract.objects.filter(pk=contract.pk).update(place="Otro lugar")
    signer = ContractSigner.objects.filter(contract=contract).first()
    signer.full_name = "Otra persona"
    with pytest.raises(SignedContractLocked):
        signer.save()
    with pytest.raises(SignedContractLocked):
        signer.delete()
    contract.refresh_from_db()
    assert contract.signed_text != "Texto alterado"
    assert contract.hash_matches()


def test_recomputed_hash_matches_and_detects_tampering(draft, professional):
    # given
    contract = sign(draft, professional)
    stored = SocialContract.objects.get(pk=contract.pk)
    # when
    recomputed = stored.compute_sha256()
    # then
    assert recomputed == stored.content_sha256
    stored.signed_text += " (alterado)"  # in memory only: the row cannot change
    assert stored.compute_sha256() != stored.content_sha256


def test_pdf_contains_clauses_signers_and_hash_on_every_page(case, draft, professional, mother):
    # given
    contract = sign(draft, professional)
    # when
    with contract.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())
    # then
    for clause in OPV_CLAUSES["beneficiary_duties"] + OPV_CLAUSES["rights"]:
        assert " ".join(clause.split()) in text
    assert case.person.full_name in text
    assert mother.full_name in text
    assert all(contract.content_sha256 in page.replace("\n", "") for page in pages)


def test_minor_signs_only_alongside_a_responsible_adult(case, professional, template, mother, son):
    # when / then
    with pytest.raises(ValidationError) as excinfo:
        actions.prepare_contract(case=case, actor=professional, family_member_ids=[son.pk])
    assert "adulto responsable" in str(excinfo.value)
    contract = actions.prepare_contract(
        case=case,
        actor=professional,
        family_member_ids=[mother.pk, son.pk],
        responsible_adults={son.pk: mother.pk},
    )
    minor = contract.signers.get(rut=son.rut)
    assert minor.is_minor and minor.responsible_adult.full_name == mother.full_name


def test_sign_action_refuses_missing_signature_and_wrong_rut(draft, professional):
    # given
    signers = list(draft.signers.order_by("order"))
    identities = {s.pk: (s.full_name, s.rut) for s in signers}
    signatures = {s.pk: {"png": signature_png()} for s in signers}
    # when / then: a missing signature
    with pytest.raises(ValidationError, match="Falta la firma"):
        actions.sign_contract(
            contract=draft,
            actor=professional,
            place="Quillota",
            identities=identities,
            signatures={**signatures, signers[1].pk: {}},
        )
    # a blank pad is not a signature
    with pytest.raises(ValidationError, match="vacío"):
        actions.sign_contract(
            contract=draft,
            actor=professional,
            place="Quillota",
            identities=identities,
            signatures={**signatures, signers[1].pk: {"png": signature_png(blank=True)}},
        )
    # a RUT that is valid but not the signer's
    with pytest.raises(ValidationError, match="no corresponde"):
        actions.sign_contract(
            contract=draft,
            actor=professional,
            place="Quillota",
            identities={**identities, signers[0].pk: (signers[0].full_name, "12.345.678-5")},
            signatures=signatures,
        )
    draft.refresh_from_db()
    assert not draft.is_signed


def test_amendment_is_a_new_version_referencing_the_previous(case, draft, professional, mother):
    # given
    first = sign(draft, professional)
    # when
    with pytest.raises(ValidationError):
        actions.prepare_contract(case=case, actor=professional, family_member_ids=[mother.pk])
    amendment = actions.prepare_contract(
        case=case,
        actor=professional,
        family_member_ids=[mother.pk],
        particular_clauses="Asistir a tratamiento ambulatorio en Centro El Molino.",
        amendment_reason="Recaída en el consumo.",
    )
    second = sign(amendment, professional)
    # then
    assert (second.number, second.amends) == (2, first)
    assert "enmienda la versión 1" in second.signed_text
    assert "Centro El Molino" in second.signed_text
    first.refresh_from_db()
    assert first.hash_matches()


def test_breach_is_recorded_against_the_signed_contract(draft, professional):
    # given
    contract = sign(draft, professional)
    # when
    breach = actions.record_breach(
        contract=contract,
        actor=professional,
        occurred_on=timezone.localdate(),
        description="Dos inasistencias injustificadas consecutivas a consejería.",
    )
    # then
    assert list(contract.breaches.all()) == [breach]
    contract.refresh_from_db()
    assert contract.hash_matches()


def test_contract_is_emailed_to_a_signer(
    draft, professional, mother, django_capture_on_commit_callbacks
):
    # given
    contract = sign(draft, professional)
    signer = contract.signers.get(rut=mother.rut)
    # when the team sends it, the e-mail waits for the worker until the request commits
    with django_capture_on_commit_callbacks(execute=True):
        delivery = actions.email_contract(
            contract=contract, actor=professional, signer=signer, email="rosa@example.org"
        )
        assert mail.outbox == []
    # then the worker sent it, with the PDF, and the delivery says so
    delivery.outgoing.refresh_from_db()
    assert delivery.outgoing.status == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa@example.org"]
    assert contract.content_sha256 in message.body
    assert message.attachments[0][2] == "application/pdf"
    assert contract.deliveries.count() == 1


def test_a_refused_contract_email_is_retried_then_recorded_as_failed(
    draft, professional, mother, django_capture_on_commit_callbacks, monkeypatch
):
    # given a mail server that refuses everything
    contract = sign(draft, professional)
    signer = contract.signers.get(rut=mother.rut)

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP caído")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    # when the team sends the contract
    with django_capture_on_commit_callbacks(execute=True):
        delivery = actions.email_contract(
            contract=contract, actor=professional, signer=signer, email="rosa@example.org"
        )
    # then the worker tried a bounded number of times and kept the failure with its error
    email = delivery.outgoing
    email.refresh_from_db()
    assert email.status == "failed"
    assert email.attempts == MAX_ATTEMPTS
    assert "SMTP caído" in email.last_error
    # and the contract page shows it failed
    client = Client()
    client.force_login(professional)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Falló" in page


def test_typed_name_fallback_signs(draft, professional):
    # given
    beneficiary = draft.signers.get(role="beneficiary")
    # when
    contract = sign(draft, professional, typed={beneficiary.pk})
    # then
    beneficiary.refresh_from_db()
    assert beneficiary.signature_method == "typed" and not beneficiary.signature
    assert contract.hash_matches()


def test_signed_contract_and_breaches_reach_the_timeline(draft, professional):
    # given

    contract = sign(draft, professional)
    actions.record_breach(
        contract=contract,
        actor=professional,
        occurred_on=timezone.localdate(),
        description="Inasistencia injustificada.",
    )
    # when
    entries = timeline_sources()["social_contracts"](contract.case)
    # then
    assert {e.kind for e in entries} == {"social_contract", "contract_breach"}


def test_no_new_contract_for_a_closed_case(case, coordinator, professional, template):
    # given

    move_case_phase(
        case=case, to_phase="closed", actor=coordinator, summary="Retiro.", exit_type="dropout"
    )
    # when / then
    with pytest.raises(ValidationError, match="cerrado"):
        actions.prepare_contract(case=case, actor=professional)
