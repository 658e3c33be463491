"""Instruments shipped with the platform, loaded by a data migration.

Only public content is shipped as real: the WHO ASSIST per-substance cut-offs. The IGI (the
Chilean LS/CMI) and the LAE/LAS risk-factor scale are licensed or not published: their domains
ship without cut-offs, marked "a configurar por la institución"; until an administrator enters
them, professionals record each domain score and the levels printed on the paper scoring sheet.
The sexual and VIF slots hold the level of whatever specific instrument the institution adopts.
"""

TO_CONFIGURE_NOTE = (
    "A configurar por la institución: los ítems y puntos de corte de este instrumento no se "
    "incluyen (están licenciados o no son públicos). Mientras no se configuren, registre el "
    "puntaje de cada dominio y los niveles de riesgo y de necesidad que arroja la hoja de "
    "puntuación en papel."
)

IGI_DOMAINS = [
    ("criminal_history", "Historia criminal"),
    ("education_employment", "Educación / empleo"),
    ("family_marital", "Familia / pareja"),
    ("leisure", "Tiempo libre / recreación"),
    ("companions", "Pares"),
    ("alcohol_drugs", "Consumo de alcohol / drogas"),
    ("procriminal_attitude", "Actitudes procriminales"),
    ("antisocial_pattern", "Patrón antisocial"),
]

# 004_… (LAE program sheet): five dynamic factors and three static ones.
YOUTH_DYNAMIC = [
    ("family_networks", "Precariedad de redes familiares o redes asociadas al delito"),
    ("education", "Bajo nivel educacional"),
    ("psychological", "Problemas psicológicos asociados a violencia o delito"),
    ("peers_lifestyle", "Pares infractores y estilo de vida procriminal"),
    ("alcohol_drugs", "Consumo problemático de alcohol o drogas"),
]
YOUTH_STATIC = [
    ("age_first_offence", "Edad de inicio delictual"),
    ("sex", "Sexo"),
    ("criminal_history", "Historia delictual"),
]

# WHO ASSIST v3.0, specific substance involvement score: alcohol 0–10 low, 11–26 moderate,
# 27+ high; every other substance 0–3 low, 4–26 moderate, 27+ high.
ASSIST_SUBSTANCES = [
    ("tobacco", "Tabaco", 31),
    ("alcohol", "Bebidas alcohólicas", 39),
    ("cannabis", "Cannabis", 39),
    ("cocaine", "Cocaína / pasta base", 39),
    ("amphetamines", "Estimulantes de tipo anfetamina", 39),
    ("inhalants", "Inhalantes", 39),
    ("sedatives", "Sedantes o pastillas para dormir", 39),
    ("hallucinogens", "Alucinógenos", 39),
    ("opioids", "Opiáceos", 39),
    ("other", "Otras sustancias", 39),
]


def seed_instruments(apps, schema_editor):
    Instrument = apps.get_model("reinsercion", "Instrument")
    InstrumentVersion = apps.get_model("reinsercion", "InstrumentVersion")
    Domain = apps.get_model("reinsercion", "Domain")

    def version_of(code, name, kind, description, *, prevails=False, total="sum", note=""):
        instrument, _ = Instrument.objects.get_or_create(
            code=code,
            defaults=dict(name=name, kind=kind, description=description, prevails=prevails),
        )
        version, _ = InstrumentVersion.objects.get_or_create(
            instrument=instrument,
            label="1",
            defaults=dict(total_method=total, configuration_note=note),
        )
        return instrument, version

    assist, assist_v = version_of(
        "assist",
        "ASSIST (OMS): consumo de alcohol, tabaco y sustancias",
        "screening",
        "Prueba de detección de consumo de la OMS. Puntaje de involucramiento por sustancia; "
        "se aplica cuando el dominio de consumo de alcohol/drogas resulta positivo.",
        total="none",
    )
    for order, (code, name, top) in enumerate(ASSIST_SUBSTANCES, start=1):
        medium, high = (11, 27) if code == "alcohol" else (4, 27)
        Domain.objects.get_or_create(
            version=assist_v,
            code=code,
            defaults=dict(
                name=name,
                sort_order=order,
                axis="criminogenic",
                min_score=0,
                max_score=top,
                medium_from=medium,
                high_from=high,
                help_text=f"Riesgo bajo 0–{medium - 1}, moderado {medium}–{high - 1}, "
                f"alto {high} o más.",
            ),
        )

    _, igi_v = version_of(
        "igi",
        "IGI: Inventario para la Gestión de Caso/Intervención (sección 1)",
        "general",
        "Instrumento de evaluación de riesgo de reincidencia y necesidades de Libertad "
        "Vigilada (versión chilena del LS/CMI). Ocho subcomponentes de la sección 1.",
        note=TO_CONFIGURE_NOTE,
    )
    for order, (code, name) in enumerate(IGI_DOMAINS, start=1):
        Domain.objects.get_or_create(
            version=igi_v,
            code=code,
            defaults=dict(
                name=name,
                sort_order=order,
                axis="criminogenic",
                min_score=0,
                triggers=assist if code == "alcohol_drugs" else None,
            ),
        )

    _, youth_v = version_of(
        "factores-lae-las",
        "Factores de riesgo personales LAE/LAS",
        "youth",
        "Cinco factores dinámicos y tres estáticos (ficha del programa LAE, Servicio "
        "Nacional de Reinserción Social Juvenil).",
        note=TO_CONFIGURE_NOTE,
    )
    for order, (code, name) in enumerate(YOUTH_DYNAMIC, start=1):
        Domain.objects.get_or_create(
            version=youth_v,
            code=code,
            defaults=dict(
                name=name,
                sort_order=order,
                axis="criminogenic",
                min_score=0,
                triggers=assist if code == "alcohol_drugs" else None,
            ),
        )
    for order, (code, name) in enumerate(YOUTH_STATIC, start=len(YOUTH_DYNAMIC) + 1):
        Domain.objects.get_or_create(
            version=youth_v,
            code=code,
            defaults=dict(name=name, sort_order=order, is_static=True, min_score=0),
        )

    for code, name, kind in [
        ("especifico-sexual", "Instrumento específico: delitos sexuales", "sexual"),
        ("especifico-vif", "Instrumento específico: violencia contra la pareja / VIF", "vif"),
    ]:
        _, version = version_of(
            code,
            name,
            kind,
            "Espacio para el instrumento específico que adopte la institución. Su nivel de "
            "riesgo prima sobre el del instrumento general (Normas LV, 2.2 f).",
            prevails=True,
            note=TO_CONFIGURE_NOTE,
        )
        Domain.objects.get_or_create(
            version=version,
            code="total",
            defaults=dict(
                name="Puntaje del instrumento específico",
                sort_order=1,
                axis="criminogenic",
                min_score=0,
            ),
        )


def unseed_instruments(apps, schema_editor):
    """Nothing to undo: reversing the migration drops the instrument tables."""
