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


BOOLEANS = {"True": "Sí", "False": "No"}


def _value(value) -> str:
    text = str(value)
    if text in EMPTY:
        return "—"
    return BOOLEANS.get(text, text)


HIDDEN_FIELDS = {"id", "created_at", "updated_at"}
M2M_OPERATIONS = {"add": "se agregó", "delete": "se quitó", "clear": "se quitaron todos"}


def _label(model, name):
    try:
        field = model._meta.get_field(name)
    except Exception:  # a field since removed from the model
        return name, False
    # Reverse relations (other rows pointing here) are not data of this row.
    hidden = field.auto_created and not field.concrete
    return str(getattr(field, "verbose_name", name)), hidden


@register.filter
def audit_changes(entry) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) rows in Spanish, data fields only."""
    model = entry.content_type.model_class()
    display = list(entry.changes_display_dict.values())
    rows = []
    for index, (name, values) in enumerate(entry.changes_dict.items()):
        if name in HIDDEN_FIELDS:
            continue
        label, hidden = _label(model, name) if model else (name, False)
        if hidden:
            continue
        label = label[:1].upper() + label[1:]
        if isinstance(values, dict) and values.get("type") == "m2m":
            operation = M2M_OPERATIONS.get(values.get("operation"), values.get("operation"))
            rows.append((label, operation, ", ".join(values.get("objects", [])) or "—"))
            continue
        shown = display[index] if index < len(display) else values
        old, new = (_value(v) for v in shown[:2])
        if old == new == "—":
            continue  # an empty field on creation says nothing
        rows.append((label, old, new))
    return rows
