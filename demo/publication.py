"""The demo's published statistics: every past year with reports, so that the public
statistics pages and API of `make run` have figures (CONTRACT.md §6). The year being
filed stays unpublished, as it would at the agency."""

from centers.models import Kind
from core.bulk import tables_analyze
from reports.publication import published_years, statistics_publish
from reports.statistics import years_with_reports
from selfassessment.models import Report, ReportSubmission, SubmissionAnswer, SubmissionScore


def seed_publications(*, open_year: int) -> list[tuple[str, int]]:
    """Publish each kind's years with reports before `open_year` that are not
    published yet (a second run publishes nothing); returns what was published."""
    tables_analyze(Report, ReportSubmission, SubmissionScore, SubmissionAnswer)
    published = []
    for kind in Kind.values:
        done = set(published_years(kind))
        for year in sorted(set(years_with_reports(kind))):
            if year < open_year and year not in done:
                statistics_publish(year=year, kind=kind, user=None)
                published.append((kind, year))
    return published
