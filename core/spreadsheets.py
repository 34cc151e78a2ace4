"""Cells for spreadsheets: CSV and XLSX exports never carry a live formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix with ' a cell a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore_neutralised(text):
    """Undo `neutralise_formula`, so an exported file imports unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_response(filename, headers, rows):
    """A CSV download (UTF-8 with BOM, so spreadsheets read Cyrillic), formulas neutralised."""
    import csv
    import io

    from django.http import HttpResponse

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise_formula(_cell(v)) for v in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename, headers, rows, title="Данни"):
    """An XLSX download; text that starts like a formula is written as text."""
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook

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
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _cell(value):
    if value is None:
        return ""
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
    return neutralise_formula(value) if isinstance(value, str) else value
