from cupos.models import InterventionProgram


def test_administration_creates_a_network_program_in_the_wagtail_admin(
    admin_user, institution_a, client_for
):
    # given
    client = client_for(admin_user)
    # when
    response = client.post(
        "/admin/programas_con_cupos/new/",
        {
            "name": "Tratamiento residencial",
            "description": "",
            "institution": institution_a.pk,
            "slots": 4,
            "duration_weeks": 20,
            "ambit": "psychosocial",
            "start_mode": "rolling",
            "answer_hours": 48,
            "is_active": "on",
        },
    )
    # then
    assert response.status_code == 302
    program = InterventionProgram.objects.get(name="Tratamiento residencial")
    assert (program.institution, program.slots) == (institution_a, 4)
    assert "Tratamiento residencial" in client.get("/admin/programas_con_cupos/").text


def test_a_program_belongs_to_the_case_module_or_to_an_institution_not_both(
    admin_user, institution_a, lae, client_for
):
    response = client_for(admin_user).post(
        "/admin/programas_con_cupos/new/",
        {
            "name": "Doble dueño",
            "institution": institution_a.pk,
            "owner_program": lae.pk,
            "slots": 4,
            "duration_weeks": 20,
            "ambit": "psychosocial",
            "start_mode": "rolling",
            "answer_hours": 48,
        },
    )
    assert response.status_code == 200
    assert "no a ambos" in response.text
    assert not InterventionProgram.objects.filter(name="Doble dueño").exists()


def test_a_web_editor_cannot_reach_the_programs_catalogue(editor, own_program, client_for):
    client = client_for(editor)
    assert "Programas con cupos" not in client.get("/admin/").text
    assert client.get("/admin/programas_con_cupos/").status_code in (302, 403)
