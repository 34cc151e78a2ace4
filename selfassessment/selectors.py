"""Reading reports and frameworks. Permission scoping lives here, once."""

from datetime import date

from django.db.models import Q

from accounts.permissions import centers_staffed_by, editable_by, visible_to
from centers.selectors import validation_figures

from .deadlines import default_opening
from .kinds import kind_of
from .models import (
    FILED_STATUSES,
    DecisionKind,
    Framework,
    Report,
    ReportingPeriod,
    ReportSubmission,
)


def reports_visible_to(user):
    """Agency users see every report; centre staff only their centres' reports
    (the rule: accounts/permissions.py)."""
    return visible_to(user, Report.objects.select_related("center", "framework"))


def reports_editable_by(user):
    """Reports whose content `user` may change: only their own centres' staff."""
    return editable_by(user, Report.objects.all())


def framework_for(kind: str, year: int) -> Framework | None:
    """The framework in force for `kind` in `year`: the latest valid from that year or before."""
    return (
        Framework.objects.filter(kind=kind, valid_from_year__lte=year)
        .order_by("-valid_from_year")
        .first()
    )


def period_opens_on(year: int) -> date:
    period = ReportingPeriod.objects.filter(year=year).first()
    return period.opens_on if period else default_opening(year)


def previous_submission(report):
    """The centre's latest submitted content for the nearest earlier year."""
    return (
        ReportSubmission.objects.current()
        .filter(
            report__center_id=report.center_id,
            report__year__lt=report.year,
            report__status__in=FILED_STATUSES,
        )
        .select_related("report")
        .order_by("-report__year")
        .first()
    )


def latest_submission(report):
    return report.submissions.current().first()


def centers_with_open_year(user, year):
    """The user's centres and their report for `year` (None when not started)."""
    centers = centers_staffed_by(user).order_by("name")
    reports = {r.center_id: r for r in Report.objects.filter(Q(center__in=centers), year=year)}
    return [(center, reports.get(center.pk)) for center in centers]


def report_validation(report):
    """The validation figures a report shows: from the register while the centre
    can still change the report, as submitted (or imported) once filed."""
    if not kind_of(report.framework.spec).has_validation:
        return None
    if report.is_editable:
        return validation_figures(report.center, report.year)
    return report.content.get("validation") or {"procedures": 0, "persons": 0}


def last_return(report):
    """The agency's last return of `report` (its reason, due date and remarks)."""
    return (
        report.decisions.filter(kind=DecisionKind.RETURNED)
        .prefetch_related("remarks")
        .order_by("-decided_at", "-pk")
        .first()
    )


def remarks_by_field(decision):
    """{content key or "": [texts]} of a return's remarks."""
    found: dict[str, list[str]] = {}
    for remark in decision.remarks.all() if decision else []:
        found.setdefault(remark.field, []).append(remark.text)
    return found
