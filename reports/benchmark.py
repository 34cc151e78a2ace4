"""A centre's benchmark: its report against the national and regional figures of the
same year, and its trend. Only aggregates of others are shown; a regional figure
from fewer than 5 reports is hidden."""

from django.urls import reverse

from core.mail import send_templated_mail
from core.pdf import render_pdf
from selfassessment.models import FILED_STATUSES, ReportSubmission

from .cache import cached_statistics
from .rendering import LEVEL_LABELS
from .statistics import MIN_REGIONAL_REPORTS, region_averages, share_below


def benchmark(center, year):
    submission = (
        ReportSubmission.objects.filter(
            is_latest=True,
            report__center=center,
            report__year=year,
            report__status__in=FILED_STATUSES,
        )
        .select_related("report__framework")
        .first()
    )
    if submission is None or center.kind != "CPO":
        return None
    spec = submission.report.framework.spec
    national = cached_statistics(year, "CPO")
    region = region_averages(year, center.region)
    national_areas = {a["code"]: a["average"] for a in national["areas"]}
    national_criteria = {c["code"]: c for c in national["criteria"]}
    scores = submission.content.get("scores") or {}
    areas = [
        {
            "code": area.code,
            "title": area.title,
            "max": float(area.max_points),
            "own": float(submission.area_totals.get(area.code, 0)),
            "national": national_areas.get(area.code),
            "regional": region["areas"].get(area.code) if region else None,
        }
        for area in spec.areas
    ]
    criteria = [
        {
            "code": c.code,
            "title": c.title,
            "max": float(c.max_points),
            "own": scores.get(c.code),
            "national": national_criteria.get(c.code, {}).get("average"),
            "distribution": national_criteria.get(c.code, {}).get("distribution", {}),
            "regional": region["criteria"].get(c.code) if region else None,
        }
        for c in spec.criteria
    ]
    trend = list(
        ReportSubmission.objects.filter(
            is_latest=True, report__center=center, report__status__in=FILED_STATUSES
        )
        .order_by("report__year")
        .values_list("report__year", "total_score")
    )
    return {
        "total": float(submission.total_score),
        "level": LEVEL_LABELS.get(submission.quality_level, ""),
        "national_average": national["average_score"],
        "national_levels": {LEVEL_LABELS[k]: v for k, v in national["levels"].items()},
        "submitted": national["submitted"],
        "regional_average": region["average_score"] if region else None,
        "regional_hidden": region is None,
        "min_regional": MIN_REGIONAL_REPORTS,
        "share_below": share_below(year, submission.total_score),
        "areas": areas,
        "criteria": criteria,
        "trend": [(y, float(t)) for y, t in trend if t is not None],
    }


def benchmark_pdf(center, year, data=None):
    data = data or benchmark(center, year)
    return render_pdf("reports/benchmark_pdf.html", {"center": center, "year": year, "data": data})


def benchmark_send(report):
    """E-mail the centre's staff their benchmark PDF (after acceptance)."""
    from selfassessment.notifications import center_staff_emails

    data = benchmark(report.center, report.year)
    if data is None:
        return
    send_templated_mail(
        to=center_staff_emails(report.center),
        template="reports/email/benchmark",
        context={
            "report": report,
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
