def test_admin_browses_template_versions_read_only(template, admin_user, client_for):
    # given
    client = client_for(admin_user)
    version = template.current_version
    # when
    listing = client.get("/admin/contract_templates/")
    inspect = client.get(f"/admin/contract_templates/inspect/{version.pk}/")
    edit = client.get(f"/admin/contract_templates/edit/{version.pk}/")
    # then
    assert listing.status_code == 200
    assert "Contrato social OPV" in listing.content.decode()
    assert inspect.status_code == 200
    assert edit.status_code in (302, 403)


def test_web_editor_sees_no_contract_data_in_the_admin(template, editor, client_for):
    # given
    client = client_for(editor)
    # when
    home = client.get("/admin/")
    listing = client.get("/admin/contract_templates/")
    # then
    assert "Plantillas de contrato social" not in home.content.decode()
    assert listing.status_code in (302, 403)
