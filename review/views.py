"""The agency's pages: the review queue, a report's review, the campaign dashboard."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import agency_required, may_annul, may_reopen
from centers.models import Kind
from core.concurrency import StaleVersion
from core.spreadsheets import csv_response, xlsx_response
from core.years import FIRST_YEAR, LAST_YEAR
from reports.charts import bar_chart
from reports.practices import practice_mark
from selfassessment.deadlines import current_reporting_year
from selfassessment.labels import content_label
from selfassessment.models import FILED_STATUSES, QualityLevel, ReportStatus
from selfassessment.presenters import report_layout
from selfassessment.selectors import previous_submission
from selfassessment.transitions import (
    report_accept,
    report_annul,
    report_assign,
    report_reopen,
    report_return,
)

from .filters import QueueFilter
from .forms import AnnulForm, AssignForm, RemarkFormSet, ReopenForm, ReturnForm
from .selectors import (
    campaign,
    filings_per_day_series,
    flags_of,
    last_two_versions_diff,
    review_queue,
)

LEVELS = dict(QualityLevel.choices)


def _queue(request):
    queue_filter = QueueFilter(request.GET, queryset=review_queue())
    reports = queue_filter.qs if queue_filter.is_valid() else review_queue().none()
    if not request.GET.get("sort"):
        reports = reports.order_by("-year", "first_submitted_at")
    return queue_filter, reports


@agency_required
def queue(request):
    queue_filter, reports = _queue(request)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "review/queue.html",
        {"filter": queue_filter, "page": page, "query": query.urlencode(), "levels": LEVELS},
    )


EXPORT_HEADERS = [
    "Лицензия",
    "Център",
    "Вид",
    "Област",
    "Година",
    "Първо подаване",
    "Статус",
    "Точки",
    "Ниво",
    "В срок",
    "Сигнали",
    "Експерт",
    "Последна забележка",
]


def _export_rows(reports):
    for r in reports.iterator(chunk_size=500):
        yield [
            r.center.license_number,
            r.center.name,
            r.center.kind,
            r.center.region,
            r.year,
            r.first_submitted_at,
            r.get_status_display(),
            r.total,
            LEVELS.get(r.level, ""),
            {True: "да", False: "не"}.get(r.submitted_on_time, ""),
            r.flag_count or 0,
            r.assigned_expert.email if r.assigned_expert else "",
            r.last_remark or r.last_reason or "",
        ]


@agency_required
def queue_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _filter, reports = _queue(request)
    name = f"reports-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(name, EXPORT_HEADERS, _export_rows(reports), title="Доклади")
    return csv_response(name, EXPORT_HEADERS, _export_rows(reports))


PRACTICES_TEMPLATE = "review/includes/practices.html"


def _practices_template():
    """The good-practice panel of the review screen, when that part is installed."""
    try:
        get_template(PRACTICES_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return PRACTICES_TEMPLATE


def _decisions(report, spec):
    """The report's decisions, each remark carrying the name of what it is pinned to."""
    decisions = list(report.decisions.select_related("decided_by").prefetch_related("remarks"))
    for decision in decisions:
        for remark in decision.remarks.all():
            remark.label = content_label(spec, remark.field) if remark.field else ""
    return decisions


def _review_context(request, report, *, return_form=None, remark_formset=None):
    spec = report.framework.spec
    latest = report.submissions.current().first()
    content = latest.content if latest else report.content
    previous = previous_submission(report)
    layout = report_layout(spec, content, previous.content if previous else None)
    if remark_formset is None:
        remark_formset = RemarkFormSet(form_kwargs={"spec": spec}, prefix="remarks")
    return {
        "report": report,
        "latest": latest,
        "previous": previous,
        "content": content,
        "validation": content.get("validation"),
        "layout": layout,
        "level_label": LEVELS.get(report.level, ""),
        "flags": flags_of(report),
        "diff": _diff_rows(spec, last_two_versions_diff(report)),
        "decisions": _decisions(report, spec),
        "may_assign": report.status in (ReportStatus.SUBMITTED, ReportStatus.RETURNED),
        "return_form": return_form or ReturnForm(),
        "remark_formset": remark_formset,
        "assign_form": AssignForm(initial={"expert": report.assigned_expert}),
        "reopen_form": ReopenForm(),
        "can_annul": may_annul(request.user) and report.status in FILED_STATUSES,
        "annul_form": AnnulForm(),
        "practices_template": _practices_template(),
    }


@agency_required
def report_review(request, pk):
    report = get_object_or_404(review_queue(), pk=pk)
    return render(request, "review/report_review.html", _review_context(request, report))


def _diff_rows(spec, diff):
    if diff is None:
        return None
    previous, latest, changes = diff
    return {
        "previous": previous,
        "latest": latest,
        "rows": [(key, content_label(spec, key), old, new) for key, (old, new) in changes.items()],
    }


def _decide(request, pk, action):
    report = get_object_or_404(review_queue(), pk=pk)
    try:
        action(report)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    except StaleVersion as conflict:
        messages.error(request, conflict.message)
    return redirect("review:detail", pk)


def _version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@agency_required
@require_http_methods(["GET", "POST"])
def report_accept_view(request, pk):
    """Acceptance in two steps, without script: this page says that the report will be
    locked and asks for confirmation; only the confirmed form accepts."""
    report = get_object_or_404(review_queue(), pk=pk)
    if report.status != ReportStatus.SUBMITTED:
        messages.error(
            request,
            _("Приема се само подаден доклад; този е %(status)s.")
            % {"status": report.get_status_display()},
        )
        return redirect("review:detail", pk)
    if request.method == "POST" and request.POST.get("confirm") == "1":

        def accept(report):
            report_accept(report=report, expert=request.user, version=_version(request))
            messages.success(request, _("Докладът е приет и заключен."))

        return _decide(request, pk, accept)
    return render(
        request,
        "review/accept_confirm.html",
        {
            "report": report,
            "level_label": LEVELS.get(report.level, ""),
            "flags": flags_of(report),
        },
    )


def _return_remarks(formset):
    """The remark rows the expert used: a row with a name chosen but no text goes to
    the service too, which says which one is empty."""
    return [
        {"field": f.cleaned_data.get("field", ""), "text": f.cleaned_data.get("text", "")}
        for f in formset
        if (f.cleaned_data.get("text") or "").strip() or f.cleaned_data.get("field")
    ]


@agency_required
@require_POST
def report_return_view(request, pk):
    """Send a report back; on any error the review screen comes back with what was
    typed and the errors beside their fields (400), nothing lost."""
    report = get_object_or_404(review_queue(), pk=pk)
    spec = report.framework.spec
    form = ReturnForm(request.POST)
    formset = RemarkFormSet(request.POST, form_kwargs={"spec": spec}, prefix="remarks")

    def again():
        messages.error(request, _("Докладът не е върнат: поправете отбелязаните полета."))
        context = _review_context(request, report, return_form=form, remark_formset=formset)
        return render(request, "review/report_review.html", context, status=400)

    if not (form.is_valid() and formset.is_valid()):
        return again()
    try:
        report_return(
            report=report,
            expert=request.user,
            reason=form.cleaned_data["reason"],
            remarks=_return_remarks(formset),
            due_date=form.cleaned_data["due_date"],
            version=_version(request),
        )
    except StaleVersion as conflict:
        messages.error(request, conflict.message)
        return redirect("review:detail", pk)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                if field in form.fields:
                    form.add_error(field, error)
                else:
                    formset.non_form_errors().append(error)
        return again()
    messages.success(request, _("Докладът е върнат за корекция."))
    return redirect("review:detail", pk)


@agency_required
@require_POST
def report_assign_view(request, pk):
    form = AssignForm(request.POST)
    if request.POST.get("take"):
        expert = request.user
    elif form.is_valid():
        expert = form.cleaned_data["expert"]
    else:
        return redirect("review:detail", pk)

    def assign(report):
        report_assign(report=report, expert=expert, by=request.user)
        messages.success(request, _("Експертът е определен."))

    try:
        return _decide(request, pk, assign)
    except PermissionDenied:
        messages.error(request, _("Само администратор разпределя доклади на други експерти."))
        return redirect("review:detail", pk)


@agency_required
@require_POST
def report_reopen_view(request, pk):
    if not may_reopen(request.user):
        raise PermissionDenied
    form = ReopenForm(request.POST)

    def reopen(report):
        if not form.is_valid():
            raise ValidationError({"reason": [_("Посочете причината.")]})
        report_reopen(report=report, administrator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Докладът е отворен отново за преглед."))

    return _decide(request, pk, reopen)


@agency_required
@require_POST
def report_annul_view(request, pk):
    if not may_annul(request.user):
        raise PermissionDenied
    report = get_object_or_404(review_queue(), pk=pk)
    form = AnnulForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("review:detail", pk)
    try:
        report_annul(report=report, administrator=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect("review:detail", pk)
    messages.success(request, _("Докладът е анулиран и вече не се отчита."))
    # An annulled report leaves the review queue; the agency reads it on its page.
    return redirect("selfassessment:detail", pk)


def _year_and_kind(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = current_reporting_year(timezone.localdate())
    year = min(max(year, FIRST_YEAR), LAST_YEAR)
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
    return year, kind


MISSING_HEADERS = ["Лицензия", "Център", "Вид", "Област", "Община", "Е-поща", "Телефон"]


@agency_required
def campaign_dashboard(request):
    """The campaign of a year; the centres that have not filed are searched and paged
    here (about 850 in a year with no filings) and downloaded whole (CSV, XLSX)."""
    year, kind = _year_and_kind(request)
    figures = campaign(year, kind)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        rows = (
            [c.license_number, c.name, c.kind, c.region_name, c.municipality, c.email, c.phone]
            for c in figures["missing"]
        )
        if export == "csv":
            return csv_response(f"missing-{year}", MISSING_HEADERS, rows)
        return xlsx_response(f"missing-{year}", MISSING_HEADERS, rows, title=f"Неподали {year}")
    series = filings_per_day_series(figures["per_day"], year)
    chart = bar_chart(
        [day.strftime("%d.%m") for day, _n in series],
        [n for _day, n in series],
        title=_("Подадени доклади по дни до срока"),
        rotate=60,
        annotate=False,
    )
    search = request.GET.get("q", "").strip()[:100]
    missing = figures["missing"].search(search) if search else figures["missing"]
    page = Paginator(missing, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    base = {"year": year, **({"kind": kind} if kind else {})}
    return render(
        request,
        "review/campaign.html",
        {
            "figures": figures,
            "page": page,
            "search": search,
            "query": query.urlencode(),
            "download": urlencode(base),
            "chart": chart,
            "year": year,
            "kind": kind,
            "years": range(current_reporting_year(timezone.localdate()), 2017, -1),
            "kinds": Kind.choices,
        },
    )


@agency_required
@require_POST
def report_practice_view(request, pk):
    """Mark a passage of the report's narrative as a good practice (reports/practices.py)."""
    report = get_object_or_404(review_queue(), pk=pk)
    try:
        practice_mark(
            report=report,
            section=request.POST.get("section", ""),
            passage=request.POST.get("passage", ""),
            note=request.POST.get("note", ""),
            user=request.user,
        )
        messages.success(request, _("Откъсът е отбелязан като добра практика."))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return redirect(f"{reverse('review:detail', args=[pk])}#good-practices")
