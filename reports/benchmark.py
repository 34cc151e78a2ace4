"""A centre's benchmark: its report against the national and regional figures of the
same year, and its trend. Only aggregates of others are shown; a regional figure
from fewer than 5 reports is hidden. Only for kinds scored with points (ЦПО).

Centre staff compare themselves with what the agency has published (CONTRACT.md §6):
before publication they see their own figures only; after it, the published snapshot,
and regional figures and shares counted over the reports filed by the instant of
publication. Agency users (`live=True`) see the figures as they stand."""

from django.urls import reverse

from core.mail import send_templated_mail
from core.pdf import render_pdf
from selfassessment.kinds import kind_of
from selfassessment.models import FILED_STATUSES, ReportSubmission
from selfassessment.notifications import center_staff_emails

from .cache import cached_statistics
from .publication import published_statistics, snapshot_figures
from .statistics import MIN_REGIONAL_REPORTS, level_label, region_averages, share_below


def _national(year, kind, live):
    """The national figures (as_json() shape) to compare with, and the instant they
    were published (None: live figures); (None, None) before publication."""
    if live:
        return cached_statistics(year, kind).as_json(), None
    publication = published_statistics(year, kind)
    if publication is None:
        return None, None
    return snapshot_figures(publication), publication.published_at


def benchmark(center, year, *, live=False):
    submission = (
        ReportSubmission.objects.filed(year, center.kind)
        .filter(report__center=center)
        .select_related("report__framework")
        .first()
    )
    if submission is None:
        return None
    spec = submission.report.framework.spec
    if not kind_of(spec).scored:
        return None
    national, as_of = _national(year, center.kind, live)
    region = (
        region_averages(year, center.kind, center.region, as_of=as_of)
        if national is not None
        else None
    )
    national_areas = {a["code"]: a["average"] for a in national["areas"]} if national else {}
    national_criteria = {c["code"]: c for c in national["criteria"]} if national else {}
    scores = submission.content.get("scores") or {}
    areas = [
        {
            "code": area.code,
            "title": area.title,
            "max": float(area.max_points),
            "own": float(submission.area_totals.get(area.code, 0)),
            "national": national_areas.get(area.code),
            "regional": region.areas.get(area.code) if region else None,
        }
        for area in spec.areas
    ]
    criteria = []
    for c in spec.criteria:
        figure = national_criteria.get(c.code)
        criteria.append(
            {
                "code": c.code,
                "title": c.title,
                "max": float(c.max_points),
                "own": scores.get(c.code),
                "national": figure["average"] if figure else None,
                "distribution": figure["distribution"] if figure else {},
                "regional": region.criteria.get(c.code) if region else None,
            }
        )
    trend = list(
        ReportSubmission.objects.current()
        .filter(report__center=center, report__status__in=FILED_STATUSES)
        .order_by("report__year")
        .values_list("report__year", "total_score")
    )
    return {
        "total": float(submission.total_score),
        "level": level_label(submission.quality_level),
        "published": national is not None,
        "national_average": national["average_score"] if national else None,
        "national_levels": {level_label(code): n for code, n in national["levels"].items()}
        if national
        else {},
        "submitted": national["submitted"] if national else None,
        "regional_average": region.average_score if region else None,
        "regional_hidden": region is None,
        "min_regional": MIN_REGIONAL_REPORTS,
        "share_below": share_below(year, center.kind, submission.total_score, as_of=as_of)
        if national
        else None,
        "areas": areas,
        "criteria": criteria,
        "trend": [(y, float(t)) for y, t in trend if t is not None],
    }


def benchmark_pdf(center, year, data=None):
    data = data or benchmark(center, year)  # for the centre: what is published
    return render_pdf("reports/benchmark_pdf.html", {"center": center, "year": year, "data": data})


def benchmark_send(report):
    """E-mail the centre's staff their benchmark PDF (after acceptance)."""
    data = benchmark(report.center, report.year)
    if data is None:
        return
    send_templated_mail(
        to=center_staff_emails(report.center),
        template="reports/email/benchmark",
        context={
            "report": report,
            "published": data["published"],
            "path": reverse("reports:benchmark", args=[report.center.license_number, report.year]),
        },
        attachments=[
            (
                f"benchmark-{report.center.license_number}-{report.year}.pdf",
                benchmark_pdf(report.center, report.year, data),
                "application/pdf",
            )
        ],
    )
