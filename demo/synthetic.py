"""Synthetic national data in bulk — many centres, many years — for the statistics
benchmark and the query-count test. Rows are written with bulk_create, in the same
shape the services write them (report, latest snapshot, score rows, their counts)."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import cast

from django.db import connection

from centers.eik import eik_check_digit_9
from centers.models import Center, LicenseStatus, LicenseStatusChange
from centers.regions import REGIONS
from selfassessment.counting import counted_rebuild
from selfassessment.deadlines import SOFIA, is_on_time
from selfassessment.models import (
    Criterion,
    Framework,
    Report,
    ReportStatus,
    ReportSubmission,
    SubmissionScore,
)
from selfassessment.scoring import score
from selfassessment.selectors import framework_for

BATCH = 5000


def _centers(count, prefix, rng):
    regions = list(REGIONS)
    centers = []
    for i in range(count):
        first_eight = f"{rng.randint(10_000_000, 99_999_999)}"
        centers.append(
            Center(
                kind="CPO",
                name=f"ЦПО „Синтетичен {prefix}-{i}“ ООД",
                eik=first_eight + str(eik_check_digit_9(first_eight)),
                license_number=f"{prefix}{i:07d}",
                license_date=date(2005, 1, 1),
                status=LicenseStatus.ACTIVE,
                status_since=date(2005, 1, 1),
                region=regions[i % len(regions)],
                municipality="Община",
            )
        )
    Center.objects.bulk_create(centers, batch_size=BATCH)
    saved = list(Center.objects.filter(license_number__startswith=prefix).order_by("pk"))
    LicenseStatusChange.objects.bulk_create(
        (
            LicenseStatusChange(center=c, status=LicenseStatus.ACTIVE, since=c.license_date)
            for c in saved
        ),
        batch_size=BATCH,
    )
    return saved


def synthetic_reports(*, centers, years, prefix="9", seed=1):
    """Create `centers` ЦПО, each with a filed report for every year in `years`."""
    rng = random.Random(seed)
    saved = _centers(centers, prefix, rng)
    for year in years:
        # The bundled frameworks are loaded before any synthetic report.
        framework = cast(Framework, framework_for("CPO", year))
        spec = framework.spec
        criteria = dict(Criterion.objects.filter(framework=framework).values_list("code", "pk"))
        reports, contents = [], []
        for center in saved:
            scores = {
                c.code: rng.choice(c.levels[1:] if rng.random() < 0.8 else c.levels).raw
                for c in spec.criteria
            }
            submitted = datetime(year + 1, 1, 1, 9, tzinfo=SOFIA) + timedelta(
                minutes=rng.randint(0, 46 * 24 * 60)
            )
            reports.append(
                Report(
                    center=center,
                    year=year,
                    framework=framework,
                    status=ReportStatus.ACCEPTED,
                    content={
                        "scores": scores,
                        "narrative": {},
                        "validation": {"procedures": 0, "persons": 0},
                    },
                    first_submitted_at=submitted,
                    last_submitted_at=submitted,
                    submitted_on_time=is_on_time(submitted, year),
                )
            )
            contents.append(scores)
        Report.objects.bulk_create(reports, batch_size=BATCH)
        by_center = dict(
            Report.objects.filter(year=year, center__license_number__startswith=prefix).values_list(
                "center_id", "pk"
            )
        )
        submissions = []
        for report, scores in zip(reports, contents, strict=True):
            result = score(spec, scores)
            procedures = rng.choice([0] * 20 + [1, 2, 5])
            submissions.append(
                # The reports above are filed: submitted_at and on_time are set.
                ReportSubmission(  # type: ignore[misc]
                    report_id=by_center[report.center_id],
                    number=1,
                    submitted_at=report.first_submitted_at,
                    on_time=report.submitted_on_time,
                    content=report.content,
                    total_score=result.total,
                    quality_level=result.level,
                    area_totals={k: str(v) for k, v in result.area_totals.items()},
                    validation_procedures=procedures,
                    validation_persons=procedures * rng.randint(1, 30),
                )
            )
        ReportSubmission.objects.bulk_create(submissions, batch_size=BATCH)
        by_report = dict(
            ReportSubmission.objects.filter(
                report__year=year, report__center__license_number__startswith=prefix
            ).values_list("report_id", "pk")
        )
        rows = []
        for submission in submissions:
            for code, points in submission.content["scores"].items():
                rows.append(
                    SubmissionScore(
                        submission_id=by_report[submission.report_id],
                        criterion_id=criteria[code],
                        points=Decimal(str(points)),
                    )
                )
            if len(rows) >= BATCH * 4:
                SubmissionScore.objects.bulk_create(rows, batch_size=BATCH)
                rows = []
        SubmissionScore.objects.bulk_create(rows, batch_size=BATCH)
    _analyze()
    counted_rebuild()  # written beside the transitions: counted once, at the end
    return saved


def _analyze():
    """Refresh the planner's statistics after the bulk load. Autovacuum would, once
    the rows are committed; inside a test's transaction it never sees them, and
    tables last analyzed while empty get nested-loop plans that take minutes."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (Center, LicenseStatusChange, Report, ReportSubmission, SubmissionScore)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
