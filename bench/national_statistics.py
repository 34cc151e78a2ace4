"""Benchmark of the national statistics and the analysis PDF (issue: targets on a
2-core machine — one year at 900 centres < 150 ms; at 10 000 centres × 10 years
< 1.5 s; the PDF < 10 s), and of the trends (issue 15: all years in one pass; 7
years ≤ 2.5× one year; 10 years at 10 000 centres < 1 s) — computed, and as during a
campaign: from the cache, one year changed.

Run against a throwaway PostgreSQL:  make bench
It prints figures; it asserts nothing.
"""

import os
import statistics as stats
import sys
import time
from pathlib import Path

# The project, not bench/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

YEARS = range(2015, 2025)


def timed(function, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return stats.median(times), min(times)


def raw_aggregate(year):
    """A hand-written aggregate over the score rows one year's statistics count: the
    distribution of points by criterion of the year's filed ЦПО reports."""
    from selfassessment.models import FILED_STATUSES

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sc.criterion_id, sc.points, COUNT(*)"
            " FROM selfassessment_submissionscore sc"
            " JOIN selfassessment_reportsubmission rs ON rs.id = sc.submission_id"
            " JOIN selfassessment_report r ON r.id = rs.report_id"
            " JOIN centers_center c ON c.id = r.center_id"
            " WHERE rs.is_latest AND r.year = %s AND c.kind = 'CPO' AND r.status = ANY(%s)"
            " GROUP BY sc.criterion_id, sc.points",
            [year, [str(status) for status in FILED_STATUSES]],
        )
        return cursor.fetchall()


def main():
    from centers.models import Kind
    from demo.synthetic import synthetic_reports
    from reports.cache import cached_trends, year_invalidate
    from reports.models import Analysis, AnalysisStatus
    from reports.services import analysis_build
    from reports.statistics import statistics_for_year, trends
    from selfassessment.models import Framework
    from selfassessment.services import framework_load

    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; run `make bench` for the figures that count")
    call_command("migrate", verbosity=0)
    # The bundled framework starts in 2018; an identical one from 2010 covers 2015–2017.
    definition = dict(
        Framework.objects.get(code="CPO-2018").definition, code="CPO-BENCH", valid_from_year=2010
    )
    framework_load(data=definition)

    from bench.machine import describe

    print(f"database: {connection.vendor}, years {YEARS.start}–{YEARS.stop - 1}; {describe()}")
    for label, total, prefix in (("900 centres", 900, "81"), ("10 000 centres", 10_000, "82")):
        existing = 900 if prefix == "82" else 0
        start = time.perf_counter()
        synthetic_reports(centers=total - existing, years=YEARS, prefix=prefix, seed=total)
        print(
            f"\n{label} × {len(YEARS)} years: data generated in {time.perf_counter() - start:.1f} s"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None
        # As the API serves them: computed, then written as JSON.
        median, best = timed(lambda: statistics_for_year(2024, Kind.CPO).as_json())
        print(
            f"  statistics of one year:   median {median * 1000:7.1f} ms   best {best * 1000:7.1f} ms"
        )
        one_year = median
        median, best = timed(lambda: raw_aggregate(2024))
        print(
            f"  raw SQL over the same rows: median {median * 1000:5.1f} ms   best {best * 1000:7.1f} ms"
            f"   (one year's statistics = {one_year / median:.2f}× the raw aggregate)"
        )
        median, best = timed(lambda: trends(Kind.CPO, 2018, 2024).as_json(), runs=3)
        print(
            f"  7-year trends (one pass): median {median * 1000:7.1f} ms   best {best * 1000:7.1f} ms"
            f"   ({median / one_year:.2f}× one year)"
        )
        median, best = timed(lambda: trends(Kind.CPO, 2015, 2024).as_json(), runs=3)
        print(
            f"  10-year trends:           median {median * 1000:7.1f} ms   best {best * 1000:7.1f} ms"
            f"   ({median / one_year:.2f}× one year)"
        )
        # As during a campaign: every year cached, then a report of the last one changes.
        cached_trends(Kind.CPO, 2015, 2024)

        def after_a_change():
            year_invalidate(Kind.CPO, 2024)
            return cached_trends(Kind.CPO, 2015, 2024).as_json()

        median, best = timed(after_a_change, runs=3)
        print(
            f"  10-year trends, cached, one year changed: median {median * 1000:7.1f} ms"
            f"   best {best * 1000:7.1f} ms"
        )
        median, best = timed(
            lambda: [statistics_for_year(year, Kind.CPO).as_json() for year in YEARS], runs=3
        )
        print(
            f"  10 years one by one:      median {median * 1000:7.1f} ms   best {best * 1000:7.1f} ms"
            "   (trends before the one pass)"
        )
        analysis = Analysis.objects.create(year=2024, kind=Kind.CPO, status=AnalysisStatus.RUNNING)
        start = time.perf_counter()
        analysis_build(analysis=analysis)
        print(
            f"  analysis PDF job:         {time.perf_counter() - start:7.2f} s ({analysis.pdf.size // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
