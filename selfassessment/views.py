"""Report pages: centre staff fill and submit; agency users read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import centers_staffed_by
from core.audit import audit_trail
from core.concurrency import StaleVersion
from core.downloads import content_disposition
from core.queue import enqueue

from .content import content_missing
from .deadlines import current_reporting_year, days_left, deadline, is_on_time
from .forms import ReportForm
from .kinds import kind_of
from .labels import action_label, content_label, content_sorted
from .models import QualityLevel
from .presenters import error_links, quality_bands, report_layout
from .receipts import receipt_filename
from .selectors import (
    centers_with_open_year,
    last_return,
    latest_submission,
    previous_submission,
    remarks_by_field,
    report_validation,
    reports_editable_by,
    reports_visible_to,
)
from .tasks import build_receipt
from .transitions import report_create, report_submit, report_update


def _deadline_context(report):
    now = timezone.now()
    return {
        "deadline": deadline(report.year),
        "days_left": days_left(now, report.year),
        "would_be_on_time": (
            report.submitted_on_time if report.first_submitted_at else is_on_time(now, report.year)
        ),
    }


# How many changed fields one history line names before it says "and N more".
HISTORY_FIELDS_SHOWN = 5


def _history(report):
    """The report's change history as people read it: Bulgarian actions and the
    titles of the criteria and sections changed (labels.py), never content paths."""
    spec = report.framework.spec
    history = []
    for entry in audit_trail(report)[:100]:
        paths = content_sorted(spec, (k for k in entry.changes if "." in k))
        history.append(
            {
                "at": entry.created_at,
                "actor": entry.actor,
                "action": action_label(entry.action),
                "fields": [content_label(spec, p) for p in paths[:HISTORY_FIELDS_SHOWN]],
                "more_fields": max(len(paths) - HISTORY_FIELDS_SHOWN, 0),
            }
        )
    return history


def _level_label(score):
    return dict(QualityLevel.choices).get(score.level, "") if score else ""


def _can_edit(user, report):
    return report.is_editable and reports_editable_by(user).filter(pk=report.pk).exists()


@login_required
def report_list(request):
    user = request.user
    year = current_reporting_year(timezone.localdate())
    reports = reports_visible_to(user).order_by("-year", "center__name")
    context = {"year": year, "reports": reports[:200]}
    if user.is_center_staff:
        context["open_year"] = centers_with_open_year(user, year)
    return render(request, "selfassessment/report_list.html", context)


@login_required
@require_POST
def report_start(request):
    """Open the draft for one of the user's centres and the current year."""
    center = get_object_or_404(centers_staffed_by(request.user), pk=request.POST.get("center"))
    year = current_reporting_year(timezone.localdate())
    try:
        report = report_create(center=center, year=year, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("selfassessment:list")
    return redirect("selfassessment:detail", report.pk)


def _return_context(report):
    """The expert's last return of this report, while the centre corrects it."""
    decision = last_return(report) if report.status == "returned" else None
    return decision, remarks_by_field(decision)


def _render_form(request, report, form, *, errors=None, status=200):
    spec = report.framework.spec
    previous = previous_submission(report)
    content = report.content
    decision, remarks = _return_context(report)
    layout = report_layout(
        spec, content, previous.content if previous else None, form=form, remarks=remarks
    )
    context = {
        "return_decision": decision,
        "general_remarks": remarks.get("", []),
        "report": report,
        "form": form,
        "layout": layout,
        "previous": previous,
        "bands": quality_bands(spec),
        "error_links": error_links(errors or {}, spec),
        "level_label": _level_label(layout["score"]),
        "history": _history(report),
        "validation": report_validation(report),
        **_deadline_context(report),
    }
    return render(request, "selfassessment/report_form.html", context, status=status)


def _render_readonly(request, report):
    """What others read is the latest submitted content, not a draft in progress."""
    spec = report.framework.spec
    submission = latest_submission(report)
    content = submission.content if submission else report.content
    previous = previous_submission(report)
    layout = report_layout(spec, content, previous.content if previous else None)
    return render(
        request,
        "selfassessment/report_detail.html",
        {
            "report": report,
            "content": content,
            "validation": content.get("validation") if submission else report_validation(report),
            "layout": layout,
            "level_label": _level_label(layout["score"]),
            "submission": submission,
            "submissions": report.submissions.order_by("-number"),
            "previous": previous,
            "history": _history(report),
            **_deadline_context(report),
        },
    )


@login_required
def report_detail(request, pk):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not _can_edit(request.user, report):
        if request.method == "POST":
            raise PermissionDenied
        return _render_readonly(request, report)
    spec = report.framework.spec
    if request.method != "POST":
        return _render_form(
            request, report, ReportForm(initial=ReportForm.initial_from(report), spec=spec)
        )

    form = ReportForm(request.POST, spec=spec)
    if not form.is_valid():
        messages.error(request, _("Нищо не е запазено: поправете отбелязаните полета."))
        return _render_form(request, report, form, errors=form.errors, status=400)
    try:
        report = report_update(
            report=report,
            user=request.user,
            version=form.cleaned_data["version"],
            changes=form.content_changes(),
        )
    except StaleVersion as conflict:
        messages.error(request, conflict.message)
        return _render_form(request, report, form, status=409)
    except ValidationError as exc:
        form.add_service_errors(exc.message_dict)
        messages.error(request, _("Нищо не е запазено: поправете отбелязаните полета."))
        return _render_form(request, report, form, errors=exc.message_dict, status=400)

    if request.POST.get("action") == "submit":
        missing = content_missing(spec, report.content)
        if missing:
            # Show what was typed (now saved), at the version the save produced.
            data = request.POST.copy()
            data["version"] = report.version
            form = ReportForm(data, spec=spec)
            form.is_valid()
            form.add_service_errors(missing)
            messages.warning(
                request,
                _(
                    "Промените са запазени, но докладът още не може да бъде подаден: "
                    "попълнете изброените части."
                ),
            )
            return _render_form(request, report, form, errors=missing, status=400)
        return redirect("selfassessment:confirm", report.pk)
    messages.success(
        request,
        _("Черновата е запазена в %(time)s.")
        % {"time": time_format(timezone.localtime(), "H:i:s")},
    )
    return redirect("selfassessment:detail", report.pk)


@login_required
def report_confirm(request, pk):
    """The last step: the total, the level and whether the filing is on time."""
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            report = report_submit(report=report, user=request.user, version=version)
        except StaleVersion as conflict:
            messages.error(request, conflict.message)
            return redirect("selfassessment:detail", report.pk)
        except ValidationError:
            messages.error(request, _("Докладът не е пълен; попълнете изброените части."))
            return redirect("selfassessment:detail", report.pk)
        messages.success(request, _("Докладът е подаден. Разписката е изпратена и на е-пощата ви."))
        return redirect("selfassessment:detail", report.pk)
    spec = report.framework.spec
    if content_missing(spec, report.content):
        return redirect("selfassessment:detail", report.pk)
    score = kind_of(spec).score(spec, report.content)
    previous = previous_submission(report)
    return render(
        request,
        "selfassessment/report_confirm.html",
        {
            "report": report,
            "content": report.content,
            "validation": report_validation(report),
            "score": score,
            "level_label": _level_label(score),
            "previous": previous,
            "layout": report_layout(spec, report.content, previous.content if previous else None),
            **_deadline_context(report),
        },
    )


# Seconds the "being prepared" page waits before it asks again.
RECEIPT_RETRY_AFTER = 5


def _ask_for_receipt(submission):
    """Queue the build of a receipt that is not there yet (an imported submission, or
    one whose build was lost), once per few minutes however often it is asked for."""
    try:
        first_ask = cache.add(f"receipt-build:{submission.pk}", 1, timeout=300)
    except Exception:  # a cache outage must not keep the receipt from being built
        first_ask = True
    if first_ask:
        enqueue(build_receipt, submission.pk)


@login_required
def report_receipt(request, pk, number):
    """The stored receipt of a submission; while it is being built, a page that says
    so (202) and refreshes itself. The PDF is built by a background job, not in the
    request (unless there is no broker at all: then jobs run in-process)."""
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    submission = report.submissions.filter(number=number).first()
    if submission is None:
        raise Http404
    if not submission.receipt:
        _ask_for_receipt(submission)
        # Without a broker (REDIS_URL unset) the job ran in-process just now.
        submission.refresh_from_db(fields=["receipt"])
    if not submission.receipt:
        pending = render(
            request,
            "selfassessment/receipt_pending.html",
            {"report": report, "submission": submission, "retry_after": RECEIPT_RETRY_AFTER},
            status=202,
        )
        pending["Retry-After"] = str(RECEIPT_RETRY_AFTER)
        return pending
    with submission.receipt.open("rb") as receipt:
        response = HttpResponse(receipt.read(), content_type="application/pdf")
    # The licence number is the agency's data but not ours to trust in a header.
    response["Content-Disposition"] = content_disposition(
        receipt_filename(submission), as_attachment=False
    )
    return response
