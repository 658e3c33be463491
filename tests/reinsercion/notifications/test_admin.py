"""Administrators see the outgoing e-mails (a failed one with its error) in the Wagtail
admin, read only; web editors do not."""

from reinsercion.notifications.models import OutgoingEmail


def test_admin_lists_a_failed_email_read_only(admin_user, client_for):
    email = OutgoingEmail.objects.create(
        to=["x@example.org"],
        subject="Reinserción: Plan visado",
        body="…",
        status="failed",
        attempts=5,
        last_error="ConnectionRefusedError: SMTP caído",
    )
    client = client_for(admin_user)
    listing = client.get("/admin/correos-salientes/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Reinserción: Plan visado" in text and "Falló" in text and "SMTP caído" in text
    assert client.get(f"/admin/correos-salientes/inspect/{email.pk}/").status_code == 200
    assert client.get(f"/admin/correos-salientes/edit/{email.pk}/").status_code in (302, 403)


def test_web_editor_does_not_see_the_emails(editor, client_for):
    listing = client_for(editor).get("/admin/correos-salientes/")
    assert listing.status_code in (302, 403)
