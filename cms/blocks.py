"""StreamField blocks of the public site: program content is structured, not free text."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from reinsercion.results.queries import Dimension

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="texto", max_length=200)
    level = blocks.ChoiceBlock(
        label="nivel",
        choices=[("h2", "Título de sección (h2)"), ("h3", "Subtítulo (h3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Título"
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="imagen")
    alt = blocks.CharBlock(
        label="texto alternativo",
        max_length=250,
        help_text="Describa la imagen para quien no puede verla (obligatorio).",
    )
    caption = blocks.CharBlock(label="pie de foto", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Imagen"
        template = "cms/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="texto destacado")
    source = blocks.CharBlock(label="fuente", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Cita o destacado"
        template = "cms/blocks/callout.html"


class ObjectiveGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label="grupo", required=False, max_length=100, help_text="Ej.: Intracarcelarios"
    )
    items = blocks.ListBlock(blocks.TextBlock(label="objetivo"), label="objetivos")


class ObjectivesBlock(blocks.StructBlock):
    general = blocks.TextBlock(label="objetivo general")
    specific = blocks.ListBlock(ObjectiveGroupBlock(), label="objetivos específicos")

    class Meta:
        icon = "crosshairs"
        label = "Objetivos"
        template = "cms/blocks/objectives.html"


class StepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="nombre", max_length=120)
    duration = blocks.CharBlock(label="duración", required=False, max_length=80)
    description = blocks.TextBlock(label="descripción")


class PhasesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="título", default="Fases de la intervención", max_length=120)
    intro = blocks.TextBlock(label="introducción", required=False)
    steps = blocks.ListBlock(StepBlock(), label="fases o etapas")

    class Meta:
        icon = "list-ol"
        label = "Fases o etapas"
        template = "cms/blocks/phases.html"


class AmbitoBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="ámbito", max_length=80)
    description = blocks.TextBlock(label="descripción")


class AmbitosBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="título", default="Ámbitos de intervención", max_length=120)
    ambitos = blocks.ListBlock(AmbitoBlock(), label="ámbitos")

    class Meta:
        icon = "grip"
        label = "Ámbitos de intervención"
        template = "cms/blocks/ambitos.html"


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="dato", max_length=80)
    value = blocks.CharBlock(label="valor", max_length=200)


class AudienceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="título", default="A quién atiende", max_length=120)
    description = blocks.RichTextBlock(label="descripción", features=RICH_FEATURES)
    facts = blocks.ListBlock(FactBlock(), label="datos clave", required=False)

    class Meta:
        icon = "group"
        label = "A quién atiende"
        template = "cms/blocks/audience.html"


class IndicatorBlock(blocks.StructBlock):
    name = blocks.TextBlock(label="indicador")
    formula = blocks.TextBlock(label="fórmula de cálculo", required=False)
    target = blocks.CharBlock(label="meta", required=False, max_length=60)


class IndicatorsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="título", default="Indicadores", max_length=120)
    intro = blocks.TextBlock(label="introducción", required=False)
    indicators = blocks.ListBlock(IndicatorBlock(), label="indicadores")
    source = blocks.CharBlock(label="fuente", required=False, max_length=250)

    class Meta:
        icon = "table"
        label = "Indicadores"
        template = "cms/blocks/indicators.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="Párrafo", features=RICH_FEATURES, icon="pilcrow")
    image = ImageBlock()
    callout = CalloutBlock()


class ProgramStreamBlock(ContentStreamBlock):
    objectives = ObjectivesBlock()
    phases = PhasesBlock()
    ambitos = AmbitosBlock()
    audience = AudienceBlock()
    indicators = IndicatorsBlock()


class BreakdownBlock(blocks.StructBlock):
    """A breakdown of the counted members; its cells are suppressed by reinsercion.results."""

    dimension = blocks.ChoiceBlock(label="desglose por", choices=Dimension.choices)

    class Meta:
        icon = "table"
        label = "Desglose"
