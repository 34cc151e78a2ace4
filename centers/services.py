"""State changes of the centres register."""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit
from core.bulk import tables_analyze, update_rows
from core.concurrency import StaleVersion
from core.importing import ImportFileError, ImportSummary, import_record, no_progress
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
from .signals import announce_register_change, regions_changing


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
    announce_register_change()


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


# Centres written per round of an import (bulk writes, each a statement or two).
IMPORT_BATCH = 1000


@transaction.atomic
def centers_import(*, rows, progress=no_progress):
    """Upsert centres by licence number from validated rows (see importing.py).

    A new centre's history starts `active` on its licence date, followed by the
    row's status when that is not `active`. For an existing centre a different
    status (or date) is added to its history; `active` without a date means
    reinstated today. A row equal to what is stored changes nothing.

    Written in bulk, in one transaction: the stored centres are read once, then new
    and changed centres and the new centres' histories are written IMPORT_BATCH rows
    at a time (counted on `progress`). A change of status of a stored centre goes
    through `center_set_status`, one centre at a time: rare, and its rules are there.
    """
    numbers = [row["license_number"] for row in rows]
    existing = Center.objects.in_bulk(numbers, field_name="license_number")
    # Centres that change region, moved once around the whole import: what their
    # reports add up follows them (a move per batch would lock count rows before the
    # next batch's centres, where another change could wait for them the other way).
    moved = [
        existing[row["license_number"]].pk
        for row in rows
        if row["license_number"] in existing
        and existing[row["license_number"]].region != row["region"]
    ]
    created = updated = 0
    bar = progress(_("Запис"), len(rows))
    with regions_changing(Center.objects.filter(pk__in=moved)) if moved else nullcontext():
        for start in range(0, len(rows), IMPORT_BATCH):
            batch = rows[start : start + IMPORT_BATCH]
            new_centers, changed_centers, status_changes = [], [], []
            for row in batch:
                center = existing.get(row["license_number"])
                if center is None:
                    new_centers.append(_new_center(row))
                    continue
                changed = [c for c in MODEL_COLUMNS if getattr(center, c) != row[c]]
                status_changed = _status_differs(center, row["status"], row["status_since"])
                if not changed and not status_changed:
                    continue
                for column in changed:
                    setattr(center, column, row[column])
                if "license_date" in changed:
                    center.status_history.filter(status=LicenseStatus.ACTIVE).order_by("since")[
                        :1
                    ].update(since=row["license_date"])
                changed_centers.append(center)
                if status_changed:
                    since = row["status_since"] or timezone.localdate()
                    status_changes.append((center, row["status"], since))
            Center.objects.bulk_create(new_centers)
            if not connection.features.can_return_rows_from_bulk_insert:
                saved = Center.objects.in_bulk(
                    [c.license_number for c in new_centers], field_name="license_number"
                )
                for center in new_centers:
                    center.pk = saved[center.license_number].pk
            LicenseStatusChange.objects.bulk_create(
                change for center in new_centers for change in _first_history(center)
            )
            update_rows(Center, changed_centers, [*MODEL_COLUMNS, "search_name", "updated_at"])
            for center, status, since in status_changes:
                center_set_status(center=center, status=status, since=since)
            created, updated = created + len(new_centers), updated + len(changed_centers)
            bar.update(len(batch))
    bar.close()
    if created or updated:
        tables_analyze(Center, LicenseStatusChange)
        announce_register_change()
    return ImportSummary(created=created, updated=updated, unchanged=len(rows) - created - updated)


def _new_center(row):
    """A new centre from a row, its status as its history will end (_first_history)."""
    center = Center(**{c: row[c] for c in MODEL_COLUMNS})
    center.status, center.status_since = LicenseStatus.ACTIVE, center.license_date
    if row["status"] != LicenseStatus.ACTIVE or (
        row["status_since"] and row["status_since"] != center.license_date
    ):
        center.status = row["status"]
        center.status_since = row["status_since"] or center.license_date
    return center


def _first_history(center):
    """A new centre's history: `active` on its licence date, then its status if that
    differs (CONTRACT.md §2: licensed on D when the status in force on D is active)."""
    yield LicenseStatusChange(center=center, status=LicenseStatus.ACTIVE, since=center.license_date)
    if (center.status, center.status_since) != (LicenseStatus.ACTIVE, center.license_date):
        yield LicenseStatusChange(center=center, status=center.status, since=center.status_since)


def centers_import_file(*, data, user=None, source="command", progress=no_progress):
    """Validate and import a centres CSV, all or nothing (CONTRACT.md §1, §3).

    Raises core.importing.ImportFileError, having changed nothing, when any row is invalid.
    Either way the attempt is recorded in the audit trail (core.importing.import_record).
    """
    try:
        rows = read_centers_csv(data, progress=progress)
        summary = centers_import(rows=rows, progress=progress)
    except ImportFileError as exc:
        import_record(model=Center, actor=user, source=source, errors=exc.errors)
        raise
    import_record(model=Center, actor=user, source=source, summary=summary)
    return summary


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
