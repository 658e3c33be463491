"""An indicator table as a spreadsheet, in the caseload's CSV format (UTF-8 BOM, ``;``,
formula neutralisation; see reinsercion/cases/exports.py) or as XLSX."""

from decimal import Decimal

import tablib

from django.http import HttpResponse

from reinsercion.cases.exports import neutralise
from reinsercion.indicators.figures import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value, fmt):
    if value is None:
        return ""
    if isinstance(value, Decimal) and fmt == "csv":
        return str(value).replace(".", ",")  # Excel es-CL reads a decimal comma
    return neutralise(value)


def _dataset(table: Table, fmt: str) -> tablib.Dataset:
    # An XLSX sheet title allows at most 31 characters and no ":\\/?*[]".
    dataset = tablib.Dataset(title=table.title[:31].translate(str.maketrans("", "", ":\\/?*[]")))
    dataset.headers = [neutralise(h) for h in table.headers]
    for row in [*table.rows, *([table.footer] if table.footer else [])]:
        dataset.append([_cell(v, fmt) for v in row])
    return dataset


def export(table: Table, fmt: str) -> bytes:
    dataset = _dataset(table, fmt)
    if fmt == "csv":
        return ("\ufeff" + dataset.export("csv", delimiter=";")).encode("utf-8")
    return dataset.export("xlsx")


def response(table: Table, fmt: str, filename: str) -> HttpResponse:
    result = HttpResponse(export(table, fmt), content_type=CONTENT_TYPES[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return result
