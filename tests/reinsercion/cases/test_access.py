"""Who reaches the caseload and the case file."""

import pytest

from django.urls import reverse

from tests.factories import open_case

pytestmark = pytest.mark.django_db

CASE_URLS = ["team:case_detail", "team:case_history", "team:case_update", "team:case_move"]


@pytest.mark.parametrize(
    "persona", ["coordinator", "professional", "supervisor", "director", "admin_user"]
)
def test_the_case_team_reads_the_case_file(request, case, persona, client_for):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("team:case_detail", args=[case.pk]))
    assert response.status_code == 200
    assert case.person.full_name in response.content.decode()


@pytest.mark.parametrize("url_name", CASE_URLS)
@pytest.mark.parametrize("persona", ["other_professional", "lae_professional"])
def test_someone_elses_case_answers_404(request, case, persona, url_name, client_for):
    # Bruno works in OPV but the case is Ana's; Lucas works in another program.
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse(url_name, args=[case.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("url_name", CASE_URLS)
def test_the_web_editor_sees_no_case_data(case, editor, client_for, url_name):
    response = client_for(editor).get(reverse(url_name, args=[case.pk]))
    assert response.status_code in (403, 404)
    assert case.person.full_name not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/equipo/",
        "/equipo/casos/",
        "/equipo/casos/?_export=csv",
        "/equipo/generaciones/",
        "/equipo/personas/nueva/",
    ],
)
def test_the_web_editor_is_refused_the_whole_case_module(editor, client_for, url):
    assert client_for(editor).get(url).status_code == 403


@pytest.mark.parametrize("url_name", CASE_URLS)
def test_anonymous_visitors_are_sent_to_login(client, case, url_name):
    url = reverse(url_name, args=[case.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_caseload_of_each_role(
    client_for, opv, lae, coordinator, professional, other_professional, director, lae_professional
):
    # given: two OPV cases (Ana's and Bruno's) and one LAE case
    anas = open_case(program=opv, actor=coordinator, professionals=[professional])
    brunos = open_case(program=opv, actor=coordinator, professionals=[other_professional])
    lucas = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])

    def names(user):
        html = client_for(user).get(reverse("team:case_list")).content.decode()
        return {c.person.full_name for c in (anas, brunos, lucas) if c.person.full_name in html}

    # then
    assert names(professional) == {anas.person.full_name}
    assert names(other_professional) == {brunos.person.full_name}
    assert names(coordinator) == {anas.person.full_name, brunos.person.full_name}
    assert names(director) == {anas.person.full_name, brunos.person.full_name}
    assert names(lae_professional) == {lucas.person.full_name}


def test_a_professional_sees_the_roster_but_not_the_case_file_of_a_colleague(
    client_for, case, other_professional
):
    client = client_for(other_professional)
    roster = client.get(case.cohort.get_absolute_url())
    assert roster.status_code == 200
    assert case.person.full_name in roster.content.decode()
    assert client.get(case.get_absolute_url()).status_code == 404


def test_another_programs_roster_answers_404(client_for, case, lae_professional):
    response = client_for(lae_professional).get(case.cohort.get_absolute_url())
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/admin/programas/", "/admin/equipos/"])
def test_program_settings_and_teams_are_for_administrators_in_the_wagtail_admin(
    client_for, editor, admin_user, opv, url
):
    # the web editor reaches the Wagtail admin but not the case module's catalogues
    denied = client_for(editor).get(url)
    assert denied.status_code == 302
    assert denied.url == "/admin/"
    allowed = client_for(admin_user).get(url)
    assert allowed.status_code == 200
