import io

from pypdf import PdfReader

from django.urls import reverse

from reinsercion.plans import actions as plan_actions
from reinsercion.plans.pdf import render_plan_pdf

from ..assessment_factories import assess, configured_version, domain, plan_with_objectives


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # Table cells wrap lines: compare with whitespace collapsed.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_plan_pdf_has_the_header_risk_level_and_objectives(lae_case, lae_professional):
    # given
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=10, attitudes=6)
    plan = plan_with_objectives(lae_case, lae_professional, version, codes=())
    plan_actions.add_objective(
        plan=plan,
        actor=lae_professional,
        domain=domain(version, "peers"),
        objective="Disminuir el contacto con pares infractores",
        actions="Taller de habilidades sociales",
    )
    # when
    text = pdf_text(render_plan_pdf(plan))
    # then
    person = lae_case.person
    assert person.last_names in text and person.first_names in text
    assert person.rut_display in text
    assert "Alto" in text  # risk level (total 16)
    assert "Disminuir el contacto con pares infractores" in text
    assert "Taller de habilidades sociales" in text
    assert "Juzgado de Garantía de Quillota" in text
    assert "Necesidades criminógenas" in text


def test_annex_b_adds_telematic_monitoring(lae_case, lae_professional):
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(
        lae_case, lae_professional, version, layout="annex_b", telematic_monitoring=True
    )
    text = pdf_text(render_plan_pdf(plan))
    assert "Anexo B" in text
    assert "Monitoreo telemático" in text


def test_the_pdf_is_served_only_to_who_may_see_the_case(
    case, professional, other_professional, editor, client_for
):
    version = configured_version()
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    url = reverse("team:plan_pdf", args=[case.pk, plan.pk])
    response = client_for(professional).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(other_professional).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 403
