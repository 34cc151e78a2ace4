import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selfassessment.frameworks import BUNDLED_DIR, FrameworkError
from selfassessment.services import framework_load


def load_bundled():
    """Load the framework files shipped in selfassessment/framework_files/."""
    return [
        framework_load(data=json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(BUNDLED_DIR.glob("*.json"))
    ]


class Command(BaseCommand):
    help = (
        "Load a criteria framework file (JSON, as in selfassessment/framework_files/); "
        "an inconsistent file is refused with every problem listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        for path in files:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            try:
                framework, created = framework_load(data=data)
            except FrameworkError as exc:
                for problem in exc.problems:
                    self.stderr.write(f"{path}: {problem}")
                raise CommandError(f"{path}: refused, nothing loaded.") from exc
            state = "loaded" if created else "already loaded, unchanged"
            self.stdout.write(f"{framework.code}: {state}")
