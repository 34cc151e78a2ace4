"""The flags of the automatic checks on submitted reports. (The agency's decisions
are transitions of the report: selfassessment/transitions.py.)"""

from django.db.models import Avg, Count
from django.db.models.fields.json import KT
from django.db.models.functions import Length

from selfassessment.models import FILED_STATUSES, ReportSubmission

from .checks import (
    MIN_REPORTS_FOR_USUAL,
    VALIDATION_SHARE_CRITERION,
    SubmittedVersion,
    run_checks,
)
from .models import Flag


def _usual_lengths(year, kind, sections):
    """Average length of each narrative section in the year's filed reports of a kind."""
    latest = ReportSubmission.objects.filed(year, kind)
    aggregates = {code: Avg(Length(KT(f"content__narrative__{code}"))) for code in sections}
    result = latest.aggregate(reports=Count("pk"), **aggregates)
    if result.pop("reports") < MIN_REPORTS_FOR_USUAL:
        return {}
    return {code: value for code, value in result.items() if value}


def flags_refresh(*, submissions):
    """Run the automatic checks on `submissions` and store what they find, replacing
    earlier flags of the same submissions. A fixed number of queries per year and
    kind, whatever the number of submissions."""
    submissions = list(submissions)
    if not submissions:
        return 0
    reports = {s.report_id: s.report for s in submissions}
    centers = {r.center_id for r in reports.values()}
    # Each centre's filed snapshots by year, to compare with the year before: those
    # being checked are in hand (an import's are thousands); only the others are read,
    # and of them only what the checks compare.
    known = {s.pk for s in submissions}
    stored = (
        ReportSubmission.objects.current()
        .filter(report__center_id__in=centers, report__status__in=FILED_STATUSES)
        .exclude(pk__in=known)
        .select_related("report")
        .only("content", "total_score", "report__year", "report__center_id")
    )
    earlier: dict[int, list[ReportSubmission]] = {}
    for previous in sorted(
        [*stored, *(s for s in submissions if s.report.status in FILED_STATUSES)],
        key=lambda s: s.report.year,
    ):
        earlier.setdefault(previous.report.center_id, []).append(previous)
    usual = {}
    flags = []
    for submission in submissions:
        report = reports[submission.report_id]
        spec = report.framework.spec
        key = (report.year, spec.kind)
        if key not in usual:
            usual[key] = _usual_lengths(report.year, spec.kind, spec.section_codes)
        previous = next(
            (p for p in reversed(earlier.get(report.center_id, [])) if p.report.year < report.year),
            None,
        )
        version = SubmittedVersion(
            spec=spec,
            content=submission.content,
            total=submission.total_score,
            previous_content=previous.content if previous else None,
            previous_total=previous.total_score if previous else None,
            usual_lengths=usual[key],
            validation_criterion=report.framework.definition.get(
                "validation_share_criterion", VALIDATION_SHARE_CRITERION.get(spec.code)
            ),
        )
        flags += [
            Flag(submission=submission, code=code, message=message)
            for code, message in run_checks(version)
        ]
    Flag.objects.filter(submission__in=submissions).delete()
    Flag.objects.bulk_create(flags)
    return len(flags)
