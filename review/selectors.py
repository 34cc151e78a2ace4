"""Reading for the review: the queue, a report's review state, the campaign."""

from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from centers.models import Center
from selfassessment.content import content_diff
from selfassessment.deadlines import SOFIA, deadline
from selfassessment.models import (
    FILED_STATUSES,
    Decision,
    DecisionKind,
    Remark,
    Report,
    ReportStatus,
    ReportSubmission,
)

from .models import Flag


def review_queue():
    """Filed reports with what the queue shows of their latest submitted version."""
    latest = ReportSubmission.objects.current().filter(report=OuterRef("pk"))
    flags = (
        Flag.objects.filter(submission__report=OuterRef("pk"), submission__is_latest=True)
        .values("submission__report")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last_remark = Remark.objects.filter(decision__report=OuterRef("pk")).order_by(
        "-decision__decided_at", "-pk"
    )
    last_reason = Decision.objects.filter(
        report=OuterRef("pk"), kind=DecisionKind.RETURNED
    ).order_by("-decided_at", "-pk")
    return (
        Report.objects.filter(status__in=FILED_STATUSES)
        .select_related("center", "assigned_expert")
        .annotate(
            total=Subquery(latest.values("total_score")[:1]),
            level=Subquery(latest.values("quality_level")[:1]),
            flag_count=Subquery(flags[:1]),
            last_remark=Subquery(last_remark.values("text")[:1]),
            last_reason=Subquery(last_reason.values("reason")[:1]),
        )
    )


def resubmitted_after_return(reports):
    """`reports` waiting for review again: submitted after at least one return."""
    returned = Decision.objects.filter(report=OuterRef("pk"), kind=DecisionKind.RETURNED)
    return reports.filter(Exists(returned), status=ReportStatus.SUBMITTED)


def corrections_overdue(reports, today):
    """`reports` returned for correction whose last return's due date is before `today`."""
    last_due = (
        Decision.objects.filter(report=OuterRef("pk"), kind=DecisionKind.RETURNED)
        .order_by("-decided_at", "-pk")
        .values("due_date")[:1]
    )
    return (
        reports.filter(status=ReportStatus.RETURNED)
        .alias(last_due=Subquery(last_due))
        .filter(last_due__lt=today)
    )


def flags_of(report):
    return Flag.objects.filter(submission__report=report, submission__is_latest=True)


def last_two_versions_diff(report):
    """(previous, latest, {key: [old, new]}) of the last two submitted versions, or None."""
    versions = list(report.submissions.order_by("-number")[:2])
    if len(versions) < 2:
        return None
    latest, previous = versions
    return previous, latest, content_diff(previous.content, latest.content)


def _campaign_scope(year, kind=None):
    """(expected centres, the year's reports) of a campaign, optionally of one kind.
    Expected are the centres licensed on 31 December of the year."""
    expected = Center.objects.licensed_on(date(year, 12, 31))
    reports = Report.objects.filter(year=year)
    if kind:
        expected = expected.filter(kind=kind)
        reports = reports.filter(center__kind=kind)
    return expected, reports


def _missing(expected, reports):
    filed = reports.filter(status__in=FILED_STATUSES)
    return expected.exclude(Exists(filed.filter(center=OuterRef("pk"))))


def campaign_progress(year, kind=None):
    """The counts of a campaign (expected, filed, on time, late, not filed), in a
    fixed number of queries: what a start page shows."""
    expected, reports = _campaign_scope(year, kind)
    counts = reports.aggregate(
        filed=Count("pk", filter=Q(status__in=FILED_STATUSES)),
        on_time=Count("pk", filter=Q(status__in=FILED_STATUSES, submitted_on_time=True)),
        late=Count("pk", filter=Q(status__in=FILED_STATUSES, submitted_on_time=False)),
    )
    return {
        "year": year,
        "kind": kind,
        "expected": expected.count(),
        **counts,
        "not_filed": _missing(expected, reports).count(),
    }


def campaign(year, kind=None):
    """The filing campaign of `year`: who was expected, who filed when, where the
    review stands. Expected are the centres licensed on 31 December of the year.

    The median days from first submission to acceptance counts the reports accepted
    in the portal: an imported report (format 4) brings its submission date but no
    date of acceptance, so it is counted apart (`accepted_without_date`)."""
    expected, reports = _campaign_scope(year, kind)
    filed = reports.filter(status__in=FILED_STATUSES)
    counts = reports.aggregate(
        filed=Count("pk", filter=Q(status__in=FILED_STATUSES)),
        on_time=Count("pk", filter=Q(status__in=FILED_STATUSES, submitted_on_time=True)),
        late=Count("pk", filter=Q(status__in=FILED_STATUSES, submitted_on_time=False)),
        drafts=Count("pk", filter=Q(status=ReportStatus.DRAFT)),
        submitted=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        accepted=Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
        accepted_without_date=Count("pk", filter=Q(status=ReportStatus.ACCEPTED, accepted_at=None)),
        accepted_first=Count(
            "pk",
            filter=Q(status=ReportStatus.ACCEPTED)
            & ~Exists(Decision.objects.filter(report=OuterRef("pk"), kind=DecisionKind.RETURNED)),
        ),
    )
    missing = _missing(expected, reports).order_by("region", "name")
    # At most one year's accepted reports (about 900): a median in Python is cheap.
    waits = [
        (accepted - submitted).total_seconds() / 86400
        for submitted, accepted in filed.filter(status=ReportStatus.ACCEPTED)
        .exclude(accepted_at=None)
        .exclude(first_submitted_at=None)
        .values_list("first_submitted_at", "accepted_at")
    ]
    per_day = (
        filed.exclude(first_submitted_at=None)
        .filter(first_submitted_at__lte=deadline(year))
        .annotate(day=TruncDate("first_submitted_at", tzinfo=SOFIA))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return {
        "year": year,
        "kind": kind,
        "expected": expected.count(),
        **counts,
        "not_filed": missing.count(),
        "missing": missing,
        "median_days_to_accept": round(median(waits), 1) if waits else None,
        "accepted_with_date": len(waits),
        "per_day": [(row["day"], row["n"]) for row in per_day],
        "deadline": deadline(year),
    }


def filings_per_day_series(per_day, year, days=31):
    """Every day of the last `days` days up to the deadline with its count (0 when none)."""
    end = deadline(year).date()
    counts = dict(per_day)
    start = end - timedelta(days=days - 1)
    return [
        (start + timedelta(days=i), counts.get(start + timedelta(days=i), 0)) for i in range(days)
    ]
