from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class NetworkLevel(models.TextChoices):
    REGIONAL = "regional", "Redes regionales"
    COMUNAL = "comunal", "Redes comunales"
    OTHER = "other", "Otras redes"


class NetworkInstitution(index.Indexed, models.Model):
    """A partner institution as the public site presents it (content, not case data).

    The case module keeps its own record of institutions for referrals (``red``); this is the
    editor's description of whom the program coordinates with, and why.
    """

    name = models.CharField("nombre", max_length=200)
    acronym = models.CharField("sigla", max_length=30, blank=True)
    level = models.CharField("tipo de red", max_length=20, choices=NetworkLevel.choices)
    coordination = models.TextField(
        "ámbito de coordinación",
        help_text="Qué hace el programa junto con esta institución.",
    )
    programs = models.CharField(
        "programas",
        max_length=100,
        blank=True,
        default="OPV",
        help_text="Siglas de los programas que coordinan con ella, separadas por comas.",
    )
    website = models.URLField("sitio web", blank=True)
    sort_order = models.PositiveSmallIntegerField("orden", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("level"),
        FieldPanel("coordination"),
        FieldPanel("programs"),
        FieldPanel("website"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.SearchField("coordination"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = "institución de la red"
        verbose_name_plural = "instituciones de la red"
        ordering = ["level", "sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
