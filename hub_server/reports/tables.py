"""Rows of plain values written as CSV or as an XLSX workbook, for exports to other systems.

CSV: UTF-8 with a byte-order mark (spreadsheets then read the names' letters right), comma-separated,
a header line of column names, `true`/`false`, empty for a missing value. XLSX (openpyxl): one sheet
with the same header and values; NIK, family card numbers and codes stay text, so no leading zero or
digit is lost to a number format.
"""

import csv
import io

BOM = "\ufeff"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_bytes(columns, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(columns, rows, title: str) -> bytes:
    from openpyxl import Workbook  # imported here: only an XLSX export needs it

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def content(export) -> bytes:
    """An export (`services.exports.Export`) in its format."""
    if export.fmt == "xlsx":
        return xlsx_bytes(export.columns, export.rows, export.kind)
    return csv_bytes(export.columns, export.rows)


MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
