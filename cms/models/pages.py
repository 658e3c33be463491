"""Page types of the public site. Figures come from ``reinsercion.results``, never typed."""

import datetime
import re

from modelcluster.fields import ParentalKey

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from reinsercion.results import queries as results

from .. import public_results
from ..blocks import RICH_FEATURES, BreakdownBlock, ContentStreamBlock, ProgramStreamBlock
from ..forms import SpamProtectedFormBuilder
from .snippets import NetworkInstitution, NetworkLevel

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class HomePage(Page):
    intro = models.TextField("bajada", blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name="contenido", blank=True)
    featured_results = models.ForeignKey(
        "cms.ResultsPage",
        verbose_name="resultados destacados",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Página de resultados cuyas cifras totales se muestran en la portada.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_results"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "portada"
        verbose_name_plural = "portadas"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = ProgramPage.objects.child_of(self).live().public()
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self).live().public().order_by("-date")[:3]
        )
        if self.featured_results_id:
            featured = ResultsPage.objects.live().public().filter(pk=self.featured_results_id)
            context["featured"] = featured.first()
        return context


class StandardPage(Page):
    intro = models.TextField("bajada", blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name="contenido", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ProgramPage"]

    class Meta:
        verbose_name = "página de contenido"
        verbose_name_plural = "páginas de contenido"


class ProgramPage(Page):
    acronym = models.CharField("sigla", max_length=20)
    responsible = models.CharField("institución responsable", max_length=200, blank=True)
    legal_basis = models.CharField("marco normativo o convenio", max_length=250, blank=True)
    intro = models.TextField("bajada", help_text="Qué es el programa, en dos o tres frases.")
    body = StreamField(ProgramStreamBlock(), verbose_name="contenido", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("acronym"), FieldPanel("responsible"), FieldPanel("legal_basis")],
            heading="Ficha",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResultsPage", "cms.StandardPage"]

    class Meta:
        verbose_name = "página de programa"
        verbose_name_plural = "páginas de programa"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results_pages"] = ResultsPage.objects.child_of(self).live().public()
        context["subpages"] = StandardPage.objects.child_of(self).live().public()
        return context


class ResultsPageForm(WagtailAdminPageForm):
    """Editors pick a program from the case module's list; the figures are never typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program_code"] = forms.ChoiceField(
            label="Programa",
            choices=[("", "---------"), *results.program_choices()],
            help_text="Programa cuyos resultados se calculan a partir de los casos.",
        )

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", "El año final no puede ser anterior al año inicial.")
        return cleaned


# The years in a results page's title ("… 2012–2016", "… 2016") and slug ("…-2012-2016").
TITLE_YEARS = re.compile(
    r"(?:(?:desde|hasta)\s+)?(?<!\d)(?:19|20)\d{2}(?:\s*[–-]\s*(?:19|20)\d{2})?(?!\d)"
)
SLUG_YEARS = re.compile(r"(?:(?:desde|hasta)-)?(?<!\d)(?:19|20)\d{2}(?:-(?:19|20)\d{2})?(?!\d)")


def follow_years(text: str, pattern: re.Pattern, label: str, sep: str) -> str:
    """``text`` with its last year (or range of years) replaced by ``label``; ``label`` is
    appended when ``text`` names no year, and the years are removed when ``label`` is empty."""
    matches = list(pattern.finditer(text))
    if matches:
        last = matches[-1]
        text = text[: last.start()] + label + text[last.end() :]
    elif label:
        text = f"{text}{sep}{label}"
    return re.sub(rf"{re.escape(sep)}{{2,}}", sep, text).strip(f" {sep}")


class ResultsPage(Page):
    program_code = models.CharField("programa", max_length=10)
    year_from = models.PositiveSmallIntegerField(
        "desde el año",
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Primera generación incluida (año). Vacío: desde la primera.",
    )
    year_to = models.PositiveSmallIntegerField(
        "hasta el año",
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Última generación incluida (año). Vacío: hasta la última.",
    )
    intro = RichTextField("introducción", features=RICH_FEATURES, blank=True)
    breakdowns = StreamField(
        [("breakdown", BreakdownBlock())],
        verbose_name="desgloses",
        blank=True,
        help_text="Desgloses adicionales; las celdas con menos casos que el umbral se ocultan.",
    )
    notes = RichTextField("notas metodológicas", features=RICH_FEATURES, blank=True)

    base_form_class = ResultsPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("program_code"),
                FieldRowPanel([FieldPanel("year_from"), FieldPanel("year_to")]),
            ],
            heading="Qué resultados se muestran",
        ),
        FieldPanel("intro"),
        FieldPanel("breakdowns"),
        FieldPanel("notes"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("notes")]
    parent_page_types = ["cms.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = "página de resultados"
        verbose_name_plural = "páginas de resultados"

    def clean(self):
        """The title and the slug follow the year range: a page moved from 2012–2016 to
        2012–2018 must not keep saying 2016 (nor its address)."""
        label = self.period_label if (self.year_from or self.year_to) else ""
        if self.title:
            self.title = follow_years(self.title, TITLE_YEARS, label, " ") or self.title
        if self.slug:
            slug_label = slugify(label.replace("–", "-"))
            self.slug = follow_years(self.slug, SLUG_YEARS, slug_label, "-") or self.slug
        super().clean()

    @property
    def period_label(self) -> str:
        if self.year_from and self.year_to:
            if self.year_from == self.year_to:
                return str(self.year_from)
            return f"{self.year_from}–{self.year_to}"
        if self.year_from:
            return f"desde {self.year_from}"
        if self.year_to:
            return f"hasta {self.year_to}"
        return "todas las generaciones"

    @cached_property
    def results(self):
        return public_results.program_results(self.program_code, self.year_from, self.year_to)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = self.results
        threshold = results.suppression_threshold()
        context["results"] = data
        context["threshold"] = threshold
        context["chart"] = public_results.stacked_bars(data)
        context["breakdowns"] = [
            public_results.breakdown(
                self.program_code, block.value["dimension"], self.year_from, self.year_to
            )
            for block in self.breakdowns
        ]
        if data is not None:
            # Outside the published table: shown only when not below the threshold.
            context["others"] = {
                key: (value if value >= threshold else None)
                for key, value in (
                    ("not_counted", data.not_counted),
                    ("in_progress", data.in_progress),
                )
                if value
            }
        return context


class NetworkPage(Page):
    intro = RichTextField("introducción", features=RICH_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage", "cms.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = "página de la red"
        verbose_name_plural = "páginas de la red"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        institutions = list(NetworkInstitution.objects.all())
        context["groups"] = [
            (label, [i for i in institutions if i.level == level])
            for level, label in NetworkLevel.choices
            if any(i.level == level for i in institutions)
        ]
        return context


class NewsIndexPage(Page):
    intro = models.TextField("bajada", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = "índice de noticias"
        verbose_name_plural = "índices de noticias"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        paginator = Paginator(news, self.per_page)
        try:
            page = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context["news"] = page
        return context


class NewsPage(Page):
    date = models.DateField("fecha", default=datetime.date.today)
    intro = models.TextField("bajada")
    body = StreamField(ContentStreamBlock(), verbose_name="contenido", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "noticia"
        verbose_name_plural = "noticias"


class ContactFormField(AbstractFormField):
    page = ParentalKey("cms.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = "campo del formulario"
        verbose_name_plural = "campos del formulario"


class ContactPage(AbstractEmailForm):
    intro = RichTextField("introducción", features=RICH_FEATURES, blank=True)
    thank_you_text = RichTextField("mensaje de agradecimiento", features=RICH_FEATURES, blank=True)

    form_builder = SpamProtectedFormBuilder
    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Campos del formulario"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Correo de aviso",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "página de contacto"
        verbose_name_plural = "páginas de contacto"

    def clean(self):
        super().clean()
        if self.to_address and not self.from_address:
            raise ValidationError(
                {"from_address": "Indique el remitente de los avisos por correo."}
            )
