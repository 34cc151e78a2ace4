"""What the statistics count, kept added up (CountedScore, CountedTotal).

A year's statistics count the latest snapshot of every filed report (CONTRACT.md
§2). Which snapshots those are, and under which region, changes only when a report is
submitted, annulled or imported, or a centre moves to another region. Those changes
run inside `counting(reports)`: it reads what the reports' counted snapshots add
before and after the change and adds the difference, in the same transaction. The
statistics then read a few hundred rows a year, whatever the number of centres.

The answers of ЦИПО reports are not added up: 36 centres' rows cost nothing to count.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, QuerySet

from .models import (
    FILED_STATUSES,
    CountedScore,
    CountedTotal,
    Report,
    ReportSubmission,
    SubmissionScore,
)

# What a counted snapshot adds, read with it: (year, kind, region, on time, points,
# level, procedures, persons); compared before and after a change.
Counted = tuple[int, str, str, bool | None, Decimal | None, str, int, int]
_COUNTED_FIELDS = (
    "report__year",
    "report__framework__kind",
    "report__center__region",
    "report__submitted_on_time",
    "total_score",
    "quality_level",
    "validation_procedures",
    "validation_persons",
)

# Snapshots whose score rows are added up by one query; rows per upsert.
SNAPSHOT_BATCH = 5000
UPSERT_BATCH = 1000


def counted_snapshots(reports: Iterable[int]) -> dict[int, Counted]:
    """{snapshot id: what it adds} of the snapshots of `reports` (ids) the statistics
    count: the latest of each filed report."""
    ids = sorted(reports)
    counted: dict[int, Counted] = {}
    for start in range(0, len(ids), SNAPSHOT_BATCH):
        rows = ReportSubmission.objects.filter(
            report__in=ids[start : start + SNAPSHOT_BATCH],
            is_latest=True,
            report__status__in=FILED_STATUSES,
        ).values_list("pk", *_COUNTED_FIELDS)
        counted.update((pk, tuple(values)) for pk, *values in rows)
    return counted


@contextmanager
def counting(reports: QuerySet[Report]) -> Iterator[set[int]]:
    """Keep CountedScore and CountedTotal true across a change to `reports`. Call
    inside the change's transaction: the counts change with it or not at all.

    The reports are locked first, in the order of their ids (a transition's own report
    is already), so that no other change to them falls between the two readings;
    yields their ids, to which the change adds those of the reports it creates. The
    count rows are the last thing a change locks, in the order of their keys: two
    changes that count at once never wait for each other in a circle."""
    ids = set(reports.order_by("pk").select_for_update().values_list("pk", flat=True))
    before = counted_snapshots(ids)
    yield ids
    after = counted_snapshots(ids)
    _count(
        added={pk: c for pk, c in after.items() if before.get(pk) != c},
        removed={pk: c for pk, c in before.items() if after.get(pk) != c},
    )


def counted_differences() -> dict[str, int]:
    """{table: rows that differ from a recount} — {} when the kept counts are true.
    Changes nothing: the recount is rolled back."""
    with transaction.atomic():
        differences = counted_rebuild()
        transaction.set_rollback(True)
    return differences


@transaction.atomic
def counted_rebuild() -> dict[str, int]:
    """Count everything again from the snapshots: after rows were written beside the
    transitions (the demo's synthetic history, the migration that began counting, a
    version of the portal that did not count still running while it was deployed).
    Returns {table: rows that differed}."""
    kept = _kept()
    CountedScore.objects.all().delete()
    CountedTotal.objects.all().delete()
    reports = Report.objects.order_by("pk").select_for_update().values_list("pk", flat=True)
    _count(added=counted_snapshots(reports), removed={})
    recounted = _kept()
    return {
        model._meta.db_table: len(kept[model] ^ recounted[model])
        for model in (CountedScore, CountedTotal)
        if kept[model] != recounted[model]
    }


def _kept() -> dict[type[models.Model], set[tuple[Any, ...]]]:
    """The counts as stored, without the keys back at zero."""
    return {
        CountedScore: {
            row
            for row in CountedScore.objects.values_list("year", "criterion_id", "points", "reports")
            if row[-1]
        },
        CountedTotal: {
            row
            for row in CountedTotal.objects.values_list("year", "kind", "region", "name", "value")
            if row[-1]
        },
    }


def _count(added: Mapping[int, Counted], removed: Mapping[int, Counted]) -> None:
    """Add what `added` snapshots add and take away what `removed` ones did. A snapshot
    in both (its centre moved) changes its totals only: its score rows stay."""
    scores = _score_counts(added.keys() - removed.keys(), removed.keys() - added.keys())
    totals: dict[tuple[Any, ...], Decimal] = {}
    for snapshots, sign in ((added, 1), (removed, -1)):
        for counted in snapshots.values():
            for key, value in _totals(counted).items():
                totals[key] = totals.get(key, Decimal(0)) + sign * value
    _add(CountedScore, ("year", "criterion_id", "points"), "reports", scores)
    _add(CountedTotal, ("year", "kind", "region", "name"), "value", totals)


def _totals(counted: Counted) -> dict[tuple[Any, ...], Decimal]:
    """{(year, kind, region, name): value} that one counted snapshot adds to
    CountedTotal: a report, on time or not, its points, whether they are 0, its
    validation procedures and persons, whether it has a procedure (a centre has one
    report a year: the centres that validated), and a report at its quality level."""
    year, kind, region, on_time, score, level, procedures, persons = counted
    values = {
        "reports": 1,
        "on_time": 1 if on_time else 0,
        "score": score or 0,
        "zero": 1 if score == 0 else 0,  # not an answered kind's None
        "procedures": procedures,
        "persons": persons,
        "validating": 1 if procedures > 0 else 0,
        level: 1 if level else 0,
    }
    return {(year, kind, region, name): Decimal(v) for name, v in values.items() if v}


def _score_counts(added: Iterable[int], removed: Iterable[int]) -> dict[tuple[Any, ...], int]:
    """{(year, criterion id, points): score rows of `added` less those of `removed`}."""
    counts: dict[tuple[Any, ...], int] = {}
    for snapshots, sign in ((added, 1), (removed, -1)):
        ids = sorted(snapshots)
        for start in range(0, len(ids), SNAPSHOT_BATCH):
            for year, criterion, points, n in (
                SubmissionScore.objects.filter(submission__in=ids[start : start + SNAPSHOT_BATCH])
                .values_list("submission__report__year", "criterion_id", "points")
                .annotate(n=Count("pk"))
                .order_by()
            ):
                key = (year, criterion, points)
                counts[key] = counts.get(key, 0) + sign * n
    return counts


def _add(
    model: type[models.Model],
    key: Sequence[str],
    column: str,
    changes: Mapping[tuple[Any, ...], Any],
) -> None:
    """Add `changes` ({key: amount}) to `column` of `model`'s rows, inserting missing
    keys; in the order of the keys, so that two transactions counting at once lock the
    rows they share in the same order: the second waits for the first (see counting)."""
    rows = sorted((k, n) for k, n in changes.items() if n)
    quote = connection.ops.quote_name
    table, value = quote(model._meta.db_table), quote(column)
    columns = ", ".join(quote(name) for name in (*key, column))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            batch = rows[start : start + UPSERT_BATCH]
            placeholders = ", ".join([f"({', '.join(['%s'] * (len(key) + 1))})"] * len(batch))
            # Only the model's table and column names are interpolated; values are params.
            cursor.execute(
                f"INSERT INTO {table} AS counted ({columns}) VALUES {placeholders}"  # noqa: S608  # nosec B608
                f" ON CONFLICT ({', '.join(quote(name) for name in key)})"
                f" DO UPDATE SET {value} = counted.{value} + excluded.{value}",
                [v for k, n in batch for v in (*k, n)],
            )
