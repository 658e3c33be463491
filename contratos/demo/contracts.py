"""Demo social contracts for OPV: the template (two versions) and signed contracts.

Clauses follow the OPV document (seeds/000): the three ámbitos (psicosocial, familiar,
laboral), intra- and extra-penitentiary work, family talks and counselling, the one-year
follow-up, the local network (OMIL, OTEC, SENDA Previene, SERVIU, El Molino, CRS Quillota).
Signatures are drawn programmatically; people are synthetic.
"""

import io
import math
import random

from PIL import Image, ImageDraw

from django.db import transaction

from contratos import actions
from contratos.models import ContractTemplate, SocialContract
from familias.public import family_members
from reinsercion.cases.models import Case
from reinsercion.programs.models import Program, User

TITLE = "Contrato social del Programa Oportunidades para la Vida"
PREAMBLE = (
    "En {comuna}, la Ilustre Municipalidad de Quillota, a través del Programa de reinserción "
    "social municipal «{programa}» (OPV), en convenio con el Centro de Detención Preventiva de "
    "Quillota, y {beneficiario}, RUT {rut}, junto a su familia, celebran el presente contrato "
    "social, que define los deberes y derechos que enmarcan la intervención y formaliza el "
    "compromiso que el municipio asume con ellos. La intervención se desarrolla en tres "
    "ámbitos: psicosocial, familiar y laboral, durante las fases intrapenitenciaria y "
    "extrapenitenciaria, y un año de seguimiento posterior."
)
CLAUSES_V1 = {
    "beneficiary_duties": [
        "Asistir puntualmente a los talleres grupales de la dupla psicosocial durante la fase "
        "intrapenitenciaria y a las consejerías individuales que se le indiquen.",
        "Participar en la construcción de su proyecto de vida y cumplir los compromisos que "
        "acuerde con el equipo.",
        "Mantener un trato respetuoso con el equipo del programa, con sus compañeros de "
        "generación y con el personal del CDP Quillota.",
        "Informar oportunamente al equipo cualquier cambio de domicilio, teléfono o situación "
        "judicial.",
        "Participar en las instancias de capacitación y de intermediación laboral a las que "
        "sea derivado/a (OMIL, OTEC municipal) una vez en el medio libre.",
    ],
    "family_duties": [
        "Asistir a las charlas informativas y consejerías personalizadas dirigidas a la familia.",
        "Recibir las visitas domiciliarias del equipo y entregar información veraz sobre la "
        "situación del grupo familiar.",
        "Apoyar el proceso de reinserción del beneficiario/a y avisar al equipo ante señales de "
        "riesgo, como consumo problemático o contacto con pares antisociales.",
    ],
    "rights": [
        "Recibir un trato digno, sin discriminación, y la reserva de la información personal y "
        "familiar entregada al programa.",
        "Recibir orientación y apoyo en la tramitación de prestaciones sociales básicas y en la "
        "postulación a vivienda, según las necesidades detectadas.",
        "Ser derivado/a a la red local cuando corresponda: SENDA Previene, Centro El Molino, "
        "Unidad de Desintoxicación Municipal, SERVIU, CRS Quillota.",
        "Conocer los registros de su intervención y recibir una copia de este contrato.",
    ],
    "municipality_commitments": [
        "Mantener la intervención psicosocial, familiar y laboral durante las fases intra y "
        "extrapenitenciaria, con un equipo profesional a cargo del caso.",
        "Gestionar oportunidades de capacitación en oficios con la OTEC municipal, con rebaja "
        "del 50 % o 100 % del costo según informe social, y de colocación laboral con la OMIL.",
        "Orientar en la omisión y eliminación de antecedentes penales (DL 409) junto al CRS "
        "Quillota.",
    ],
}
CLOSING = (
    "El incumplimiento reiterado de los deberes aquí descritos será conversado con el "
    "beneficiario/a y su familia y registrado por el equipo. Las partes firman en señal de "
    "aceptación, recibiendo cada una copia del presente contrato."
)
CLAUSES_V2 = {
    **CLAUSES_V1,
    "municipality_commitments": [
        *CLAUSES_V1["municipality_commitments"],
        "Realizar un seguimiento de un año posterior al término de la intervención, con "
        "contactos periódicos con el beneficiario/a y su grupo familiar.",
    ],
}


def signature_png(rng: random.Random) -> bytes:
    """A handwritten-looking stroke for synthetic signers."""
    image = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    x, y = 40.0, 130.0 + rng.uniform(-20, 20)
    points = [(x, y)]
    a, b, c = rng.uniform(4, 8), rng.uniform(10, 20), rng.uniform(25, 45)
    for step in range(160):
        x += rng.uniform(2.2, 3.4)
        y = 130 + c * math.sin(step / a) * math.cos(step / b) + rng.uniform(-2, 2)
        points.append((x, y))
    draw.line(points, fill=(17, 24, 39, 255), width=4, joint="curve")
    tail = points[-1]
    draw.line([tail, (tail[0] + 30, tail[1] - 40)], fill=(17, 24, 39, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sign(contract, actor, rng, place):
    signers = list(contract.signers.order_by("order", "pk"))
    signatures = {}
    for signer in signers:
        if signer.is_minor or rng.random() < 0.1:
            signatures[signer.pk] = {"typed_name": signer.full_name}
        else:
            signatures[signer.pk] = {"png": signature_png(rng)}
    return actions.sign_contract(
        contract=contract,
        actor=actor,
        place=place,
        identities={s.pk: (s.full_name, s.rut) for s in signers},
        signatures=signatures,
    )


def prepare(case, actor, **extra):
    members = family_members(case)
    adults = [m for m in members if not m.is_minor and m.rut]
    chosen = [m for m in adults if m.relationship in ("Madre", "Pareja / cónyuge")]
    minors = [m for m in members if m.is_minor and m.age is not None and m.age >= 14 and m.rut]
    responsible = {}
    if minors and chosen:
        chosen.append(minors[0])
        responsible[minors[0].id] = chosen[0].id
    return actions.prepare_contract(
        case=case,
        actor=actor,
        family_member_ids=[m.id for m in chosen],
        responsible_adults=responsible,
        **extra,
    )


@transaction.atomic
def build(stdout=None, seed=2018) -> int:
    program = Program.objects.filter(code="OPV").first()
    actor = User.objects.filter(username="coordinacion.opv").first()
    if program is None or actor is None:
        return 0
    rng = random.Random(seed)
    template = ContractTemplate.objects.filter(program=program).first()
    if template is None:
        template = actions.create_template(
            program=program,
            actor=actor,
            name="Contrato social OPV",
            title=TITLE,
            preamble=PREAMBLE,
            clauses=CLAUSES_V1,
            closing=CLOSING,
        )
    if SocialContract.objects.filter(case__program=program).exists():
        return 0
    with_family = (
        Case.objects.filter(program=program, family_members__isnull=False)
        .distinct()
        .select_related("person", "cohort", "program")
        .order_by("cohort__ordinal", "pk")
    )
    signed = 0
    # 6th generation: signed on the first version of the template.
    sixth = [c for c in with_family if c.cohort and c.cohort.ordinal == 6]
    for case in sixth:
        sign(prepare(case, actor), actor, rng, "Oficina Programa OPV, Quillota")
        signed += 1
    if len(template.versions.all()) == 1:
        actions.edit_template(
            template=template,
            actor=actor,
            title=TITLE,
            preamble=PREAMBLE,
            clauses=CLAUSES_V2,
            closing=CLOSING,
            change_note="Se explicita el compromiso del año de seguimiento.",
        )
    # One amendment and one breach in the 6th generation.
    if sixth:
        case = sixth[0]
        contract = case.social_contracts.get()
        actions.record_breach(
            contract=contract,
            actor=actor,
            occurred_on=contract.signed_at.date(),
            description="Dos inasistencias injustificadas consecutivas a consejería individual.",
        )
        amendment = prepare(
            case,
            actor,
            particular_clauses="Asistir al tratamiento ambulatorio del Centro El Molino "
            "derivado por el equipo.",
            amendment_reason="Recaída en el consumo de alcohol detectada en el seguimiento.",
        )
        sign(amendment, actor, rng, "Oficina Programa OPV, Quillota")
    # 7th generation: most signed on the current version, two still in preparation.
    seventh = [c for c in with_family if c.cohort and c.cohort.ordinal == 7]
    for index, case in enumerate(seventh):
        contract = prepare(case, actor)
        if index < len(seventh) - 2:
            sign(contract, actor, rng, "CDP Quillota")
            signed += 1
    return signed
