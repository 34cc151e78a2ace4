"""Reading reports and frameworks. Permission scoping lives here, once."""

from django.db.models import Q

from .deadlines import default_opening
from .models import Framework, Report, ReportingPeriod, ReportSubmission


def reports_visible_to(user):
    """Agency users see every report; centre staff only their centres' reports."""
    reports = Report.objects.select_related("center", "framework")
    if not user.is_authenticated:
        return reports.none()
    if user.is_agency:
        return reports
    return reports.filter(center__staff=user)


def reports_editable_by(user):
    """Reports whose content `user` may change: only their own centres' staff."""
    if not user.is_authenticated or not user.is_center_staff:
        return Report.objects.none()
    return Report.objects.filter(center__staff=user)


def framework_for(kind, year):
    """The framework in force for `kind` in `year`: the latest valid from that year or before."""
    return (
        Framework.objects.filter(kind=kind, valid_from_year__lte=year)
        .order_by("-valid_from_year")
        .first()
    )


def period_opens_on(year):
    period = ReportingPeriod.objects.filter(year=year).first()
    return period.opens_on if period else default_opening(year)


def previous_submission(report):
    """The centre's latest submitted content for the nearest earlier year."""
    return (
        ReportSubmission.objects.filter(
            is_latest=True, report__center_id=report.center_id, report__year__lt=report.year
        )
        .select_related("report")
        .order_by("-report__year")
        .first()
    )


def latest_submission(report):
    return report.submissions.filter(is_latest=True).first()


def centers_with_open_year(user, year):
    """The user's centres and their report for `year` (None when not started)."""
    from centers.models import Center

    centers = Center.objects.filter(staff=user).order_by("name")
    reports = {r.center_id: r for r in Report.objects.filter(Q(center__in=centers), year=year)}
    return [(center, reports.get(center.pk)) for center in centers]


def report_validation(report):
    """The validation figures a report shows: from the register while the centre
    can still change the report, as submitted (or imported) once filed."""
    from centers.selectors import validation_figures

    if report.framework.kind != "CPO":
        return None
    if report.is_editable:
        return validation_figures(report.center, report.year)
    return report.content.get("validation") or {"procedures": 0, "persons": 0}
