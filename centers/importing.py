"""Reading and writing the centres CSV (CONTRACT.md §3).

Every row is validated by `CenterRowForm`, which takes its fields, choices and
validators from the `Center` model, so a row is held to the same rules as the admin.
"""

import csv
import io
from typing import Any, cast

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.importing import ImportFileError, RowError, decode_file
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
        self.fields.update(fields_for_model(Center, fields=MODEL_COLUMNS))
        cast(forms.DateField, self.fields["license_date"]).input_formats = ISO_DATE
        # Model validators run on model.full_clean, not in form fields: add ours.
        self.fields["eik"].validators.append(validate_eik)
        self.fields["license_number"].validators.append(validate_license_number)

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


def read_centers_csv(data):
    """Validate a centres CSV (bytes or text); return its rows as cleaned dicts.

    Raises ImportFileError listing every invalid row (line 1 is the header).
    """
    reader = csv.DictReader(io.StringIO(decode_file(data), newline=""))
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
    try:
        for record in reader:
            _read_row(reader.line_num, record, rows, errors, first_line_of)
    except csv.Error as exc:
        # A field over the csv module's limit (131 072 characters), a NUL, …: the
        # rest of the file cannot be read, and nothing is imported.
        errors.append(_unreadable(reader, exc))
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
    """Write `centers` to the text stream `out` in the import format."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for center in centers:
        row = [getattr(center, c) for c in COLUMNS]
        writer.writerow(
            [neutralise_formula(v.isoformat() if hasattr(v, "isoformat") else v) for v in row]
        )
