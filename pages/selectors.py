"""What each role's start page shows: reading only, no HTTP.

For centre staff, `center_year_status` answers "where does this centre's report for
the open year stand, and what is the one thing to do next?"; for the agency,
`review_waiting` counts what waits in the queue and `agency_attention` lists what
needs an administrator (failed jobs, jobs kept while Redis is down, recent imports).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import centers_staffed_by
from centers.models import Center, Kind
from centers.selectors import validation_figures
from core.importing import recent_imports
from core.models import PendingTask
from reports.models import Analysis, AnalysisStatus
from review.selectors import campaign_progress, corrections_overdue, resubmitted_after_return
from selfassessment.deadlines import current_reporting_year, days_left, deadline
from selfassessment.models import Report, ReportStatus, ReportSubmission
from selfassessment.selectors import last_return


@dataclass
class NextAction:
    """The one button a start page offers: a link, or a form posted to `url`."""

    label: str
    url: str
    method: str = "get"
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class CenterYearStatus:
    """A centre's report for the open year, as its staff's start page shows it.

    `state` is one of not_started, draft, submitted, returned, accepted, annulled.
    """

    center: Center
    year: int
    deadline: datetime
    days_left: int
    state: str
    next_action: NextAction
    report: Report | None = None
    saved_at: datetime | None = None
    submitted_at: datetime | None = None
    on_time: bool | None = None
    remarks: int = 0
    due_date: date | None = None
    receipt: ReportSubmission | None = None
    validation: dict[str, int] | None = None

    @property
    def is_late(self) -> bool:
        """The deadline has passed (days left below zero)."""
        return self.days_left < 0

    @property
    def is_overdue(self) -> bool:
        """Late and still not filed: the report is „просрочен“."""
        return self.is_late and self.state in ("not_started", "draft")

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def correction_overdue(self) -> bool:
        return self.state == "returned" and self.due_date is not None and self.due_date < _today()

    @property
    def sort_key(self):
        # Returned reports with a due date come first, the earliest due first.
        if self.state == "returned" and self.due_date is not None:
            return (0, self.due_date, self.center.name)
        return (1, date.max, self.center.name)


def _today() -> date:
    return timezone.localdate()


def open_year(today: date | None = None) -> int:
    """The year being filed now (selfassessment/deadlines.py)."""
    return current_reporting_year(today or _today())


def center_year_status(center: Center, year: int, *, now: datetime | None = None):
    """Where `center`'s report for `year` stands and its next step (a CenterYearStatus).

    The deadline is art. 22(8) VET Act (deadlines.py); the report's state is its
    status, with the draft's last save, the first submission (on time or late), the
    last return (its remarks and due date) or the acceptance; the receipt is that of
    the latest submitted version; validation figures are the register's for the year
    (ЦПО only).
    """
    now = now or timezone.now()
    report = Report.objects.filter(center=center, year=year).select_related("framework").first()
    detail_url = reverse("selfassessment:detail", args=[report.pk]) if report else ""
    status = CenterYearStatus(
        center=center,
        year=year,
        deadline=deadline(year),
        days_left=days_left(now, year),
        state="not_started",
        report=report,
        next_action=NextAction(
            label=_("Започни доклада за %(year)s г.") % {"year": year},
            url=reverse("selfassessment:start"),
            method="post",
            fields={"center": str(center.pk)},
        ),
    )
    if center.kind == Kind.CPO:
        status.validation = validation_figures(center, year)
    if report is None:
        return status
    status.state = report.status
    status.submitted_at = report.first_submitted_at
    status.on_time = report.submitted_on_time
    status.receipt = report.submissions.current().first()
    if report.status == ReportStatus.DRAFT:
        status.saved_at = report.updated_at
        status.next_action = NextAction(_("Продължи попълването"), detail_url)
    elif report.status == ReportStatus.RETURNED:
        decision = last_return(report)
        if decision is not None:
            status.remarks = len(decision.remarks.all())
            status.due_date = decision.due_date
        status.next_action = NextAction(_("Поправи и подай отново"), detail_url)
    elif report.status == ReportStatus.SUBMITTED:
        status.submitted_at = report.last_submitted_at
        status.next_action = NextAction(_("Виж подадения доклад"), detail_url)
    else:
        status.next_action = NextAction(_("Виж доклада"), detail_url)
    return status


def center_statuses_for(user, *, now: datetime | None = None) -> list[CenterYearStatus]:
    """`center_year_status` of every centre `user` staffs, for the open year; returned
    reports with a due date first (the earliest due first), then by name."""
    now = now or timezone.now()
    year = open_year(timezone.localdate(now))
    statuses = [center_year_status(c, year, now=now) for c in centers_staffed_by(user)]
    return sorted(statuses, key=lambda s: s.sort_key)


def review_waiting(user) -> dict[str, int]:
    """What waits in the review queue, over all years: submitted reports assigned to
    `user`, submitted reports nobody has taken, reports submitted again after a
    return, and returned reports whose correction is overdue."""
    waiting = Report.objects.filter(status=ReportStatus.SUBMITTED)
    return {
        "mine": waiting.filter(assigned_expert=user).count(),
        "unassigned": waiting.filter(assigned_expert=None).count(),
        "resubmitted": resubmitted_after_return(Report.objects.all()).count(),
        "overdue": corrections_overdue(Report.objects.all(), _today()).count(),
    }


def campaign_bar(year: int) -> dict[str, object]:
    """The open year's progress (review/selectors.py `campaign_progress`) with the
    share of each part of the bar: on time, late, missing, in percent of the widest
    of expected and the parts' sum (a centre may file without being expected)."""
    figures = campaign_progress(year)
    whole = max(figures["expected"], figures["on_time"] + figures["late"] + figures["not_filed"])
    share = {
        part: (round(figures[part] * 100 / whole, 1) if whole else 0)
        for part in ("on_time", "late", "not_filed")
    }
    return {**figures, "share": share}


def agency_attention(*, limit: int = 5) -> dict[str, object]:
    """What needs an administrator: analyses that failed, jobs kept in the database
    while the broker (Redis) was unreachable (core/queue.py), and the last imports."""
    failed = Analysis.objects.filter(status=AnalysisStatus.FAILED).defer("statistics")
    pending = PendingTask.objects.order_by("pk")
    oldest = pending.first()
    return {
        "failed_analyses": list(failed.order_by("-created_at")[:limit]),
        "failed_count": failed.count(),
        "pending_count": pending.count(),
        "pending_since": oldest.created_at if oldest else None,
        "imports": recent_imports(limit=limit),
    }
