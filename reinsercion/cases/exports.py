"""Spreadsheet downloads of a table, written for an Excel set to es-CL.

Excel in Chile reads a CSV as Windows-1252 with ``;`` between fields unless the file starts with a
UTF-8 byte order mark, so the CSV carries the mark and uses ``;``. XLSX is offered next to it. In
both, a cell that a spreadsheet would run as a formula is prefixed with ``'`` (OWASP, "CSV
injection"): a person's name or a note typed as ``=HYPERLINK(…)`` stays text.
"""

from django_tables2.export import TableExport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EXPORT_FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)"}


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetExport(TableExport):
    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [tuple(neutralise(value) for value in row) for row in dataset]
        headers = [neutralise(header) for header in dataset.headers or []]
        dataset.wipe()
        dataset.headers = headers
        dataset.extend(rows)
        return dataset

    def export(self):
        if self.format == self.CSV:
            return "\ufeff" + self.dataset.export(self.CSV, delimiter=";")
        return super().export()
