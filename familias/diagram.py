"""The family diagram, drawn as SVG on the server (no JavaScript).

The beneficiary sits in the middle row; older generations above, children below, the
beneficiary's own generation (partner, siblings, close people) beside them. Shapes follow
the genogram convention (square: man, circle: woman, rounded square: other or not
recorded). The SVG carries a <title> and a <desc>; the page also lists the members as text.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .choices import GENERATION

NODE = 56  # node size
COL = 150  # horizontal distance between nodes
ROW = 120  # vertical distance between generations
MARGIN = 30
LABEL_HEIGHT = 48  # the name, caption and alert lines under a node

COLOURS = {
    "line": "#5a6472",
    "node": "#ffffff",
    "household": "#dbeafe",
    "beneficiary": "#0b5d8f",
    "referent": "#c2410c",
    "alert": "#b91c1c",
    "text": "#1b2430",
}


@dataclass
class Node:
    key: str
    name: str
    caption: str
    sex: str
    generation: int
    household: bool = False
    referent: bool = False
    alerts: tuple[str, ...] = ()
    x: float = 0
    y: float = 0


def _short_name(first_names: str, last_names: str) -> str:
    first = (first_names or "").split(" ")[0]
    last = (last_names or "").split(" ")[0]
    return f"{first} {last}".strip()


def _shape(node: Node, stroke: str, stroke_width: float, fill: str) -> str:
    half = NODE / 2
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"'
    if node.sex == "male":
        return (
            f'<rect x="{node.x - half}" y="{node.y - half}" width="{NODE}" height="{NODE}" '
            f"{common}/>"
        )
    if node.sex == "female":
        return f'<circle cx="{node.x}" cy="{node.y}" r="{half}" {common}/>'
    return (
        f'<rect x="{node.x - half}" y="{node.y - half}" width="{NODE}" height="{NODE}" '
        f'rx="16" {common}/>'
    )


def build_nodes(case, members, referent_member_id=None) -> list[Node]:
    person = case.person
    nodes = [
        Node(
            key="beneficiary",
            name=_short_name(person.first_names, person.last_names),
            caption="Beneficiario/a" + (f" · {person.age} años" if person.age is not None else ""),
            sex=person.sex,
            generation=0,
            household=True,
        )
    ]
    for member in members:
        alerts = []
        if member.is_victim:
            alerts.append("víctima")
        if member.is_antisocial_peer:
            alerts.append("par antisocial")
        age = member.current_age
        caption = member.get_relationship_display()
        if age is not None:
            caption += f" · {age} años"
        nodes.append(
            Node(
                key=f"m{member.pk}",
                name=_short_name(member.first_names, member.last_names),
                caption=caption,
                sex=member.sex,
                generation=GENERATION.get(member.relationship, 0),
                household=member.lives_with_beneficiary,
                referent=member.pk == referent_member_id,
                alerts=tuple(alerts),
            )
        )
    return nodes


def _layout(nodes: list[Node]) -> tuple[float, float, list[int]]:
    generations = sorted({n.generation for n in nodes})
    rows = {g: [n for n in nodes if n.generation == g] for g in generations}
    # The beneficiary first in its row, then partner, then the rest: they end up centred.
    row0 = rows[0]
    beneficiary = row0[0]
    others = row0[1:]
    left = others[1::2]
    right = others[0::2]
    rows[0] = [*reversed(left), beneficiary, *right]
    widest = max(len(r) for r in rows.values())
    width = max(widest * COL, 3 * COL) + 2 * MARGIN
    for index, generation in enumerate(generations):
        row = rows[generation]
        start = (width - len(row) * COL) / 2 + COL / 2
        for i, node in enumerate(row):
            node.x = start + i * COL
            node.y = MARGIN + NODE / 2 + index * ROW
    height = 2 * MARGIN + NODE + (len(generations) - 1) * ROW + LABEL_HEIGHT
    return width, height, generations


def family_svg(
    case, members, referent_member_id=None, *, title_id="diagrama-familiar"
) -> SafeString:
    """The diagram of ``case``'s family group as an inline SVG string."""
    nodes = build_nodes(case, members, referent_member_id)
    width, height, _ = _layout(nodes)
    beneficiary = nodes[0]
    n_members = len(nodes) - 1
    household = sum(1 for n in nodes[1:] if n.household)
    desc = (
        f"Grupo familiar de {beneficiary.name}: {n_members} integrante"
        f"{'s' if n_members != 1 else ''} registrado{'s' if n_members != 1 else ''}, "
        f"{household} vive{'n' if household != 1 else ''} con el beneficiario/a. "
        "Generaciones mayores arriba, hijos e hijas abajo."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="family-diagram" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-labelledby="{title_id}-title {title_id}-desc">',
        f'<title id="{title_id}-title">Diagrama del grupo familiar de {escape(beneficiary.name)}'
        "</title>",
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>',
    ]
    # Links from the beneficiary to each member, clear of the labels under the nodes.
    half = NODE / 2
    for node in nodes[1:]:
        dash = "" if node.household else ' stroke-dasharray="6 4"'
        # Grandparents hang from a parent, grandchildren from a child, when there is one.
        step = -1 if node.generation < 0 else 1
        via = next(
            (n for n in nodes[1:] if abs(node.generation) == 2 and n.generation == step), None
        )
        anchor = via or beneficiary
        if node.generation < 0:
            x1, y1 = node.x, node.y + half + LABEL_HEIGHT - 8
            x2, y2 = anchor.x, anchor.y - half
        elif node.generation > 0:
            x1, y1 = anchor.x, anchor.y + half + LABEL_HEIGHT - 8
            x2, y2 = node.x, node.y - half
        else:
            side = half if node.x > beneficiary.x else -half
            x1, y1 = beneficiary.x + side, beneficiary.y
            x2, y2 = node.x - side, node.y
        if node.generation == 0 and abs(node.x - beneficiary.x) > COL * 1.5:
            # Arc over the nodes in between.
            mid = (x1 + x2) / 2
            parts.append(
                f'<path d="M {x1} {y1} Q {mid} {y1 - 70} {x2} {y2}" fill="none" '
                f'stroke="{COLOURS["line"]}" stroke-width="1.5"{dash}/>'
            )
            continue
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
            f'stroke="{COLOURS["line"]}" stroke-width="1.5"{dash}/>'
        )
    for node in nodes:
        if node.key == "beneficiary":
            stroke, width_, fill = COLOURS["beneficiary"], 4, COLOURS["household"]
        elif node.referent:
            stroke, width_, fill = COLOURS["referent"], 4, COLOURS["node"]
        else:
            stroke, width_, fill = COLOURS["line"], 1.5, COLOURS["node"]
        if node.household:
            fill = COLOURS["household"]
        parts.append(f'<g class="family-node" data-key="{node.key}">')
        parts.append(_shape(node, stroke, width_, fill))
        if node.referent:
            parts.append(
                f'<text x="{node.x}" y="{node.y + 6}" text-anchor="middle" font-size="18" '
                f'font-weight="700" fill="{COLOURS["referent"]}">R</text>'
            )
        if node.alerts:
            parts.append(
                f'<text x="{node.x + NODE / 2 - 2}" y="{node.y - NODE / 2 + 4}" '
                f'font-size="18" font-weight="700" fill="{COLOURS["alert"]}">!</text>'
            )
        label_y = node.y + NODE / 2 + 16
        parts.append(
            f'<text x="{node.x}" y="{label_y}" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="{COLOURS["text"]}">{escape(node.name)}</text>'
        )
        parts.append(
            f'<text x="{node.x}" y="{label_y + 15}" text-anchor="middle" font-size="11" '
            f'fill="{COLOURS["text"]}">{escape(node.caption)}</text>'
        )
        if node.alerts:
            parts.append(
                f'<text x="{node.x}" y="{label_y + 29}" text-anchor="middle" font-size="11" '
                f'fill="{COLOURS["alert"]}">{escape(", ".join(node.alerts))}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
