"""What every file import shares (CONTRACT.md §1): all or nothing, every invalid row
reported as `line N: field: message`, a summary of what was created and updated.

The formats themselves live with the apps that own the data: `centers/importing.py`
(centres CSV, §3) and `selfassessment/importing.py` (reports JSON Lines, §4).
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


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


class ImportCommand(BaseCommand):
    """A management command importing the file named on its command line.

    A subclass says how the file's bytes are imported (`import_data`). An invalid file
    prints every error on stderr and exits with status 1; a valid one prints its
    ImportSummary.
    """

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def import_data(self, data):
        """Import the file's bytes, all or nothing; return an ImportSummary or raise
        ImportFileError."""
        raise NotImplementedError

    def refusal(self, errors):
        """The closing message when the file was refused."""
        return f"{len(errors)} invalid row(s); nothing was imported."

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            summary = self.import_data(data)
        except ImportFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(self.refusal(exc.errors), returncode=1) from exc
        self.stdout.write(str(summary))
