"""Writing rows in bulk, for the imports and the demo data: COPY on PostgreSQL (the
fastest way in), multi-row INSERTs or `bulk_create` elsewhere (SQLite: `make run`),
UPDATE … FROM VALUES for changed rows, and ANALYZE once the tables are filled."""

import io
import json
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

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
