"""What every file import shares (CONTRACT.md §1): all or nothing, every invalid row
reported as `line N: field: message`, a summary of what was created and updated.

The formats themselves live with the apps that own the data: `centers/importing.py`
(centres CSV, §3) and `selfassessment/importing.py` (reports JSON Lines, §4).
"""

import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DecimalField,
    Field,
    IntegerField,
    JSONField,
    Model,
    TextField,
)
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser

    from .models import AuditEntry


@dataclass(frozen=True)
class RowError:
    """One problem of one row; `line` is 1-based, as an editor shows it."""

    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


class ImportFileError(Exception):
    """The file has invalid rows; nothing was imported."""

    def __init__(self, errors):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    def __str__(self):
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def decode_file(data):
    """The text of an imported file: `data` itself when it is already text, else its
    bytes read as UTF-8 (a byte-order mark, as spreadsheets write it, is dropped).

    Raises ImportFileError on line 1 when the bytes are not UTF-8.
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError([RowError(1, "file", _("Файлът не е в кодировка UTF-8."))]) from exc


# --- Writing in bulk --------------------------------------------------------------


def insert_rows(
    model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], batch_size: int = 5000
) -> int:
    """Write `rows` (tuples of values in the order of `fields`, column names) into
    `model`'s table; return how many.

    For the rows an import writes by the hundred thousand (a report's score rows):
    plain values, without the model instances and the RETURNING of `bulk_create`,
    which cost more than the database's own work — on PostgreSQL with COPY, the
    fastest way in, elsewhere (SQLite: `make run`) with multi-row INSERTs of
    `batch_size` rows. No signals, no defaults, no `save()`: the caller gives every
    value the table needs (ints, Decimals, bools, str or None)."""
    table, ops = model._meta.db_table, connection.ops
    columns = [ops.quote_name(_concrete(model, f).column) for f in fields]
    if connection.vendor == "postgresql":
        return _copy_rows(ops.quote_name(table), columns, rows, batch_size * 20)
    limit = connection.features.max_query_params
    if limit:
        batch_size = max(1, min(batch_size, limit // len(fields)))
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    count = 0
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in chain(rows, [None]):
            if row is not None:
                batch.append(row)
                if len(batch) < batch_size:
                    continue
            if batch:
                cursor.execute(
                    f"INSERT INTO {ops.quote_name(table)} ({', '.join(columns)}) VALUES "  # noqa: S608  # nosec B608
                    + ", ".join([one] * len(batch)),
                    [value for values in batch for value in values],
                )
                count += len(batch)
                batch = []
    return count


def insert_instances(model: type[Model], instances: Sequence[Model]) -> None:
    """`bulk_create(instances)` for the rows an import writes by the ten thousand
    (reports, their snapshots, audit entries): on PostgreSQL the ids are drawn from
    the table's sequence in one query and the rows written with COPY — each field as
    `save()` would store it (defaults and auto_now included); elsewhere `bulk_create`.
    Either way each instance gets its id. No signals."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(instances, batch_size=1000)
        return
    if not instances:
        return
    meta, ops = model._meta, connection.ops
    assert meta.pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(instances)],
        )
        for instance, (pk,) in zip(instances, cursor.fetchall(), strict=True):
            instance.pk = pk
            instance._state.adding, instance._state.db = False, connection.alias
    fields = list(meta.concrete_fields)
    readers = [_column_reader(field, connections[connection.alias]) for field in fields]
    _copy_rows(
        ops.quote_name(meta.db_table),
        [ops.quote_name(field.column) for field in fields],
        ([read(instance) for read in readers] for instance in instances),
        100_000,
    )


# Fields whose value in a model instance is already what PostgreSQL's COPY reads
# (numbers, text, booleans, ids, Decimals, aware datetimes and dates).
_PLAIN_FIELDS = (IntegerField, BooleanField, CharField, TextField, DecimalField, DateField)


def _column_reader(field: Field, database: BaseDatabaseWrapper) -> Callable[[Model], Any]:
    """How a new instance's value of `field` is read for COPY: JSON as its text, plain
    values as they are; anything else (and dates set on save) as `save()` prepares it."""
    if isinstance(field, JSONField):
        return lambda instance: json.dumps(
            getattr(instance, field.attname), cls=field.encoder, ensure_ascii=False
        )
    on_save = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if (isinstance(field, _PLAIN_FIELDS) or field.is_relation) and not on_save:
        return attrgetter(field.attname)
    return lambda instance: field.get_db_prep_save(field.pre_save(instance, True), database)


def _copy_value(value: Any) -> str:
    if type(value) is int:  # the most frequent: ids and points
        return str(value)
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        # COPY's text format: a backslash, tab, newline or carriage return is escaped
        # (str.replace: str.translate with a table is ten times slower on long JSON).
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return str(value)  # Decimal, float, datetime: their text is PostgreSQL's


def _copy_rows(table: str, columns: list[str], rows: Iterable[Sequence[Any]], chunk: int) -> int:
    """COPY `rows` into `table`, `chunk` rows a statement (bounded memory)."""
    count = 0
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor:
        buffer = io.StringIO()
        for row in chain(rows, [None]):
            if row is not None:
                buffer.write("\t".join(map(_copy_value, row)))
                buffer.write("\n")
                count += 1
                if count % chunk:
                    continue
            if buffer.tell():
                buffer.seek(0)
                cursor.copy_expert(sql, buffer)  # psycopg2's
                buffer = io.StringIO()
    return count


def update_rows(model: type[Model], instances: Sequence[Model], fields: Sequence[str]) -> int:
    """Write `fields` of `instances` (saved rows of `model`) back as `save(update_fields=…)`
    would (each field's pre_save included: auto_now, derived fields), but in one
    statement per thousand rows on PostgreSQL (UPDATE … FROM VALUES): `bulk_update`'s
    CASE … WHEN costs far more in Python than the update itself. No signals."""
    if not instances:
        return 0
    concrete = [_concrete(model, name) for name in fields]
    values = [[field.pre_save(instance, False) for field in concrete] for instance in instances]
    if connection.vendor != "postgresql":
        for instance, row in zip(instances, values, strict=True):
            model._default_manager.filter(pk=instance.pk).update(
                **{field.attname: value for field, value in zip(concrete, row, strict=True)}
            )
        return len(instances)
    ops, pk = connection.ops, model._meta.pk
    assert pk is not None
    columns = [pk, *concrete]
    table = ops.quote_name(model._meta.db_table)
    names = [ops.quote_name(f.column) for f in columns]
    # The VALUES list carries no types: each value is cast to its column's.
    one = "(" + ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in columns) + ")"
    assignments = ", ".join(f"{name} = v.{name}" for name in names[1:])
    for start in range(0, len(instances), 1000):
        batch = list(
            zip(instances[start : start + 1000], values[start : start + 1000], strict=True)
        )
        params = [
            field.get_db_prep_save(value, connection)
            for instance, row in batch
            for field, value in zip(columns, [instance.pk, *row], strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES "  # noqa: S608  # nosec B608
                + ", ".join([one] * len(batch))
                + f") AS v ({', '.join(names)}) WHERE {table}.{names[0]} = v.{names[0]}",
                params,
            )
    return len(instances)


def tables_analyze(*models: type[Model]) -> None:
    """Refresh PostgreSQL's planner statistics of tables just filled in bulk.

    Inside an import's (or seed_demo's) transaction autovacuum never sees the new
    rows; with estimates taken while the tables were nearly empty, the statistics of
    a year get nested-loop plans that run for many minutes. ANALYZE sees the
    transaction's own rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")  # nosec B608


def _concrete(model: type[Model], name: str) -> Field:
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.concrete, name
    return field


# --- Progress of a long import ------------------------------------------------------


class ProgressBar(Protocol):
    """What an import reports its progress to: tqdm's `update` and `close`."""

    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...


# progress(label, total) -> a ProgressBar for one phase of an import (reading, writing).
Progress = Callable[[str, int], ProgressBar]


class NoProgress:
    """Shows nothing: the default of the services (the admin, tests, `-v 0`)."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def no_progress(label: str, total: int) -> ProgressBar:
    return NoProgress()


class ProgressLines:
    """Plain progress lines for a log (stderr not a terminal): one at every tenth of
    the phase and one at its end, e.g. `Запис: 7000/14000 (50%)`."""

    def __init__(self, label: str, total: int, stream: TextIO) -> None:
        self.label, self.total, self.stream = label, total, stream
        self.done = self.tenths = 0

    def update(self, n: int = 1) -> None:
        self.done += n
        tenths = self.done * 10 // self.total if self.total else 10
        if tenths > self.tenths:
            self.tenths = tenths
            self._line()

    def close(self) -> None:
        if self.tenths < 10:
            self.tenths = 10
            self._line()

    def _line(self) -> None:
        percent = self.done * 100 // self.total if self.total else 100
        self.stream.write(f"{self.label}: {self.done}/{self.total} ({percent}%)\n")
        self.stream.flush()


def progress_for(stream: TextIO, verbosity: int = 1) -> Progress:
    """A progress bar on a terminal, plain lines otherwise (a log, a pipe), nothing
    at verbosity 0. `stream` is stderr, so that stdout holds only the summary."""
    if verbosity < 1:
        return no_progress
    if stream.isatty():
        # Only a command on a terminal draws a bar. (tqdm ships no type hints.)
        from tqdm import tqdm  # type: ignore[import-untyped]

        def bar(label: str, total: int) -> ProgressBar:
            return tqdm(total=total, desc=label, file=stream, unit=_("ред"), leave=True)

        return bar
    return lambda label, total: ProgressLines(label, total, stream)


class ImportCommand(BaseCommand):
    """A management command importing the file named on its command line.

    A subclass says how the file's bytes are imported (`import_data`). An invalid file
    prints every error on stderr and exits with status 1; a valid one prints its
    ImportSummary. While it works, its progress goes to stderr (`self.progress`): a
    bar on a terminal, plain lines otherwise, nothing with `-v 0`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.progress: Progress = no_progress

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def import_data(self, data):
        """Import the file's bytes, all or nothing, reporting to `self.progress`;
        return an ImportSummary or raise ImportFileError."""
        raise NotImplementedError

    def refusal(self, errors):
        """The closing message when the file was refused."""
        return f"{len(errors)} invalid row(s); nothing was imported."

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        # The stream itself, not Django's OutputWrapper, which ends every write with
        # a newline (a bar redraws its line with a carriage return).
        self.progress = progress_for(cast(TextIO, self.stderr._out), options.get("verbosity", 1))
        try:
            summary = self.import_data(data)
        except ImportFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(self.refusal(exc.errors), returncode=1) from exc
        self.stdout.write(str(summary))


# --- The record of imports ---------------------------------------------------------

IMPORT_ACTION = "file-import"


@dataclass(frozen=True)
class ImportRecord:
    """One import of a file as the audit trail keeps it."""

    at: datetime
    actor: str
    what: str
    source: str
    ok: bool
    created: int
    updated: int
    unchanged: int
    errors: int
    first_errors: list[str]


def import_record(
    *,
    model: "type[Model]",
    actor: "_AnyUser | None" = None,
    source: str = "",
    summary: ImportSummary | None = None,
    errors: "Iterable[RowError] | None" = None,
) -> "AuditEntry":
    """Record one import of a file (accepted with its `summary`, or refused with its
    `errors`) in the audit trail, against the imported model's type: the rows of a
    refused file changed nothing, so nothing else would show that it was tried."""
    from django.contrib.contenttypes.models import ContentType

    from .audit import audit

    changes: dict[str, object] = {"model": model._meta.label, "source": source}
    if summary is not None:
        changes.update(
            created=summary.created, updated=summary.updated, unchanged=summary.unchanged
        )
    else:
        errors = list(errors or [])
        changes.update(errors=len(errors), first_errors=[str(e) for e in errors[:5]])
    return audit(
        target=ContentType.objects.get_for_model(model),
        actor=actor,
        action=IMPORT_ACTION,
        changes=changes,
    )


def recent_imports(*, limit: int = 5) -> list[ImportRecord]:
    """The last `limit` imports of files, newest first (ImportRecord)."""
    from django.apps import apps

    from .models import AuditEntry

    records = []
    for entry in AuditEntry.objects.filter(action=IMPORT_ACTION).select_related("actor")[:limit]:
        changes = entry.changes
        try:
            what = str(apps.get_model(changes.get("model", ""))._meta.verbose_name_plural)
        except (LookupError, ValueError, KeyError):
            what = changes.get("model", "")
        records.append(
            ImportRecord(
                at=entry.created_at,
                actor=entry.actor.email if entry.actor else "",
                what=what,
                source=changes.get("source", ""),
                ok="errors" not in changes,
                created=changes.get("created", 0),
                updated=changes.get("updated", 0),
                unchanged=changes.get("unchanged", 0),
                errors=changes.get("errors", 0),
                first_errors=changes.get("first_errors", []),
            )
        )
    return records
