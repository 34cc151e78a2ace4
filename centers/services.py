"""State changes of the centres register."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit
from core.concurrency import StaleVersion
from core.importing import ImportSummary
from core.text import text_problem

from .importing import MODEL_COLUMNS, read_centers_csv
from .models import (
    Center,
    Kind,
    LicenseStatus,
    LicenseStatusChange,
    ValidationProcedure,
    ValidationStatus,
)


def center_sync_status(*, center):
    """Make `center.status` the newest entry of its history; a centre with no history
    gets its first entry, `active` on the licence date."""
    latest = center.status_history.order_by("-since", "-pk").first()
    if latest is None:
        latest = LicenseStatusChange.objects.create(
            center=center, status=LicenseStatus.ACTIVE, since=center.license_date
        )
    center.status, center.status_since = latest.status, latest.since
    center.save(update_fields=["status", "status_since", "updated_at"])


@transaction.atomic
def center_set_status(*, center, status, since):
    """Record that `status` is in force for `center` from `since`; a second change on
    the same day replaces the first. Keeps `center.status` equal to the newest entry."""
    LicenseStatusChange.objects.update_or_create(
        center=center, since=since, defaults={"status": status}
    )
    center_sync_status(center=center)


def _status_differs(center, status, since):
    return center.status != status or (since is not None and center.status_since != since)


@transaction.atomic
def centers_import(*, rows):
    """Upsert centres by licence number from validated rows (see importing.py).

    A new centre's history starts `active` on its licence date, followed by the
    row's status when that is not `active`. For an existing centre a different
    status (or date) is added to its history; `active` without a date means
    reinstated today. A row equal to what is stored changes nothing.
    """
    numbers = [row["license_number"] for row in rows]
    existing = Center.objects.in_bulk(numbers, field_name="license_number")
    created = updated = 0
    new_centers, new_rows = [], []
    for row in rows:
        center = existing.get(row["license_number"])
        if center is None:
            new_centers.append(Center(**{c: row[c] for c in MODEL_COLUMNS}))
            new_rows.append(row)
            continue
        changed = [c for c in MODEL_COLUMNS if getattr(center, c) != row[c]]
        status_changed = _status_differs(center, row["status"], row["status_since"])
        if not changed and not status_changed:
            continue
        for column in changed:
            setattr(center, column, row[column])
        if "license_date" in changed:
            center.status_history.filter(status=LicenseStatus.ACTIVE).order_by("since")[:1].update(
                since=row["license_date"]
            )
        center.save()
        if status_changed:
            since = row["status_since"] or timezone.localdate()
            center_set_status(center=center, status=row["status"], since=since)
        updated += 1

    Center.objects.bulk_create(new_centers)
    # bulk_create sets primary keys on PostgreSQL and SQLite alike; re-read to be
    # independent of the backend.
    saved = Center.objects.in_bulk(
        [c.license_number for c in new_centers], field_name="license_number"
    )
    history, current = [], []
    for row in new_rows:
        center = saved[row["license_number"]]
        history.append(
            LicenseStatusChange(
                center=center, status=LicenseStatus.ACTIVE, since=center.license_date
            )
        )
        center.status, center.status_since = LicenseStatus.ACTIVE, center.license_date
        if row["status"] != LicenseStatus.ACTIVE or (
            row["status_since"] and row["status_since"] != center.license_date
        ):
            since = row["status_since"] or center.license_date
            history.append(LicenseStatusChange(center=center, status=row["status"], since=since))
            center.status, center.status_since = row["status"], since
        current.append(center)
        created += 1
    LicenseStatusChange.objects.bulk_create(history)
    Center.objects.bulk_update(current, ["status", "status_since"])
    return ImportSummary(created=created, updated=updated, unchanged=len(rows) - created - updated)


def centers_import_file(*, data):
    """Validate and import a centres CSV, all or nothing (CONTRACT.md §1, §3).

    Raises core.importing.ImportFileError, having changed nothing, when any row is invalid.
    """
    return centers_import(rows=read_centers_csv(data))


# --- Validation procedures (валидиране) ---------------------------------------

PROCEDURE_FIELDS = (
    "specialty_code",
    "scope",
    "start_date",
    "end_date",
    "applicants",
    "validated",
    "status",
    "note",
)


def _procedure_errors(center, values):
    errors = {}
    if center.kind != Kind.CPO:
        errors["center"] = [_("Процедури по валидиране провеждат само ЦПО.")]
    start, end = values.get("start_date"), values.get("end_date")
    status = values.get("status")
    if start and end and end < start:
        errors["end_date"] = [_("Краят е преди началото.")]
    elif status == ValidationStatus.RUNNING and end:
        errors["end_date"] = [_("Процедура в ход няма дата на край.")]
    elif status in (ValidationStatus.COMPLETED, ValidationStatus.DISCONTINUED) and not end:
        errors["end_date"] = [_("Въведете датата, на която процедурата е приключила.")]
    elif end and end > timezone.localdate():
        errors["end_date"] = [_("Датата на край не може да е в бъдещето.")]
    problem = text_problem(values.get("note") or "")
    if problem:
        errors["note"] = [problem]
    applicants, validated = values.get("applicants"), values.get("validated")
    if applicants is not None and validated is not None and validated > applicants:
        errors["validated"] = [
            _("Успешно валидираните не може да са повече от лицата, подали заявление.")
        ]
    return errors


def _profession(center, specialty_code):
    return center.professions.filter(specialty_code=specialty_code).first()


def _procedure_values(center, values):
    """Check `values` for a procedure of `center`; return the model fields to store."""
    errors = _procedure_errors(center, values)
    profession = _profession(center, values.get("specialty_code"))
    if profession is None:
        errors["specialty_code"] = [_("Центърът няма лицензия за тази професия и специалност.")]
    if errors:
        raise ValidationError(errors)
    fields = {name: values.get(name) for name in PROCEDURE_FIELDS}
    fields["note"] = fields["note"] or ""
    fields.update(
        profession_code=profession.profession_code,
        profession_name=profession.profession_name,
        specialty_name=profession.specialty_name,
    )
    return fields


@transaction.atomic
def procedure_create(*, center, user, values):
    procedure = ValidationProcedure.objects.create(
        center=center, **_procedure_values(center, values)
    )
    audit(
        target=procedure, actor=user, action="create", changes=_procedure_changes(None, procedure)
    )
    return procedure


@transaction.atomic
def procedure_update(*, procedure, user, version, values):
    """Change a procedure, based on `version`; a stale version raises StaleVersion."""
    locked = ValidationProcedure.objects.select_for_update().get(pk=procedure.pk)
    if version is not None and locked.version != version:
        raise StaleVersion(locked.version)
    merged = {name: getattr(locked, name) for name in PROCEDURE_FIELDS}
    merged.update({k: v for k, v in values.items() if k in PROCEDURE_FIELDS})
    fields = _procedure_values(locked.center, merged)
    before = {name: getattr(locked, name) for name in fields}
    for name, value in fields.items():
        setattr(locked, name, value)
    changes = _procedure_changes(before, locked)
    if changes:
        locked.version += 1
        locked.save()
        audit(target=locked, actor=user, action="update", changes=changes)
    return locked


def _procedure_changes(before, procedure):
    changes = {}
    for name in PROCEDURE_FIELDS:
        old = None if before is None else before.get(name)
        new = getattr(procedure, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
