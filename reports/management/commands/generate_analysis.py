import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.models import Analysis, AnalysisKind, AnalysisStatus
from reports.services import analysis_build, check_analysis_kind
from reports.statistics import StatisticsError


class Command(BaseCommand):
    help = (
        "Build the national analysis PDF of a year synchronously (ALL: the agency's combined "
        "document, ЦПО and ЦИПО); prints the PDF's path. The analysis is stored as a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--kind", choices=AnalysisKind.values, default=AnalysisKind.CPO.value)
        parser.add_argument("--output", type=Path, help="also write the PDF to this path")

    def handle(self, *args, year, kind, output, **options):
        try:
            check_analysis_kind(year, kind)
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
