from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centers.importing import ImportFileError
from selfassessment.services import reports_import_file


class Command(BaseCommand):
    help = (
        "Upsert reports by (license_number, year) from a JSON Lines file (CONTRACT.md §4); "
        "all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            summary = reports_import_file(data=data)
        except ImportFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            lines = len({error.line for error in exc.errors})
            raise CommandError(
                f"{lines} invalid line(s); nothing was imported.", returncode=1
            ) from exc
        self.stdout.write(str(summary))
