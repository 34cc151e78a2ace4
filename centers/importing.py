"""Reading and writing the centres CSV (CONTRACT.md §3).

Every row is validated by `CenterRowForm`, which takes its fields, choices and
validators from the `Center` model, so a row is held to the same rules as the admin.
"""

import csv
import functools
import io
from typing import Any, cast

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.importing import ImportFileError, RowError, decode_file, no_progress
from core.spreadsheets import neutralise_formula, restore_neutralised

from .models import Center, LicenseStatus
from .validators import validate_eik, validate_license_number

COLUMNS = (
    "license_number",
    "kind",
    "name",
    "eik",
    "region",
    "municipality",
    "address",
    "license_date",
    "status",
    "status_since",
    "website",
    "email",
    "phone",
)
MODEL_COLUMNS = [c for c in COLUMNS if c not in ("status", "status_since")]
ISO_DATE = ["%Y-%m-%d"]


class CenterRowForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("статус"), choices=LicenseStatus.choices)
    status_since = forms.DateField(
        label=gettext_lazy("статус от"), required=False, input_formats=ISO_DATE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields())

    def clean(self):
        # Form.clean returns cleaned_data (the stubs allow None, for overrides).
        cleaned = cast(dict[str, Any], super().clean())
        status, since = cleaned.get("status"), cleaned.get("status_since")
        if status and status != LicenseStatus.ACTIVE and not since:
            self.add_error("status_since", _("Задължително е, когато статусът не е active."))
        license_date = cleaned.get("license_date")
        if since and license_date and since < license_date:
            self.add_error("status_since", _("Не може да е преди датата на лицензията."))
        return cleaned


@functools.cache
def _model_fields():
    """The form fields of the model's columns, built once and shared by every row's
    form: a file of 10 000 rows would otherwise build them 10 000 times. Nothing
    changes a field while a form is validated, so sharing them is safe."""
    fields = fields_for_model(Center, fields=MODEL_COLUMNS)
    cast(forms.DateField, fields["license_date"]).input_formats = ISO_DATE
    # Model validators run on model.full_clean, not in form fields: add ours.
    fields["eik"].validators.append(validate_eik)
    fields["license_number"].validators.append(validate_license_number)
    return fields


def read_centers_csv(data, *, progress=no_progress):
    """Validate a centres CSV (bytes or text); return its rows as cleaned dicts.

    Raises ImportFileError listing every invalid row (line 1 is the header). Every
    row is read, whatever the errors before it, and counted on `progress`.
    """
    text = decode_file(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as exc:
        raise ImportFileError([_unreadable(reader, exc)]) from exc
    header = [name.strip() for name in fieldnames]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            [RowError(1, c, _("Липсва колона в заглавния ред.")) for c in missing]
        )
    reader.fieldnames = header

    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    first_line_of: dict[str, int] = {}
    # Records, not lines: a quoted value may span lines. Close enough for a bar.
    bar = progress(_("Проверка"), max(text.count("\n") - 1, 1))
    try:
        for record in reader:
            _read_row(reader.line_num, record, rows, errors, first_line_of)
            bar.update()
    except csv.Error as exc:
        # A field over the csv module's limit (131 072 characters), a NUL, …: the
        # rest of the file cannot be read, and nothing is imported.
        errors.append(_unreadable(reader, exc))
    bar.close()
    if errors:
        raise ImportFileError(errors)
    return rows


def _unreadable(reader, exc):
    # line_num counts the lines read before the one the reader choked on.
    return RowError(reader.line_num + 1, "row", _("Нечетим CSV: %(problem)s.") % {"problem": exc})


def _read_row(line, record, rows, errors, first_line_of):
    """Validate one CSV record; append it to `rows`, or its problems to `errors`."""
    if None in record:
        errors.append(RowError(line, "row", _("Повече стойности от колоните.")))
        return
    values = {c: restore_neutralised((record.get(c) or "").strip()) for c in COLUMNS}
    form = CenterRowForm(data=values)
    if not form.is_valid():
        for field, messages in form.errors.items():
            errors.extend(RowError(line, field, str(m)) for m in messages)
        return
    number = form.cleaned_data["license_number"]
    if number in first_line_of:
        errors.append(
            RowError(
                line,
                "license_number",
                _("Повтаря номера от ред %(line)s.") % {"line": first_line_of[number]},
            )
        )
        return
    first_line_of[number] = line
    rows.append(form.cleaned_data)


def write_centers_csv(centers, out):
    """Write `centers` to the text stream `out` in the import format, after a
    byte-order mark: Excel then reads the file as UTF-8 (without it, Cyrillic comes
    out garbled), and the import drops the mark, so the file imports back unchanged."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for center in centers:
        row = [getattr(center, c) for c in COLUMNS]
        writer.writerow(
            [neutralise_formula(v.isoformat() if hasattr(v, "isoformat") else v) for v in row]
        )


# Two rows that import as they are: the example offered on the admin's import page.
EXAMPLE_ROWS = (
    {
        "license_number": "201212345",
        "kind": "CPO",
        "name": "ЦПО „Пример“ ЕООД",
        "eik": "201212346",
        "region": "BG-22",
        "municipality": "Столична",
        "address": "гр. София, ул. „Примерна“ 1",
        "license_date": "2012-05-14",
        "status": "active",
        "status_since": "",
        "website": "https://primer.example.bg",
        "email": "office@primer.example.bg",
        "phone": "+359 2 123 4567",
    },
    {
        "license_number": "201312346",
        "kind": "CIPO",
        "name": "ЦИПО „Образец“ ООД",
        "eik": "131123450",
        "region": "BG-02",
        "municipality": "Бургас",
        "address": "гр. Бургас, бул. „Примерен“ 10",
        "license_date": "2013-09-02",
        "status": "suspended",
        "status_since": "2024-03-01",
        "website": "",
        "email": "",
        "phone": "",
    },
)


def example_centers_csv():
    """The example file of the import page, as bytes: UTF-8 with a byte-order mark, so
    that Excel shows the Cyrillic; the import drops the mark."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")
