import base64

import pytest

from django.core import mail

from contratos import actions
from contratos.models import SocialContract
from tests.accessibility import accessibility_problems

from .factories import sign, signature_png


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def step(client, contract, name, data):
    url = f"/equipo/casos/{contract.case_id}/contrato/{contract.pk}/firmar/"
    payload = {f"sign_contract_{contract.pk}-current_step": name}
    payload.update({f"{name}-{key}": value for key, value in data.items()})
    return client.post(url, payload)


def walk_to_signatures(client, contract, *, rut_for=None):
    signers = list(contract.signers.order_by("order", "pk"))
    client.get(f"/equipo/casos/{contract.case_id}/contrato/{contract.pk}/firmar/")
    step(client, contract, "review", {"read": "on"})
    identity = {}
    for s in signers:
        identity[f"name_{s.pk}"] = s.full_name
        identity[f"rut_{s.pk}"] = (rut_for or {}).get(s.pk, s.rut_display)
    return signers, step(client, contract, "identity", identity)


def test_wizard_signs_the_contract(draft, professional, client_for):
    # given
    client = client_for(professional)
    signers, _ = walk_to_signatures(client, draft)
    for s in signers:
        step(client, draft, f"signature_{s.pk}", {"signature": data_url(signature_png(s.pk))})
    # when
    response = step(client, draft, "confirm", {"place": "Quillota", "confirm": "on"})
    # then
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.is_signed and draft.hash_matches()
    assert draft.place == "Quillota"


def test_wizard_refuses_a_wrong_rut(draft, professional, client_for):
    # given
    client = client_for(professional)
    beneficiary = draft.signers.get(role="beneficiary")
    # when
    _, response = walk_to_signatures(client, draft, rut_for={beneficiary.pk: "12.345.678-5"})
    # then
    assert response.status_code == 200
    assert f"Este RUT no corresponde a {beneficiary.full_name}" in response.content.decode()
    assert response.context["wizard"]["steps"].current == "identity"


def test_wizard_refuses_an_invalid_rut(draft, professional, client_for):
    # given
    client = client_for(professional)
    beneficiary = draft.signers.get(role="beneficiary")
    # when
    _, response = walk_to_signatures(client, draft, rut_for={beneficiary.pk: "12.345.678-9"})
    # then
    assert "El dígito verificador no corresponde" in response.content.decode()


def test_wizard_refuses_to_finish_with_a_missing_signature(draft, professional, client_for):
    # given
    client = client_for(professional)
    signers, _ = walk_to_signatures(client, draft)
    step(client, draft, f"signature_{signers[0].pk}", {"signature": data_url(signature_png())})
    # when: the second signer leaves the pad empty
    response = step(client, draft, f"signature_{signers[1].pk}", {"signature": ""})
    # then
    assert response.status_code == 200
    assert f"Falta la firma de {signers[1].full_name}" in response.content.decode()
    # and jumping to the last step does not sign either
    response = step(client, draft, "confirm", {"place": "Quillota", "confirm": "on"})
    draft.refresh_from_db()
    assert not draft.is_signed
    assert "Falta la firma" in response.content.decode()


def test_wizard_accepts_typed_name_fallback(draft, professional, client_for):
    # given
    client = client_for(professional)
    signers, _ = walk_to_signatures(client, draft)
    step(
        client,
        draft,
        f"signature_{signers[0].pk}",
        {"use_typed": "on", "typed_name": signers[0].full_name.upper()},
    )
    step(client, draft, f"signature_{signers[1].pk}", {"signature": data_url(signature_png())})
    # when
    step(client, draft, "confirm", {"place": "CDP Quillota", "confirm": "on"})
    # then
    draft.refresh_from_db()
    assert draft.is_signed


def test_pdf_is_served_to_the_team(draft, professional, client_for):
    # given
    contract = sign(draft, professional)
    # when
    response = client_for(professional).get(
        f"/equipo/casos/{contract.case_id}/contrato/{contract.pk}/pdf/?descargar=1"
    )
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("persona", ["other_professional", "lae_professional", "editor"])
def test_outsiders_never_see_the_contract(draft, professional, client_for, request, persona):
    # given
    contract = sign(draft, professional)
    user = request.getfixturevalue(persona)
    base = f"/equipo/casos/{contract.case_id}/contrato/"
    urls = [
        base,
        f"{base}{contract.pk}/",
        f"{base}{contract.pk}/pdf/",
        f"{base}{contract.pk}/firmar/",
    ]
    # when
    codes = {client_for(user).get(url).status_code for url in urls}
    # then
    assert codes == {404}


def test_read_only_role_may_read_but_not_sign(draft, director, client_for):
    # given
    client = client_for(director)
    base = f"/equipo/casos/{draft.case_id}/contrato/"
    # when / then
    assert client.get(f"{base}{draft.pk}/").status_code == 200
    assert client.get(f"{base}{draft.pk}/firmar/").status_code == 403


def test_contract_list_queries_are_bounded(
    case, draft, professional, mother, client_for, django_assert_max_num_queries
):
    # given

    previous = sign(draft, professional)
    for n in range(3):
        amendment = actions.prepare_contract(
            case=case,
            actor=professional,
            family_member_ids=[mother.pk],
            amendment_reason=f"Cambio {n}",
        )
        previous = sign(amendment, professional)
    client = client_for(professional)
    # when / then
    with django_assert_max_num_queries(20):
        response = client.get(f"/equipo/casos/{case.pk}/contrato/")
    assert response.status_code == 200
    assert SocialContract.objects.filter(case=case).count() == 4
    assert f"Versión {previous.number}" in response.content.decode()


def test_signed_contract_page_offers_no_editing(draft, professional, client_for):
    # given
    contract = sign(draft, professional)
    # when
    html = client_for(professional).get(contract.get_absolute_url()).content.decode()
    # then
    assert contract.content_sha256 in html
    assert "firmar/" not in html
    assert "Preparar enmienda" in html


def test_template_edit_page_is_for_coordination(
    template, coordinator, professional, editor, client_for
):
    # given
    url = f"/equipo/contratos/plantillas/{template.pk}/editar/"
    # when / then
    assert client_for(professional).get(url).status_code == 403
    assert client_for(editor).get(url).status_code == 403
    response = client_for(coordinator).post(
        url,
        {
            "title": "Contrato social OPV",
            "preamble": "Entre {beneficiario} y {institucion}.",
            "beneficiary_duties": "Asistir a los talleres.\nRespetar al equipo.",
            "rights": "Trato digno.",
            "change_note": "Texto más breve.",
        },
    )
    assert response.status_code == 302
    assert template.versions.count() == 2


def test_coordination_creates_the_first_template(opv, coordinator, professional, client_for):
    # given
    url = "/equipo/contratos/plantillas/nueva/OPV/"
    data = {
        "name": "Contrato social OPV",
        "title": "Contrato social",
        "preamble": "Entre {beneficiario} y {institucion}.",
        "beneficiary_duties": "Asistir a los talleres.",
        "rights": "",
    }
    # when
    refused = client_for(professional).get(url)
    invalid = client_for(coordinator).post(url, data)
    created = client_for(coordinator).post(url, {**data, "rights": "Trato digno."})
    # then
    assert refused.status_code == 403
    assert "necesita al menos una cláusula" in invalid.content.decode()
    assert created.status_code == 302
    assert opv.contract_templates.get().current_version.number == 1


def test_template_list_queries_are_bounded(
    template, coordinator, client_for, django_assert_max_num_queries
):
    # given

    for n in range(4):
        actions.edit_template(
            template=template,
            actor=coordinator,
            title=f"Contrato {n}",
            preamble="Entre {beneficiario} y {institucion}.",
            clauses={"beneficiary_duties": ["Asistir."], "rights": ["Trato digno."]},
            change_note=f"Cambio {n}",
        )
    client = client_for(coordinator)
    # when / then
    with django_assert_max_num_queries(15):
        response = client.get("/equipo/contratos/plantillas/")
    assert "Versión 5" in response.content.decode()


def test_draft_with_a_minor_can_be_discarded(case, professional, template, client_for, request):
    # given

    mother = request.getfixturevalue("mother")
    son = request.getfixturevalue("son")
    contract = actions.prepare_contract(
        case=case,
        actor=professional,
        family_member_ids=[mother.pk, son.pk],
        responsible_adults={son.pk: mother.pk},
    )
    # when
    response = client_for(professional).post(
        f"/equipo/casos/{case.pk}/contrato/{contract.pk}/descartar/"
    )
    # then
    assert response.status_code == 302
    assert not SocialContract.objects.filter(pk=contract.pk).exists()


def test_prepare_form_explains_a_minor_needs_an_adult(
    case, professional, template, client_for, request
):
    # given
    son = request.getfixturevalue("son")
    # when
    response = client_for(professional).post(
        f"/equipo/casos/{case.pk}/contrato/preparar/", {"family_member_ids": [son.pk]}
    )
    # then
    assert response.status_code == 200
    assert "solo firma junto a un adulto responsable" in response.content.decode()
    assert not SocialContract.objects.filter(case=case).exists()


def test_team_emails_the_pdf_to_a_signer(
    draft, professional, other_professional, client_for, django_capture_on_commit_callbacks
):
    # given

    contract = sign(draft, professional)
    signer = contract.signers.get(role="family")
    url = f"/equipo/casos/{contract.case_id}/contrato/{contract.pk}/enviar/"
    data = {"signer": signer.pk, "email": "rosa@example.org"}
    # when
    outsider = client_for(other_professional).post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client_for(professional).post(url, data)
    # then
    assert outsider.status_code == 404
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    assert mail.outbox[0].attachments[0][0] == f"contrato-social-v{contract.number}.pdf"


def test_the_contract_text_to_review_is_a_labelled_region(draft, professional, client_for):
    # when
    html = (
        client_for(professional)
        .get(f"/equipo/casos/{draft.case_id}/contrato/{draft.pk}/firmar/")
        .content.decode()
    )
    # then
    assert 'role="region" aria-label="Texto completo del contrato"' in html
    assert accessibility_problems(html) == []
