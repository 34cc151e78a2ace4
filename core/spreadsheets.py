"""Cells for spreadsheets: CSV and XLSX exports never carry a live formula."""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Where Excel may start a new cell when it reads our CSV: the start of the text, and
# after a comma or a semicolon (Bulgarian Excel splits CSV at ";"), a tab, or a line
# break (a quoted field is split too when Excel splits at ";" inside it). Spaces and
# quotes before the formula character do not stop Excel.
_LIVE = re.compile(r"(^|[,;\t\r\n])([ \"']*)(?=[=+\-@\t\r])")
_NEUTRALISED = re.compile(r"(^|[,;\t\r\n])'([ \"']*)(?=[=+\-@\t\r])")


def neutralise_formula(value):
    """The text of a CSV cell that no spreadsheet runs as a formula (CSV injection),
    whichever of `,` and `;` it splits cells at: a `'` goes wherever a cell could
    begin with =, +, -, @, a tab or a carriage return. `restore_neutralised` undoes it
    exactly (a `'` already there gets another one)."""
    text = "" if value is None else str(value)
    return _LIVE.sub(r"\1'\2", text)


def restore_neutralised(text):
    """Undo `neutralise_formula`, so an exported file imports unchanged."""
    return _NEUTRALISED.sub(r"\1\2", text)


def neutralise_formula_start(value):
    """Prefix with ' a text an XLSX cell would run as a formula (only its start counts)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, headers, rows):
    """A CSV download (UTF-8 with BOM, so spreadsheets read Cyrillic), formulas neutralised."""
    import csv
    import io

    from django.http import HttpResponse

    from .downloads import content_disposition

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise_formula(_cell(v)) for v in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{filename}.csv")
    return response


def xlsx_response(filename, headers, rows, title="Данни"):
    """An XLSX download; text that starts like a formula is written as text."""
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook

    from .downloads import content_disposition

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition(f"{filename}.xlsx")
    return response


def _cell(value):
    if value is None:
        return ""
    if getattr(value, "tzinfo", None) is not None:
        # An instant, in Sofia time as the pages show it (ISO 8601 with its offset).
        from django.utils import timezone

        return timezone.localtime(value).isoformat(timespec="seconds")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _xlsx_cell(value):
    from decimal import Decimal

    from django.utils.functional import Promise

    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float) or value is None:
        return value
    if getattr(value, "tzinfo", None) is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return neutralise_formula_start(value) if isinstance(value, str) else value
