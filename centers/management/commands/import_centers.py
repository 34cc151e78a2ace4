from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centers.importing import ImportFileError
from centers.services import centers_import_file


class Command(BaseCommand):
    help = "Upsert centres by license_number from a CSV file (CONTRACT.md §3); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            summary = centers_import_file(data=data)
        except ImportFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} invalid row(s); nothing was imported.", returncode=1
            ) from exc
        self.stdout.write(str(summary))
