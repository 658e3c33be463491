"""Display helpers for the audit trail (django-auditlog entries) in Spanish."""

from django import template

register = template.Library()

ACTIONS = {0: "Creación", 1: "Modificación", 2: "Eliminación", 3: "Consulta"}
EMPTY = {"None", "", "[]", "—"}


@register.filter
def audit_action(entry) -> str:
    return ACTIONS.get(entry.action, str(entry.action))


@register.filter
def audit_model(entry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


@register.filter
def audit_changes(entry) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) rows, without the internal id."""
    rows = []
    for field, values in entry.changes_display_dict.items():
        if field in ("ID", "id"):
            continue
        old, new = (str(v) for v in values[:2])
        rows.append(
            (
                field[:1].upper() + field[1:],
                "—" if old in EMPTY else old,
                "—" if new in EMPTY else new,
            )
        )
    return rows
