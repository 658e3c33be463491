from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class MunicipalityIdentity(BaseSiteSetting):
    """Who publishes the site and how to reach them: header and footer of every page."""

    institution = models.CharField(
        "institución", max_length=200, default="I. Municipalidad de Quillota"
    )
    unit = models.CharField(
        "unidad", max_length=200, blank=True, help_text="Ej.: Programa de Reinserción Social."
    )
    address = models.CharField("dirección", max_length=250, blank=True)
    phone = models.CharField("teléfono", max_length=60, blank=True)
    email = models.EmailField("correo electrónico", blank=True)
    office_hours = models.CharField("horario de atención", max_length=200, blank=True)
    footer_note = models.TextField("nota al pie", blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("institution"), FieldPanel("unit")], heading="Institución"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading="Contacto",
        ),
        FieldPanel("footer_note"),
    ]

    class Meta:
        verbose_name = "identidad del sitio"
        verbose_name_plural = "identidad del sitio"
