"""Templates, contracts and signatures, made through the real actions."""

import io
import math

from PIL import Image, ImageDraw

from contratos import actions

OPV_CLAUSES = {
    "beneficiary_duties": [
        "Asistir a los talleres grupales y a las consejerías individuales del programa.",
        "Mantener una conducta respetuosa con el equipo y con sus compañeros de generación.",
    ],
    "family_duties": ["Participar en las charlas informativas y consejerías para la familia."],
    "rights": ["Recibir un trato digno y confidencial de su información."],
    "municipality_commitments": [
        "Acompañar la postulación a la OMIL y a la OTEC municipal según el informe social."
    ],
}


def create_template(program, actor, **overrides):
    data = {
        "name": "Contrato social OPV",
        "title": "Contrato social Programa Oportunidades para la Vida",
        "preamble": "En {comuna}, {beneficiario}, RUT {rut}, y su familia acuerdan con "
        "{institucion} lo siguiente:",
        "clauses": OPV_CLAUSES,
        "closing": "Las partes firman en señal de aceptación.",
    }
    data.update(overrides)
    return actions.create_template(program=program, actor=actor, **data)


def signature_png(seed: int = 1, *, blank: bool = False) -> bytes:
    image = Image.new("RGBA", (500, 200), (0, 0, 0, 0))
    if not blank:
        draw = ImageDraw.Draw(image)
        points = [
            (30 + x * 4, 100 + 45 * math.sin((x + seed) / 6) * math.cos(x / 17)) for x in range(110)
        ]
        draw.line(points, fill=(17, 24, 39, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sign(contract, actor, *, place="Quillota", typed=()):
    """Sign ``contract`` with every signer identified and signing (drawn, or typed for the
    signers whose pk is in ``typed``)."""
    signers = list(contract.signers.order_by("order", "pk"))
    identities = {s.pk: (s.full_name, s.rut) for s in signers}
    signatures = {
        s.pk: {"typed_name": s.full_name} if s.pk in typed else {"png": signature_png(s.pk)}
        for s in signers
    }
    return actions.sign_contract(
        contract=contract,
        actor=actor,
        place=place,
        identities=identities,
        signatures=signatures,
    )
