"""Builds the Spanish public site tree; running it twice changes nothing."""

import datetime

from django.db import transaction

from wagtail.models import Page, Site

from cms.demo import content
from cms.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    MunicipalityIdentity,
    NetworkInstitution,
    NetworkPage,
    NewsIndexPage,
    NewsPage,
    ProgramPage,
    ResultsPage,
    StandardPage,
)


def ensure_child(parent, model, *, slug, in_menu=False, **fields):
    """The live child page of ``parent`` with ``slug``; created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, show_in_menus=in_menu, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def home_page():
    site = Site.objects.filter(is_default_site=True).first()
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="inicio", **{k: content.HOME[k] for k in ("title", "intro", "body")})
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Reinserción",
        )
    elif site.root_page_id != home.pk:
        previous = site.root_page
        site.root_page = home
        site.site_name = "Reinserción"
        site.save()
        # Wagtail's placeholder "Welcome" page, if nobody built on it.
        if type(previous.specific) is Page and previous.depth == 2 and previous.numchild == 0:
            previous.delete()
    return home, site


@transaction.atomic
def build(stdout=None):
    def say(text):
        if stdout:
            stdout.write(text)

    home, site = home_page()
    identity = MunicipalityIdentity.for_site(site)
    if not identity.email:
        for field, value in content.IDENTITY.items():
            setattr(identity, field, value)
        identity.save()

    opv, _ = ensure_child(home, ProgramPage, in_menu=True, **content.OPV)
    results_page, _ = ensure_child(opv, ResultsPage, **content.OPV_RESULTS)
    ensure_child(opv, StandardPage, **content.OPV_LINKS)
    ensure_child(home, ProgramPage, in_menu=True, **content.LAE)
    ensure_child(home, ProgramPage, in_menu=True, **content.LAS)

    for order, (level, name, acronym, coordination) in enumerate(content.INSTITUTIONS):
        NetworkInstitution.objects.get_or_create(
            name=name,
            defaults=dict(
                level=level,
                acronym=acronym,
                coordination=coordination,
                programs="OPV",
                sort_order=order,
            ),
        )
    ensure_child(home, NetworkPage, in_menu=True, **content.NETWORK)

    news_index, _ = ensure_child(home, NewsIndexPage, in_menu=True, **content.NEWS_INDEX)
    for item in content.NEWS:
        ensure_child(
            news_index,
            NewsPage,
            **{**item, "date": datetime.date.fromisoformat(item["date"])},
        )

    contact_data = {k: v for k, v in content.CONTACT.items() if k != "fields"}
    contact, created = ensure_child(home, ContactPage, in_menu=True, **contact_data)
    if created or not contact.form_fields.exists():
        for order, (label, field_type, required, choices, help_text) in enumerate(
            content.CONTACT["fields"]
        ):
            ContactFormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        contact.save_revision().publish()

    if home.featured_results_id is None:
        home.featured_results = results_page
        home.save_revision().publish()
    say(
        f"Sitio público: {Page.objects.live().descendant_of(home, inclusive=True).count()} "
        "páginas publicadas."
    )
    return home
