"""What every file import shares (CONTRACT.md §1): all or nothing, every invalid row
reported as `line N: field: message`, a summary of what was created and updated.

The formats themselves live with the apps that own the data: `centers/importing.py`
(centres CSV, §3) and `selfassessment/importing.py` (reports JSON Lines, §4).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from django.db.models import (
    Model,
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
