"""Web editors (Wagtail's "Editors" group) publish pages and keep the site's catalogues.

Wagtail's initial data lets Editors add and edit but not publish; on this site the web editor
is the person who publishes. They also edit the network institutions and the site identity.
"""

from django.db import migrations

SNIPPET_PERMISSIONS = [
    ("networkinstitution", "add", "Can add institución de la red"),
    ("networkinstitution", "change", "Can change institución de la red"),
    ("networkinstitution", "delete", "Can delete institución de la red"),
    ("municipalityidentity", "change", "Can change identidad del sitio"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        publish = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename="publish_page"
        ).first()
        if publish is None:
            page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
            publish, _ = Permission.objects.get_or_create(
                content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
            )
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    for model, action, name in SNIPPET_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="cms", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_{model}", defaults={"name": name}
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_public_site"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
