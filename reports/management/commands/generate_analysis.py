import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centers.models import Kind
from reports.models import Analysis, AnalysisStatus
from reports.services import analysis_build
from reports.statistics import StatisticsError, check_year_and_kind


class Command(BaseCommand):
    help = "Build the national analysis PDF of a year synchronously; prints the PDF's path."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--kind", choices=Kind.values, default=Kind.CPO.value)
        parser.add_argument("--output", type=Path, help="also write the PDF to this path")

    def handle(self, *args, year, kind, output, **options):
        try:
            check_year_and_kind(year, kind)
        except StatisticsError as exc:
            raise CommandError("; ".join(m for ms in exc.errors.values() for m in ms)) from exc
        analysis = Analysis.objects.create(year=year, kind=kind, status=AnalysisStatus.RUNNING)
        try:
            analysis = analysis_build(analysis=analysis)
        except Exception as exc:
            raise CommandError(f"analysis failed: {exc}") from exc
        path = Path(analysis.pdf.path)
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, output)
            path = output
        self.stdout.write(str(path.resolve()))
