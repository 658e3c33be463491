"""Reading the team's spreadsheets (XLSX or CSV) with tablib, and the template to fill in.

A sheet has one header row and one person per row. Headers are matched without regard to
case, accents or spacing, so «Fecha de nacimiento», «FECHA NACIMIENTO» and «fecha_de_nacimiento»
all name the same column. Values are kept as text (dates as ``AAAA-MM-DD``) so that the parsed
upload can be stored as JSON until the user confirms it.
"""

import csv
import datetime
import io
from dataclasses import dataclass

import tablib
from openpyxl.utils import get_column_letter

from django.core.exceptions import ValidationError

from reinsercion.people.search import normalise

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    example: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("rut", "RUT", required=True, example="12.345.678-5"),
    Column("first_names", "Nombres", required=True, example="María José"),
    Column("last_names", "Apellidos", required=True, example="Pérez Soto"),
    Column("birth_date", "Fecha de nacimiento", example="31-12-1990", aliases=("nacimiento",)),
    Column("sex", "Sexo", example="Mujer"),
    Column("nationality", "Nacionalidad", example="Chilena"),
    Column("comuna", "Comuna", example="Quillota"),
    Column("address", "Dirección", example="Av. Siempre Viva 123", aliases=("domicilio",)),
    Column("phone", "Teléfono", example="+56 9 8765 4321", aliases=("celular", "fono")),
    Column("program", "Programa", example="OPV"),
    Column("cohort", "Generación", example="1", aliases=("n de generacion",)),
    Column("phase", "Fase", example="Intrapenitenciaria"),
    Column("opened_on", "Fecha de ingreso", example="01-03-2026", aliases=("ingreso",)),
)
BY_KEY = {c.key: c for c in COLUMNS}


def _header_key(text) -> str:
    return " ".join(normalise(str(text or "")).replace("_", " ").replace(".", " ").split())


HEADERS = {
    _header_key(name): column.key
    for column in COLUMNS
    for name in (column.header, column.key, *column.aliases)
}


def _text(value) -> str:
    """A cell as text: dates as ISO, whole numbers without «.0»."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _load(content: bytes, name: str) -> tablib.Dataset:
    if name.lower().endswith(".xlsx"):
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as e:  # openpyxl raises many kinds on a broken or disguised file
            raise ValidationError(
                "No se pudo leer el archivo como planilla Excel (.xlsx).", code="unreadable"
            ) from e
    if name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(
                "No se pudo leer el archivo CSV: guárdelo como «CSV UTF-8» e inténtelo de nuevo.",
                code="unreadable",
            )
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        try:
            return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        except Exception as e:
            raise ValidationError("No se pudo leer el archivo CSV.", code="unreadable") from e
    raise ValidationError(
        "El archivo debe ser una planilla Excel (.xlsx) o un CSV (.csv).", code="format"
    )


def read_rows(content: bytes, name: str) -> tuple[list[str | None], list[dict]]:
    """The sheet's columns (keys in sheet order, None for one not recognised) and the rows
    as ``{key: text, "_row": n}``.

    ``_row`` is the row number as the spreadsheet shows it (the header is row 1). Raises
    ``ValidationError`` when the file cannot be read, lacks a required column or has no rows.
    """
    if not content:
        raise ValidationError("El archivo está vacío.", code="empty")
    if len(content) > MAX_BYTES:
        raise ValidationError("El archivo supera los 10 MB.", code="too_large")
    dataset = _load(content, name)
    headers = dataset.headers or []
    keys = [HEADERS.get(_header_key(h)) for h in headers]
    missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise ValidationError(
            f"Faltan columnas obligatorias: {', '.join(missing)}. Use la planilla modelo.",
            code="missing_columns",
        )
    rows = []
    for number, values in enumerate(dataset, start=2):
        row = {key: _text(value) for key, value in zip(keys, values, strict=False) if key}
        if not any(row.values()):
            continue
        row["_row"] = number
        rows.append(row)
    if not rows:
        raise ValidationError("La planilla no tiene filas con datos.", code="no_rows")
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            f"La planilla tiene {len(rows)} filas; el máximo por importación es {MAX_ROWS}.",
            code="too_many_rows",
        )
    return keys, rows


def column_label(key: str | None, found: list[str | None]) -> str:
    """«B (Nombres)»: the column's letter in the uploaded sheet and its name."""
    if key is None or key not in BY_KEY:
        return "—"
    header = BY_KEY[key].header
    if key in found:
        return f"{get_column_letter(found.index(key) + 1)} ({header})"
    return header


def template_xlsx() -> bytes:
    """The template to fill in: the headers and one example row."""
    dataset = tablib.Dataset(title="Importación")
    dataset.headers = [c.header for c in COLUMNS]
    dataset.append([c.example for c in COLUMNS])
    return dataset.export("xlsx")
