import datetime

from django.urls import reverse

from reinsercion.cases import actions as case_actions
from reinsercion.plans import actions as plan_actions
from reinsercion.plans.models import PlanArea, PlanLayout, PlanStatus
from reinsercion.plans.pdf import render_plan_pdf
from tests.paperwork import (
    WORLD_NAMES,
    fonts,
    pages_text,
    pdf_text,
    save_example,
    watermarked_pages,
)

from ..assessment_factories import assess, configured_version, domain, plan_with_objectives


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
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert client_for(other_professional).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 403


def test_an_opv_plan_prints_the_opv_fields_and_no_court_fields(case, professional, coordinator):
    # given an OPV case with its offence, sentence and expected release date
    case_actions.update_case(
        case=case,
        actor=coordinator,
        offence="Robo con intimidación",
        sentence_years=5,
        sentence_days=1,
        expected_release_on=datetime.date(2027, 3, 15),
    )
    case.refresh_from_db()
    version = configured_version()
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version, codes=())
    plan_actions.add_objective(
        plan=plan,
        actor=professional,
        area=PlanArea.LABOUR,
        objective="Obtener un empleo al egresar",
        actions="Derivación a la OMIL",
    )
    # when
    text = pdf_text(render_plan_pdf(plan))
    # then
    assert plan.layout == PlanLayout.OPV
    assert "Oportunidades para la Vida" in text and "Anexo A" not in text
    assert "Robo con intimidación" in text
    assert "5 años 1 día" in text
    assert "Fecha estimada de egreso 15-03-2027" in text
    assert "Ámbito laboral" in text and "Obtener un empleo al egresar" in text
    assert "Tribunal" not in text and "RIT" not in text and "RUC" not in text
    assert "0 años" not in text and "0 días" not in text


def test_an_opv_plan_without_sentence_data_says_so_and_never_zero(case, professional):
    # given an OPV case with nothing recorded, and a plan kept from before in annex A
    version = configured_version()
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    plan.layout = PlanLayout.ANNEX_A  # as recorded before each program had its own layouts
    plan.save()
    # when
    text = pdf_text(render_plan_pdf(plan))
    # then it is still printed on OPV's layout
    assert "Condena No registrada" in text
    assert "Fecha estimada de egreso No registrada" in text
    assert "0 años" not in text and "Tribunal" not in text


def test_the_opv_plan_page_shows_the_opv_fields(case, professional, coordinator, client_for):
    case_actions.update_case(
        case=case,
        actor=coordinator,
        offence="Robo con intimidación",
        sentence_years=3,
        expected_release_on=datetime.date(2027, 3, 15),
    )
    version = configured_version()
    assess(case, professional, version, peers=4)
    plan = plan_with_objectives(case, professional, version)
    page = client_for(professional).get(plan.get_absolute_url()).content.decode()
    assert "Robo con intimidación" in page
    assert "3 años" in page and "15-03-2027" in page
    assert "Fecha estimada de egreso" in page


def test_a_court_case_without_a_sentence_prints_no_zero_sentence(lae_case, lae_professional):
    version = configured_version()
    assess(lae_case, lae_professional, version, peers=4)
    plan = plan_with_objectives(lae_case, lae_professional, version)
    text = pdf_text(render_plan_pdf(plan))
    assert "Anexo A" in text
    assert "0 años" not in text and "0 días" not in text


def long_plan(case, actor, *, status_note=""):
    version = configured_version()
    assess(case, actor, version, peers=10, attitudes=6, employment=6, housing=4)
    long_text = " ".join(
        f"Párrafo {n}: la persona reconoce su responsabilidad, mantiene vínculos con su familia "
        "y requiere apoyo en empleo, vivienda y consumo problemático."
        for n in range(1, 13)
    )
    plan = plan_with_objectives(
        case, actor, version, codes=(), synthesis=long_text, development=long_text
    )
    for code in ("peers", "attitudes", "employment", "housing"):
        plan_actions.add_objective(
            plan=plan,
            actor=actor,
            domain=domain(version, code),
            objective=f"Objetivo en {code}: " + "disminuir el riesgo asociado. " * 6,
            actions="Sesiones individuales quincenales, taller grupal y derivación a la red. " * 5,
        )
    return plan


def test_the_plan_pdf_is_official_paperwork(lae_case, lae_professional):
    # given a long draft plan of a person whose name has every diacritic of the region
    person = lae_case.person
    person.first_names, person.last_names = WORLD_NAMES.values()
    person.save()
    plan = long_plan(lae_case, lae_professional)
    # when
    content = render_plan_pdf(plan)
    save_example("plan-de-intervencion-borrador.pdf", content)
    pages = pages_text(content)
    # then every page carries the letterhead, the program, the document and its number
    assert len(pages) >= 2
    number = f"N° {lae_case.pk}-{plan.number}"
    for n, page in enumerate(pages, start=1):
        assert "I. Municipalidad de Quillota" in page
        assert "Libertad Asistida Especial" in page
        assert "Plan de Intervención Individual" in page and number in page
        assert f"Página {n} de {len(pages)}" in page
        assert "DOCUMENTO RESERVADO" in page
    # a draft carries the watermark on every page
    assert all(watermarked_pages(content))
    assert "Jean-Baptiste Noël" in pages[0] and "Désir Ñancupil Güemes" in pages[0]
    # and every font is embedded
    used = fonts(content)
    assert used and all(used.values()), used
    assert not [name for name in used if "Helvetica" in name or "Times" in name]


def test_an_endorsed_plan_prints_without_the_watermark(lae_case, lae_professional):
    # given a plan past the supervisor's visa
    plan = long_plan(lae_case, lae_professional)
    plan.status = PlanStatus.ENDORSED
    plan.save()
    # when
    content = render_plan_pdf(plan)
    # then
    assert not any(watermarked_pages(content))
    assert "BORRADOR" not in pdf_text(content)
