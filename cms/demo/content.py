# ruff: noqa: E501  (site copy: long Spanish sentences read better unbroken)
"""Spanish content of the demo site, taken from the source documents (docs in /seeds):

- OPV: «Programa Oportunidades para la Vida», I. Municipalidad de Quillota.
- LAE/LAS: ficha del programa Libertad Asistida Especial 2025 (Servicio Nacional de Reinserción
  Social Juvenil) and its evaluation.

No figure of results is typed here: the results page computes them from the case data.
"""

MISSION = "Soñar, diseñar, gestionar y construir participativamente una comuna humana, saludable e innovadora."

HOME = {
    "title": "Programas de reinserción social",
    "intro": (
        "La I. Municipalidad de Quillota y los programas de reinserción juvenil trabajan para que "
        "quienes han cumplido o cumplen una condena vuelvan a su familia, a su barrio y al trabajo. "
        "Aquí encontrará qué hace cada programa, con quiénes trabaja y qué resultados obtiene."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Una comuna que da oportunidades", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Partimos de la base de que, si las circunstancias personales, familiares y "
                "laborales se encuentran contenidas, la probabilidad de volver a delinquir disminuye "
                "considerablemente. Por eso los programas trabajan con la persona, con su familia y "
                "con la red local de instituciones.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {"text": MISSION, "source": "Misión de la I. Municipalidad de Quillota"},
        },
    ],
}

OPV = {
    "title": "Oportunidades para la Vida (OPV)",
    "slug": "oportunidades-para-la-vida",
    "acronym": "OPV",
    "responsible": "I. Municipalidad de Quillota",
    "legal_basis": "Convenio entre la I. Municipalidad de Quillota y el CDP Quillota, desde 2012",
    "intro": (
        "Programa de reinserción social municipal, único a nivel municipal en Chile, que busca "
        "«generar oportunidades para la reinserción social, familiar y laboral de hombres y mujeres "
        "domiciliados en la comuna de Quillota y que han obtenido su libertad desde el CDP de la "
        "misma comuna»."
    ),
    "body": [
        {
            "type": "audience",
            "value": {
                "title": "A quién atiende",
                "description": (
                    "<p>Hombres y mujeres privados de libertad en el Centro de Detención Preventiva "
                    "(CDP) de Quillota, con domicilio en la comuna de Quillota. El programa interviene "
                    "de forma directa a un máximo anual de 20 personas, que forman una "
                    "<b>generación</b>; sus familias y la comunidad son beneficiarios indirectos.</p>"
                ),
                "facts": [
                    {
                        "label": "Beneficiarios directos",
                        "value": "Hasta 20 personas privadas de libertad por año (una generación)",
                    },
                    {"label": "Beneficiarios indirectos", "value": "Sus familias y la comunidad"},
                    {
                        "label": "Dónde",
                        "value": "CDP Quillota y el medio libre en la comuna de Quillota",
                    },
                    {
                        "label": "Compromiso",
                        "value": "Contrato social firmado por el beneficiario y su familia",
                    },
                ],
            },
        },
        {
            "type": "objectives",
            "value": {
                "general": (
                    "Generar oportunidades para la reinserción social, familiar y laboral de hombres "
                    "y mujeres domiciliados en la comuna de Quillota y que han obtenido su libertad "
                    "desde CDP de la misma comuna."
                ),
                "specific": [
                    {
                        "title": "Intracarcelarios",
                        "items": [
                            "Propiciar el desarrollo personal de los beneficiarios del programa a fin de afianzar sus vínculos y relaciones familiares e interpersonales.",
                            "Construir un proyecto de vida que implique reforzar conductas de cambio saludables en hombres y mujeres beneficiarios del programa.",
                            "Fomentar el desarrollo de habilidades, destrezas y competencias pro laborales de los beneficiarios del programa.",
                        ],
                    },
                    {
                        "title": "Extracarcelarios",
                        "items": [
                            "Propender a la generación y/o fortalecimiento de factores protectores familiares a través de la intervención psicosocial, la asesoría en la tramitación de prestaciones sociales básicas y apoyo asistencial según las necesidades detectadas.",
                            "Generar instancias multisectoriales para la reinserción laboral de los beneficiarios del programa.",
                            "Desarrollar procesos que refuercen y mejoren la empleabilidad y condiciones laborales de los beneficiarios del programa.",
                        ],
                    },
                ],
            },
        },
        {
            "type": "ambitos",
            "value": {
                "title": "Ámbitos de intervención",
                "ambitos": [
                    {
                        "name": "Psicosocial",
                        "description": "Consejerías y talleres de la dupla psicosocial para fortalecer la autoestima, la resolución de conflictos, el control de impulsos y un proyecto de vida; abordaje del consumo problemático de alcohol y drogas con la red.",
                    },
                    {
                        "name": "Familiar",
                        "description": "Trabajar con las familias es una herramienta fundamental del programa: charlas informativas y consejerías personalizadas para que la familia desarrolle herramientas que la ayuden a ella y a la persona que se reintegra al grupo familiar.",
                    },
                    {
                        "name": "Laboral",
                        "description": "Perfiles y metas laborales, capacitación en oficios y colocación laboral junto a la OMIL y la OTEC municipal; apoyo al trabajo independiente y al emprendimiento formalizado.",
                    },
                ],
            },
        },
        {"type": "heading", "value": {"text": "Metodología", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>El programa realiza un trabajo tanto intra como post penitenciario, y suma la "
                "complejidad de trabajar con las familias, que también sufren vulneraciones fuera del "
                "contexto carcelario. Por eso el equipo ejecutor usa una metodología <b>integrativa "
                "desde un enfoque de derechos</b>, que adapta los conceptos teóricos a la necesidad de "
                "cada beneficiario.</p>"
                "<p>Con las personas privadas de libertad la intervención se trabaja desde una "
                "perspectiva <b>cognitivo-conductual</b>, además de <b>vincular y afectiva</b>: ayuda a "
                "modificar construcciones cognitivas que llevaron a una idea desadaptativa de la "
                "realidad, para que puedan servir eficazmente en la vida en libertad. El trabajo "
                "familiar prioriza el empoderamiento del núcleo familiar.</p>"
            ),
        },
        {
            "type": "phases",
            "value": {
                "title": "Fases de la intervención",
                "intro": "Todo el proceso queda estipulado en un contrato social que firman los beneficiarios y sus familias, con deberes y derechos, y que formaliza el compromiso del municipio con ellos.",
                "steps": [
                    {
                        "name": "Intervención intrapenitenciaria",
                        "duration": "Mientras la persona está privada de libertad en el CDP Quillota",
                        "description": "Talleres y consejerías de la dupla psicosocial que establecen la base de la intervención: desarrollo personal, vínculos familiares, proyecto de vida y competencias pro laborales. Para medir el impacto se considera a quien cumplió a lo menos cuatro meses en esta fase.",
                    },
                    {
                        "name": "Intervención extrapenitenciaria",
                        "duration": "Al recuperar la libertad",
                        "description": "Acompañamiento en el medio libre: factores protectores familiares, tramitación de prestaciones sociales básicas, capacitación, colocación laboral y trabajo con la red local.",
                    },
                    {
                        "name": "Seguimiento",
                        "duration": "Un año posterior a la intervención",
                        "description": "El equipo mantiene una constante retroalimentación con la persona y su grupo familiar; al cierre se registra si hubo reinserción efectiva o reincidencia.",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "text": MISSION,
                "source": "Misión de la I. Municipalidad de Quillota, marco de la intervención del programa",
            },
        },
    ],
}

OPV_RESULTS = {
    "title": "Resultados del programa OPV 2012–2016",
    "slug": "resultados-2012-2016",
    "program_code": "OPV",
    "year_from": 2012,
    "year_to": 2016,
    "intro": (
        "<p>Cifras calculadas a partir de los registros de cada generación del programa: cuántas "
        "personas egresaron, cuántas se reinsertaron social, familiar y laboralmente y cuántas "
        "reincidieron durante el año de seguimiento.</p>"
    ),
    "breakdowns": [
        {"type": "breakdown", "value": {"dimension": "age_band"}},
        {"type": "breakdown", "value": {"dimension": "labour_outcome"}},
    ],
    "notes": (
        "<p>Para el análisis y la medición del impacto del programa se considera a la persona que "
        "haya cumplido a lo menos <b>cuatro meses de intervención penitenciaria</b>: los primeros "
        "talleres de la dupla psicosocial establecen la base de la intervención. Quienes dejaron el "
        "programa antes no se cuentan.</p>"
        "<p><b>Reinserción efectiva</b>: la persona terminó el año de seguimiento sin volver a "
        "delinquir. <b>Reincidencia</b>: la persona volvió a cometer un delito durante la intervención "
        "o el seguimiento.</p>"
    ),
}

OPV_LINKS = {
    "title": "Vinculación con empresas y programas",
    "slug": "vinculacion",
    "intro": "Resultados indirectos del programa: vínculos permanentes que abren oportunidades laborales y de tratamiento a los participantes.",
    "body": [
        {
            "type": "paragraph",
            "value": (
                "<ul>"
                "<li>Empresa González y Fierro: vínculo permanente para la contratación de participantes.</li>"
                "<li>Centro médico de la zona: contratación de un participante como política de reintegración.</li>"
                "<li>Empresa Césped Chile: contratación de participantes (vinculación y revinculación).</li>"
                "<li>Empresa de parquímetros de Quillota y Fábricas Cool: espacios para la contratación de participantes.</li>"
                "<li>Programas Emerger y El Molino: tratamiento y rehabilitación del consumo problemático de drogas y alcohol; con El Molino, además, temáticas de género y masculinidades.</li>"
                "<li>Centro de Reinserción Social (CRS) Quillota: omisión y eliminación de antecedentes penales.</li>"
                "<li>OMIL municipal: planes de empleo de media jornada en consultorios de la comuna.</li>"
                "<li>Programa EDLI de reintegración sociolaboral de personas en situación de discapacidad.</li>"
                "<li>SENCE: programa Más Capaz, línea discapacidad, y Becas Laborales (curso de maestro general en obras menores).</li>"
                "</ul>"
            ),
        },
    ],
}

LAE_INDICATORS = {
    "title": "Indicadores",
    "intro": "Indicadores con que el Servicio mide el programa (ficha 2025). La evaluación técnica pide además medir la reincidencia de los egresados del año t-1 en t-1 y en t, con una definición escrita de reincidencia.",
    "indicators": [
        {
            "name": "Porcentaje de adolescentes y jóvenes egresados por término judicial de la sanción en el año t que disminuyen sus riesgos personales.",
            "formula": "(N° de jóvenes egresados por término judicial de la sanción en el año t que disminuyen los riesgos personales / N° total de jóvenes egresados por término judicial de la sanción en el año t) × 100",
            "target": "52 %",
        },
        {
            "name": "Porcentaje de jóvenes y/o adolescentes atendidos en el año t que participan mensualmente en al menos 4 eventos de acompañamiento de procesos de cambio.",
            "formula": "(N° de jóvenes atendidos en el año t que participan mensualmente en al menos 4 eventos de acompañamiento / N° total de jóvenes atendidos en el año t) × 100",
            "target": "90 %",
        },
    ],
    "source": "Ficha del programa LAE 2025, Servicio Nacional de Reinserción Social Juvenil, Ministerio de Justicia y Derechos Humanos",
}

LAE_STAGES = {
    "title": "Etapas de la intervención",
    "intro": "Los plazos se ajustan al Modelo de Intervención Especializado del Servicio.",
    "steps": [
        {
            "name": "Evaluación diagnóstica",
            "duration": "",
            "description": "Se evalúan los factores de riesgo personales del joven, estáticos y dinámicos, y los recursos de su familia y entorno.",
        },
        {
            "name": "Diseño del plan de intervención individual",
            "duration": "",
            "description": "El plan lo aprueba el tribunal. Si las variables cambian de manera sustantiva, el plan se reformula y se comunica al tribunal de control de ejecución y a la Defensoría con un oficio conductor que solicita audiencia de aprobación.",
        },
        {
            "name": "Implementación y monitoreo",
            "duration": "",
            "description": "Acompañamiento personalizado de un gestor o gestora de caso, articulado con educación, salud, salud mental y tratamiento de alcohol y drogas según el plan.",
        },
        {
            "name": "Preparación del egreso",
            "duration": "",
            "description": "Se prepara el término de la sanción y la continuidad de los apoyos en la red.",
        },
        {
            "name": "Cierre del proceso",
            "duration": "",
            "description": "Egreso por término judicial de la sanción.",
        },
    ],
}

RISK_FACTORS = [
    "Precariedad de redes familiares, falta de apoyo socioemocional o redes familiares asociadas al delito.",
    "Bajo nivel educacional o alejamiento del sistema educacional.",
    "Problemas psicológicos asociados a la violencia o al delito (impulsividad, baja autorregulación, manejo de la ira).",
    "Asociación con pares que cometen delitos o aceptación de un estilo de vida que valida el delito.",
    "Problemas de consumo de alcohol o drogas.",
]

LAE = {
    "title": "Libertad Asistida Especial (LAE)",
    "slug": "libertad-asistida-especial",
    "acronym": "LAE",
    "responsible": "Servicio Nacional de Reinserción Social Juvenil",
    "legal_basis": "Ley N° 20.084 de Responsabilidad Penal Adolescente, artículo 14",
    "intro": (
        "Sanción en medio libre para adolescentes y jóvenes que cometieron un delito entre los 14 y "
        "los 17 años: un programa intensivo de actividades socioeducativas y de reinserción social en "
        "la comunidad. Dura entre 6 meses y 3 años."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Qué es la sanción", "level": "h2"}},
        {
            "type": "callout",
            "value": {
                "text": "Asistencia del adolescente a un programa intensivo de actividades socioeducativas y de reinserción social en el ámbito comunitario que permita la participación en el proceso de educación formal, la capacitación laboral, la posibilidad de acceder a programas de tratamiento y rehabilitación de drogas en centros previamente acreditados por los organismos competentes y el fortalecimiento del vínculo con su familia o adulto responsable.",
                "source": "Ley N° 20.084, artículo 14",
            },
        },
        {
            "type": "paragraph",
            "value": (
                "<p>La duración no puede ser inferior a 6 meses ni superior a 3 años. El juez determina "
                "la sanción según la gravedad del ilícito, la calidad en que el adolescente participó, "
                "los atenuantes o agravantes, su edad y la extensión del mal causado (artículo 24). Si "
                "hay quebrantamiento, la sanción puede ampliarse o sustituirse por la inmediatamente "
                "superior, Libertad Asistida Especial con Internación Parcial (artículo 52).</p>"
            ),
        },
        {
            "type": "audience",
            "value": {
                "title": "A quién atiende",
                "description": (
                    "<p>Adolescentes y jóvenes condenados por tribunales a esta sanción por un delito "
                    "cometido entre los 14 y los 17 años. Como la sanción se cumple después del delito, "
                    "muchos tienen 18 años o más mientras la cumplen.</p>"
                ),
                "facts": [
                    {"label": "Edad al cometer el delito", "value": "14 a 17 años"},
                    {"label": "Duración de la sanción", "value": "6 meses a 3 años"},
                    {
                        "label": "Acompañamiento",
                        "value": "Al menos 4 eventos de acompañamiento al mes",
                    },
                    {
                        "label": "Implementación",
                        "value": "Gradual: zona norte 2024, zona sur 2025 y zona centro 2026",
                    },
                ],
            },
        },
        {
            "type": "objectives",
            "value": {
                "general": "Que los adolescentes y jóvenes condenados a Libertad Asistida Especial por un delito cometido entre los 14 y 17 años disminuyan sus factores de riesgo personales.",
                "specific": [
                    {"title": "Factores de riesgo dinámicos que aborda", "items": RISK_FACTORS}
                ],
            },
        },
        {"type": "phases", "value": LAE_STAGES},
        {"type": "indicators", "value": LAE_INDICATORS},
    ],
}

LAS = {
    "title": "Libertad Asistida Simple (LAS)",
    "slug": "libertad-asistida-simple",
    "acronym": "LAS",
    "responsible": "Servicio Nacional de Reinserción Social Juvenil",
    "legal_basis": "Ley N° 20.084 de Responsabilidad Penal Adolescente (vigente desde 2007)",
    "intro": (
        "Sanción en medio libre de la Ley de Responsabilidad Penal Adolescente. Comparte los "
        "objetivos, el marco teórico y las etapas de intervención de la Libertad Asistida Especial, "
        "con menor intensidad de intervención y una sanción de menor duración."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Qué es la sanción", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>La Ley de Responsabilidad Penal Adolescente comenzó a regir en 2007 e incluye las "
                "sanciones de Libertad Asistida Simple y Libertad Asistida Especial. Ambas nacen de la "
                "Ley N° 20.084; lo que las distingue es la estrategia de intervención: la especial es "
                "más intensa y de mayor duración. Un quebrantamiento puede llevar a la sanción "
                "inmediatamente superior.</p>"
            ),
        },
        {
            "type": "audience",
            "value": {
                "title": "A quién atiende",
                "description": "<p>Adolescentes y jóvenes sancionados por un delito cometido entre los 14 y los 17 años, a quienes el tribunal impuso esta sanción en medio libre.</p>",
                "facts": [
                    {"label": "Edad al cometer el delito", "value": "14 a 17 años"},
                    {
                        "label": "Intensidad",
                        "value": "Menor que en Libertad Asistida Especial; la define el programa",
                    },
                ],
            },
        },
        {
            "type": "objectives",
            "value": {
                "general": "Que los adolescentes y jóvenes sancionados disminuyan sus factores de riesgo personales, igual que en Libertad Asistida Especial.",
                "specific": [
                    {"title": "Factores de riesgo dinámicos que aborda", "items": RISK_FACTORS}
                ],
            },
        },
        {"type": "phases", "value": LAE_STAGES},
        {
            "type": "indicators",
            "value": {
                **LAE_INDICATORS,
                "intro": "LAS usa los mismos indicadores de desempeño que LAE; la evaluación técnica pide diferenciarlos y medir la reincidencia de los egresados.",
                "indicators": [{**i, "target": ""} for i in LAE_INDICATORS["indicators"]],
                "source": "Evaluación de la ficha del programa LAE 2025, Ministerio de Justicia y Derechos Humanos",
            },
        },
    ],
}

# (level, name, acronym, coordination) — "Gestiones complementarias a la intervención del
# Programa OPV" in the OPV document.
ALLIANCE = "Alianza colaborativa en procesos asociados al desarrollo del programa."
INSTITUTIONS = [
    ("regional", "Seremía de Justicia y Derechos Humanos", "", ALLIANCE),
    ("regional", "Dirección Regional Gendarmería de Chile", "", ALLIANCE),
    ("regional", "Área Técnica Regional Gendarmería de Chile", "", ALLIANCE),
    (
        "comunal",
        "Alcaldía, I. Municipalidad de Quillota",
        "",
        "Representante en instancias gubernamentales y gestor del proyecto Oportunidades para la Vida.",
    ),
    (
        "comunal",
        "Área Técnica CDP Quillota",
        "CDP",
        "Convenio de colaboración firmado desde el año 2012 a la fecha.",
    ),
    (
        "comunal",
        "Centro de Reinserción Social de Quillota",
        "CRS",
        "Vinculación con la red de apoyo para mejorar las gestiones de las instituciones y programas que trabajan por la reinserción social. Apoyo, asesoramiento y seguimiento conjunto de casos del Decreto Ley 409 (eliminación de antecedentes).",
    ),
    (
        "comunal",
        "Oficina Municipal de Intermediación Laboral de Quillota",
        "OMIL",
        "Principal red de apoyo municipal para colocaciones laborales de beneficiarios que se incorporan al medio libre y oportunidades de capacitación en oficio.",
    ),
    (
        "comunal",
        "Organismo Técnico de Capacitación Municipal de Quillota",
        "OTEC",
        "Opciones de capacitación por derivación municipal, con reducción del costo a un 50 % o 100 % según informe social.",
    ),
    (
        "comunal",
        "Programa Abriendo Caminos",
        "",
        "Programa del Ministerio de Desarrollo Social con el que se abordan casos en común, potenciando el impacto de ambos programas.",
    ),
    (
        "comunal",
        "Gobernación Provincial de Quillota",
        "",
        "Apoyo socioeconómico para el emprendimiento formalizado: financiamiento para mercadería o maquinaria.",
    ),
    (
        "comunal",
        "Centro El Molino",
        "",
        "Tratamiento ambulatorio especializado ante recaídas significativas en el consumo de drogas, y apoyo y orientación al grupo familiar.",
    ),
    (
        "comunal",
        "SENDA Previene",
        "SENDA",
        "Orientación sobre los distintos consumos problemáticos.",
    ),
    (
        "comunal",
        "Servicio de Vivienda y Urbanización",
        "SERVIU",
        "Acompañamiento y asesoría para el acceso a la vivienda de beneficiarios directos o indirectos, y charlas informativas.",
    ),
    (
        "comunal",
        "Unidad de Desintoxicación Municipal",
        "",
        "Principal red municipal de desintoxicación por consumo de drogas, con internación por 30 días.",
    ),
    (
        "comunal",
        "Unidad de Gestión Interna Municipal",
        "UGIM",
        "Apoyo en investigación y evaluación de intervenciones innovadoras de los programas del municipio.",
    ),
    (
        "comunal",
        "Universidad de Chile, Área de Trabajo Social",
        "",
        "Colaboración académica del área de trabajo social.",
    ),
    (
        "other",
        "Centro de Estudio y Trabajo de Putaendo",
        "CET",
        "Continuidad de la intervención de beneficiarios trasladados a centros de estudio y trabajo.",
    ),
]

NETWORK = {
    "title": "Red de instituciones",
    "slug": "red-de-instituciones",
    "intro": (
        "<p>El programa trabaja con la red local, complementando su intervención para generar "
        "mayores oportunidades de reinserción. Estas son las instituciones con que coordina y "
        "para qué.</p>"
    ),
}

NEWS_INDEX = {
    "title": "Noticias",
    "slug": "noticias",
    "intro": "Novedades de los programas de reinserción.",
}

NEWS = [
    {
        "title": "La 7ª generación del programa OPV inicia su intervención en el CDP Quillota",
        "slug": "septima-generacion-opv",
        "date": "2018-04-02",
        "intro": "Comienza la fase intrapenitenciaria de la séptima generación del programa Oportunidades para la Vida.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>La séptima generación del programa Oportunidades para la Vida comenzó su intervención intrapenitenciaria en el Centro de Detención Preventiva de Quillota. Sus integrantes y sus familias firmarán el contrato social, que define deberes y derechos y formaliza el compromiso del municipio con ellos.</p><p>Durante esta fase la dupla psicosocial realiza los primeros talleres, que establecen la base de toda la intervención.</p>",
            },
        ],
    },
    {
        "title": "La 6ª generación vive su año de seguimiento",
        "slug": "sexta-generacion-seguimiento",
        "date": "2018-03-01",
        "intro": "Tras la intervención intra y extrapenitenciaria, la sexta generación del OPV está en la etapa de seguimiento.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>El programa sigue trabajando con los beneficiarios de la 6ª generación, que se encuentran en la etapa de seguimiento de un año posterior a la intervención. El equipo ejecutor está en constante retroalimentación con ellos y con su grupo familiar.</p>",
            },
        ],
    },
    {
        "title": "El Servicio Nacional de Reinserción Social Juvenil asume la Libertad Asistida",
        "slug": "servicio-reinsercion-juvenil",
        "date": "2025-01-15",
        "intro": "La transición desde el Sename es progresiva: zona norte en 2024, zona sur en 2025 y zona centro en 2026.",
        "body": [
            {
                "type": "paragraph",
                "value": "<p>El nuevo Servicio opera con un modelo nacional y vinculante, descentralizado y especializado. La implementación de Libertad Asistida Especial y Simple es gradual: comenzó en 2024 con la macrozona norte, en 2025 se suma la macrozona sur y en 2026 tendrá cobertura nacional.</p>",
            },
        ],
    },
]

CONTACT = {
    "title": "Contacto",
    "slug": "contacto",
    "intro": "<p>Escríbanos si quiere saber más de un programa, ofrecer una oportunidad laboral o sumar a su institución a la red. Las consultas sobre una causa judicial deben hacerse en el tribunal o con la defensa.</p>",
    "thank_you_text": "<p>Gracias por escribirnos. El equipo del programa responderá a la brevedad.</p>",
    "to_address": "reinsercion@demo.reinsercion.local",
    "from_address": "no-responder@reinsercion.local",
    "subject": "Nuevo mensaje desde el sitio de reinserción",
    "fields": [
        ("Nombre", "singleline", True, "", ""),
        ("Correo electrónico", "email", True, "", "Le responderemos a este correo."),
        ("Teléfono", "singleline", False, "", ""),
        (
            "Motivo",
            "dropdown",
            True,
            "Consulta sobre un programa\nOfrecer una oportunidad laboral\nInstitución de la red\nOtro",
            "",
        ),
        ("Mensaje", "multiline", True, "", ""),
    ],
}

IDENTITY = {
    "institution": "I. Municipalidad de Quillota",
    "unit": "Programas de reinserción social",
    "email": "reinsercion@demo.reinsercion.local",
    "footer_note": (
        "Las cifras de resultados se calculan a partir de los registros de los programas y solo se "
        "publican de forma agregada: nunca un nombre, un RUT ni un delito asociado a una persona."
    ),
}
