"""The agency's pages: the review queue, a report's review, the campaign dashboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import agency_required, may_annul, may_reopen
from centers.models import Kind
from core.concurrency import StaleVersion
from core.spreadsheets import csv_response, xlsx_response
from core.years import FIRST_YEAR, LAST_YEAR
from reports.charts import bar_chart
from selfassessment.deadlines import current_reporting_year
from selfassessment.models import FILED_STATUSES, QualityLevel
from selfassessment.presenters import report_layout
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


@agency_required
def report_review(request, pk):
    report = get_object_or_404(review_queue(), pk=pk)
    spec = report.framework.spec
    latest = report.submissions.current().first()
    return render(
        request,
        "review/report_review.html",
        {
            "report": report,
            "latest": latest,
            "content": latest.content if latest else report.content,
            "validation": (latest.content if latest else report.content).get("validation"),
            "layout": report_layout(spec, latest.content if latest else report.content),
            "level_label": LEVELS.get(report.level, ""),
            "flags": flags_of(report),
            "diff": _diff_rows(spec, last_two_versions_diff(report)),
            "decisions": report.decisions.select_related("decided_by").prefetch_related("remarks"),
            "return_form": ReturnForm(),
            "remark_formset": RemarkFormSet(form_kwargs={"spec": spec}, prefix="remarks"),
            "assign_form": AssignForm(initial={"expert": report.assigned_expert}),
            "reopen_form": ReopenForm(),
            "can_annul": may_annul(request.user) and report.status in FILED_STATUSES,
            "annul_form": AnnulForm(),
        },
    )


def _diff_rows(spec, diff):
    if diff is None:
        return None
    previous, latest, changes = diff
    labels = {f"scores.{c.code}": f"{c.code}. {c.title}" for c in spec.criteria}
    labels.update({f"answers.{i.code}": f"{i.code}. {i.title}" for i in spec.indicators})
    labels.update(
        {
            f"comments.{i.code}": _("Коментар към %(code)s") % {"code": i.code}
            for i in spec.indicators
        }
    )
    labels.update({f"narrative.{s.code}": s.title for s in spec.sections})
    labels.update(
        {
            "validation.procedures": _("Процедури по валидиране"),
            "validation.persons": _("Лица във валидиране"),
        }
    )
    return {
        "previous": previous,
        "latest": latest,
        "rows": [(key, labels.get(key, key), old, new) for key, (old, new) in changes.items()],
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
@require_POST
def report_accept_view(request, pk):
    def accept(report):
        report_accept(report=report, expert=request.user, version=_version(request))
        messages.success(request, _("Докладът е приет."))

    return _decide(request, pk, accept)


@agency_required
@require_POST
def report_return_view(request, pk):
    report = get_object_or_404(review_queue(), pk=pk)
    spec = report.framework.spec
    form = ReturnForm(request.POST)
    formset = RemarkFormSet(request.POST, form_kwargs={"spec": spec}, prefix="remarks")
    if not (form.is_valid() and formset.is_valid()):
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("review:detail", pk)
    remarks = [
        {"field": f.cleaned_data.get("field", ""), "text": f.cleaned_data.get("text", "")}
        for f in formset
        if (f.cleaned_data.get("text") or "").strip()
    ]

    def send_back(report):
        report_return(
            report=report,
            expert=request.user,
            reason=form.cleaned_data["reason"],
            remarks=remarks,
            due_date=form.cleaned_data["due_date"],
            version=_version(request),
        )
        messages.success(request, _("Докладът е върнат за корекция."))

    return _decide(request, pk, send_back)


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


@agency_required
def campaign_dashboard(request):
    year, kind = _year_and_kind(request)
    figures = campaign(year, kind)
    series = filings_per_day_series(figures["per_day"], year)
    chart = bar_chart(
        [day.strftime("%d.%m") for day, _n in series],
        [n for _day, n in series],
        title=_("Подадени доклади по дни до срока"),
        rotate=60,
        annotate=False,
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            f"missing-{year}",
            ["Лицензия", "Център", "Вид", "Област", "Община", "Е-поща", "Телефон"],
            (
                [c.license_number, c.name, c.kind, c.region_name, c.municipality, c.email, c.phone]
                for c in figures["missing"]
            ),
        )
    return render(
        request,
        "review/campaign.html",
        {
            "figures": figures,
            "missing": figures["missing"][:500],
            "chart": chart,
            "year": year,
            "kind": kind,
            "years": range(current_reporting_year(timezone.localdate()), 2017, -1),
            "kinds": Kind.choices,
        },
    )
