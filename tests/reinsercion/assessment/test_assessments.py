import datetime
import io

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reinsercion.assessment.admin import InstrumentVersionForm
from reinsercion.assessment.models import Assessment, InstrumentVersion
from reinsercion.assessment.queries import lowered_risk_for_case
from reinsercion.plans.models import InterventionPlan
from reinsercion.programs.choices import Role

from ...accessibility import accessibility_problems
from ...factories import UserFactory, member
from ..assessment_factories import assess, configured_version, scores_for


def test_level_and_needs_come_from_the_cutoffs(case, professional):
    # given
    version = configured_version()
    # when: total 12 → Medio; peers 4 → alta; attitudes 2 → media
    assessment = assess(case, professional, version, peers=4, attitudes=2, employment=1, history=5)
    # then
    assert assessment.total_score == 12
    assert assessment.computed_level == assessment.level == "medium"
    needs = {s.domain.code: s.need_level for s in assessment.scores.all()}
    assert needs == {
        "peers": "high",
        "attitudes": "medium",
        "employment": "low",
        "housing": "low",
        "motivation": "low",
        "history": "",  # static factor: no need level
    }
    assert assessment.need_level == "high"


def test_the_shipped_igi_has_eight_domains_to_configure(db):
    igi = InstrumentVersion.objects.get(instrument__code="igi")
    assert [d.name for d in igi.domains.all()] == [
        "Historia criminal",
        "Educación / empleo",
        "Familia / pareja",
        "Tiempo libre / recreación",
        "Pares",
        "Consumo de alcohol / drogas",
        "Actitudes procriminales",
        "Patrón antisocial",
    ]
    assert not igi.risk_cutoffs_configured
    assert all(not d.need_cutoffs_configured for d in igi.domains.all())
    assert "A configurar por la institución" in igi.configuration_note


def test_the_shipped_youth_factors_are_five_dynamic_and_three_static(db):
    version = InstrumentVersion.objects.get(instrument__code="factores-lae-las")
    assert version.domains.filter(is_static=False).count() == 5
    assert version.domains.filter(is_static=True).count() == 3


def test_igi_without_cutoffs_needs_the_paper_levels(case, professional):
    # given
    igi = InstrumentVersion.objects.get(instrument__code="igi")
    # when / then: no paper level nor paper needs → refused, with one message per field
    with pytest.raises(ValidationError) as error:
        assess(case, professional, igi)
    assert "paper_level" in error.value.error_dict
    assert len([k for k in error.value.error_dict if k.startswith("need_")]) == 8


def test_igi_with_paper_levels_is_recorded(case, professional):
    igi = InstrumentVersion.objects.get(instrument__code="igi")
    needs = {d.pk: "medium" if d.code == "companions" else "low" for d in igi.domains.all()}
    assessment = assess(
        case, professional, igi, companions=3, paper_level="high", paper_needs=needs
    )
    assert assessment.level == "high"
    assert assessment.computed_level == ""
    assert assessment.need_level == "medium"


def test_an_override_without_justification_is_refused(case, professional):
    version = configured_version()
    with pytest.raises(ValidationError) as error:
        assess(case, professional, version, peers=5, override_level="high", override_reason=" ")
    assert error.value.error_dict["override_reason"][0].messages == [
        "Modificar el nivel calculado requiere una justificación escrita."
    ]
    assert not Assessment.objects.exists()


def test_an_override_with_justification_sets_the_final_level(case, professional):
    version = configured_version()
    assessment = assess(
        case,
        professional,
        version,
        peers=5,
        override_level="high",
        override_reason="El instrumento específico de VIF arroja riesgo alto.",
    )
    assert assessment.computed_level == "low"
    assert assessment.level == "high"
    assert assessment.is_overridden


def test_reassessments_are_new_records_and_show_lowered_risk(case, professional):
    # given
    version = configured_version()
    first = assess(case, professional, version, peers=10, attitudes=6)
    # when
    second = assess(
        case,
        professional,
        version,
        peers=2,
        attitudes=1,
        on=datetime.date(2026, 9, 1),
        reason="yearly",
    )
    # then
    first.refresh_from_db()
    assert first.level == "high" and second.level == "very_low"
    assert lowered_risk_for_case(case) is True


def test_lowered_risk_is_unknown_with_a_single_assessment(case, professional):
    assess(case, professional, configured_version(), peers=10)
    assert lowered_risk_for_case(case) is None


def test_a_professional_not_assigned_cannot_assess(case, other_professional):
    with pytest.raises(PermissionDenied):
        assess(case, other_professional, configured_version(), peers=1)


def test_the_wizard_records_an_assessment_in_three_steps(case, professional, client_for):
    # given
    version = configured_version()
    client = client_for(professional)
    url = reverse("team:assessment_create", args=[case.pk, version.pk])
    prefix = f"evaluacion_{case.pk}_{version.pk}"
    step1 = {
        f"{prefix}-current_step": "dominios",
        "dominios-assessed_on": "2026-02-01",
        "dominios-reason": "initial",
    }
    step1.update({f"dominios-score_{pk}": v for pk, v in scores_for(version, peers=4).items()})
    # when
    assert client.get(url).status_code == 200
    response = client.post(url, step1)
    assert response.status_code == 200
    assert "Factores protectores" in response.content.decode()
    response = client.post(
        url,
        {
            f"{prefix}-current_step": "protectores",
            "protectores-protective_factors": "Apoyo de su madre",
            "protectores-significant_other": "Madre, 52 años",
        },
    )
    page = response.content.decode()
    assert "Cada dos meses" in page  # preview of the rule: Muy Bajo, alta
    response = client.post(
        url,
        {
            f"{prefix}-current_step": "revision",
            "revision-override_level": "",
            "revision-override_reason": "",
        },
    )
    # then
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.protective_factors == "Apoyo de su madre"
    assert assessment.level == "very_low"


def test_the_wizard_refuses_an_override_without_justification(case, professional, client_for):
    version = configured_version()
    client = client_for(professional)
    url = reverse("team:assessment_create", args=[case.pk, version.pk])
    prefix = f"evaluacion_{case.pk}_{version.pk}"
    step1 = {
        f"{prefix}-current_step": "dominios",
        "dominios-assessed_on": "2026-02-01",
        "dominios-reason": "initial",
    }
    step1.update({f"dominios-score_{pk}": v for pk, v in scores_for(version).items()})
    client.post(url, step1)
    client.post(url, {f"{prefix}-current_step": "protectores"})
    response = client.post(
        url, {f"{prefix}-current_step": "revision", "revision-override_level": "high"}
    )
    assert response.status_code == 200
    assert "requiere una justificación escrita" in response.content.decode()
    assert not Assessment.objects.exists()


def test_assessment_page_shows_profile_rule_and_evolution(
    case, professional, client_for, django_assert_max_num_queries
):
    # given
    version = configured_version()
    assess(case, professional, version, peers=10, attitudes=6)
    assess(case, professional, version, peers=3, on=datetime.date(2026, 9, 1), reason="yearly")
    client = client_for(professional)
    # when
    with django_assert_max_num_queries(25):
        response = client.get(reverse("team:assessment_list", args=[case.pk]))
    # then
    page = response.content.decode()
    assert "Riesgo y necesidad actuales" in page
    assert "Cuadro N°1 (delitos comunes): riesgo Muy Bajo, necesidad media" in page
    assert "Bajó su nivel de riesgo" in page
    assert "Antes y después" in page


@pytest.mark.parametrize("name", ["assessment_list"])
def test_assessment_pages_answer_404_to_a_professional_not_assigned(
    case, professional, other_professional, client_for, name
):
    assessment = assess(case, professional, configured_version(), peers=1)
    client = client_for(other_professional)
    assert client.get(reverse("team:assessment_list", args=[case.pk])).status_code == 404
    assert client.get(assessment.get_absolute_url()).status_code == 404
    url = reverse("team:assessment_create", args=[case.pk, assessment.version_id])
    assert client.get(url).status_code == 404


def test_a_director_reads_but_cannot_open_the_wizard(case, director, professional, client_for):
    version = configured_version()
    client = client_for(director)
    assert client.get(reverse("team:assessment_list", args=[case.pk])).status_code == 200
    url = reverse("team:assessment_create", args=[case.pk, version.pk])
    assert client.get(url).status_code == 403


def test_a_web_editor_gets_403(case, editor, client_for):
    response = client_for(editor).get(reverse("team:assessment_list", args=[case.pk]))
    assert response.status_code == 403


def test_supervision_sees_the_share_of_overridden_levels(
    case, professional, supervisor, client_for, django_assert_max_num_queries
):
    # given: 1 of 2 assessments overridden
    version = configured_version()
    assess(case, professional, version, peers=3)
    assess(
        case,
        professional,
        version,
        peers=3,
        override_level="medium",
        override_reason="Antecedentes del informe del tribunal.",
    )
    client = client_for(supervisor)
    # when
    with django_assert_max_num_queries(15):
        response = client.get(reverse("team:assessment_overrides"))
    # then
    page = response.content.decode()
    assert "50,0 %" in page
    assert "sobre el 10 %" in page
    assert "Antecedentes del informe del tribunal." in page


def test_a_professional_cannot_see_the_override_share(professional, client_for):
    response = client_for(professional).get(reverse("team:assessment_overrides"))
    assert response.status_code == 403


def test_web_editors_have_no_access_to_instruments_in_the_admin(editor, admin_user, client_for):

    editor_client = Client()
    editor_client.force_login(editor)
    response = editor_client.get(reverse("instruments:index"))
    assert response.status_code in (302, 403)
    admin_client = Client()
    admin_client.force_login(admin_user)
    page = admin_client.get(reverse("instruments:index")).content.decode()
    assert "ASSIST" in page


def test_a_version_used_by_an_assessment_is_locked_in_the_admin(case, professional, admin_user):

    version = configured_version()
    assess(case, professional, version, peers=1)
    form_class = InstrumentVersionForm
    form = form_class.__new__(form_class)
    form.instance = version
    form.cleaned_data = {}
    with pytest.raises(ValidationError):
        InstrumentVersionForm.clean(form)


def test_a_coordinator_with_supervision_sees_the_override_page(opv, client_for):

    user = member(UserFactory(username="coord2"), opv, Role.COORDINATION)
    assert client_for(user).get(reverse("team:assessment_overrides")).status_code == 200


def test_assessments_show_in_the_case_history(case, professional, client_for):
    # given
    version = configured_version(name="Escala de historial")
    assess(case, professional, version, peers=4)
    # when
    page = client_for(professional).get(reverse("team:case_history", args=[case.pk]))
    # then
    assert "Escala de historial · 20-01-2026" in page.content.decode()


def test_demo_evaluaciones_is_idempotent(db):

    call_command("demo_casos", stdout=io.StringIO())
    call_command("demo_evaluaciones", stdout=io.StringIO())
    counts = (Assessment.objects.count(), InterventionPlan.objects.count())
    call_command("demo_evaluaciones", stdout=io.StringIO())
    assert counts == (Assessment.objects.count(), InterventionPlan.objects.count())
    assert counts[0] > 50 and counts[1] > 10
    statuses = set(InterventionPlan.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "in_execution", "modified"} <= statuses


def test_the_case_need_comes_from_criminogenic_domains_only(case, professional):
    # given: housing (non-criminogenic) and motivation (adherence) are high; peers is low
    assessment = assess(case, professional, configured_version(), peers=1, housing=9, motivation=9)
    # then
    assert assessment.need_level == "low"
    assert {s.domain.code for s in assessment.need_domains()} == {"housing", "motivation"}


def test_the_wizard_describes_each_score_with_help_text_that_exists(case, professional, client_for):
    # given
    version = configured_version()
    url = reverse("team:assessment_create", args=[case.pk, version.pk])
    # when
    html = client_for(professional).get(url).content.decode()
    # then
    assert "aria-describedby" in html
    assert accessibility_problems(html) == []
