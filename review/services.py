"""The agency's decisions on reports, and the flags of the automatic checks.

Every decision goes through here: the status change, the decision record with its
remarks, the audit entry and the e-mail, in one transaction.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.db.models.fields.json import KT
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit
from core.concurrency import StaleVersion
from core.queue import enqueue_on_commit
from reports.cache import statistics_invalidate
from selfassessment.models import Report, ReportStatus, ReportSubmission

from .checks import (
    MIN_REPORTS_FOR_USUAL,
    VALIDATION_SHARE_CRITERION,
    SubmittedVersion,
    run_checks,
)
from .models import Decision, DecisionKind, Flag, Remark

CORRECTION_DAYS = 14


# --- Flags -------------------------------------------------------------------------


def _usual_lengths(year, kind, sections):
    """Average length of each narrative section in the year's filed reports of a kind."""
    latest = ReportSubmission.objects.filter(
        is_latest=True, report__year=year, report__center__kind=kind
    )
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
    earlier = {}
    for previous in (
        ReportSubmission.objects.filter(is_latest=True, report__center_id__in=centers)
        .select_related("report")
        .order_by("report__year")
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


def after_submission(*, report, submission, resubmitted):
    """What follows a centre's submission: the checks, and the assigned expert is told
    of a corrected report."""
    from .tasks import send_resubmitted_email

    flags_refresh(submissions=[submission])
    if resubmitted and report.assigned_expert_id:
        enqueue_on_commit(send_resubmitted_email, report.pk)


# --- Decisions ---------------------------------------------------------------------


def _require_agency(user):
    if not (user.is_authenticated and user.is_agency):
        raise PermissionDenied(_("Само експертите на НАПОО вземат решения по докладите."))


def _lock(report, version):
    locked = (
        Report.objects.select_for_update().select_related("framework", "center").get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise StaleVersion(locked.version)
    return locked


def _require_status(report, status, message):
    if report.status != status:
        raise ValidationError({"status": [message % {"status": report.get_status_display()}]})


def _remark_fields(spec):
    fields = {f"narrative.{code}" for code in spec.section_codes}
    fields |= {f"scores.{c.code}" for c in spec.criteria}
    fields |= {f"answers.{code}" for code in spec.indicator_codes}
    return fields


def _clean_remarks(spec, remarks):
    allowed, cleaned, errors = _remark_fields(spec), [], []
    for i, remark in enumerate(remarks or []):
        field = (remark.get("field") or "").strip()
        text = (remark.get("text") or "").strip()
        if field and field not in allowed:
            errors.append(
                _("Забележка %(n)s: няма поле %(field)s в рамката.") % {"n": i + 1, "field": field}
            )
        elif not text:
            errors.append(_("Забележка %(n)s: текстът е празен.") % {"n": i + 1})
        else:
            cleaned.append({"field": field, "text": text})
    if errors:
        raise ValidationError({"remarks": errors})
    return cleaned


def _latest_number(report):
    return report.submissions.filter(is_latest=True).values_list("number", flat=True).first() or 0


@transaction.atomic
def report_return(*, report, expert, reason, remarks=(), due_date=None, version=None):
    """Return a submitted report for correction, with the required reason, optional
    remarks pinned to criteria or sections, and a due date (default 14 days)."""
    from .tasks import send_decision_email

    _require_agency(expert)
    locked = _lock(report, version)
    _require_status(
        locked, ReportStatus.SUBMITTED, _("Връща се само подаден доклад; този е %(status)s.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Посочете мотивите за връщането.")]})
    today = timezone.localdate()
    due_date = due_date or today + timedelta(days=CORRECTION_DAYS)
    if due_date < today:
        raise ValidationError({"due_date": [_("Срокът за корекция не може да е в миналото.")]})
    cleaned = _clean_remarks(locked.framework.spec, remarks)
    decision = Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.RETURNED,
        reason=reason,
        due_date=due_date,
        decided_by=expert,
    )
    Remark.objects.bulk_create(Remark(decision=decision, **r) for r in cleaned)
    locked.status = ReportStatus.RETURNED
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    audit(
        target=locked,
        actor=expert,
        action="return",
        changes={"reason": reason, "due_date": due_date.isoformat(), "remarks": cleaned},
    )
    enqueue_on_commit(send_decision_email, decision.pk)
    transaction.on_commit(statistics_invalidate)
    return locked


@transaction.atomic
def report_accept(*, report, expert, version=None):
    """Accept a submitted report: it is locked for everyone from now on. A ЦПО gets its
    benchmark against the national figures by e-mail."""
    from reports.tasks import send_benchmark

    from .tasks import send_decision_email

    _require_agency(expert)
    locked = _lock(report, version)
    _require_status(
        locked, ReportStatus.SUBMITTED, _("Приема се само подаден доклад; този е %(status)s.")
    )
    decision = Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.ACCEPTED,
        decided_by=expert,
    )
    locked.status = ReportStatus.ACCEPTED
    locked.accepted_at = decision.decided_at
    locked.version += 1
    locked.save(update_fields=["status", "accepted_at", "version", "updated_at"])
    audit(target=locked, actor=expert, action="accept")
    enqueue_on_commit(send_decision_email, decision.pk)
    transaction.on_commit(statistics_invalidate)
    if locked.center.kind == "CPO":
        enqueue_on_commit(send_benchmark, locked.pk)
    return locked


@transaction.atomic
def report_reopen(*, report, administrator, reason):
    """An administrator reopens an accepted report for review again, with a reason."""
    if not (administrator.is_authenticated and administrator.is_administrator):
        raise PermissionDenied(_("Само администратор може да отвори отново приет доклад."))
    locked = _lock(report, None)
    _require_status(
        locked, ReportStatus.ACCEPTED, _("Отваря се отново само приет доклад; този е %(status)s.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Посочете причината.")]})
    Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.REOPENED,
        reason=reason,
        decided_by=administrator,
    )
    locked.status = ReportStatus.SUBMITTED
    locked.accepted_at = None
    locked.version += 1
    locked.save(update_fields=["status", "accepted_at", "version", "updated_at"])
    audit(target=locked, actor=administrator, action="reopen", changes={"reason": reason})
    transaction.on_commit(statistics_invalidate)
    return locked


@transaction.atomic
def report_assign(*, report, expert, by):
    """An expert takes a report, or an administrator assigns it (None unassigns)."""
    _require_agency(by)
    if expert is not None and not expert.is_agency:
        raise ValidationError({"expert": [_("Докладите се разпределят на експерти на НАПОО.")]})
    if expert != by and not by.is_administrator:
        raise PermissionDenied(_("Само администратор разпределя доклади на други експерти."))
    locked = _lock(report, None)
    before = locked.assigned_expert
    locked.assigned_expert = expert
    locked.save(update_fields=["assigned_expert", "updated_at"])
    audit(
        target=locked,
        actor=by,
        action="assign",
        changes={"expert": [before.email if before else None, expert.email if expert else None]},
    )
    return locked
