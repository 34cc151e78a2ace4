"""State changes of frameworks and reports. Every change of a report goes through
here, so that version checks, the audit trail, snapshots and e-mails live in one place.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.selectors import validation_figures
from core.audit import audit
from core.concurrency import StaleVersion
from core.queue import enqueue_on_commit

from .content import (
    ContentError,
    content_clean,
    content_diff,
    content_merge,
    content_missing,
    content_score,
    empty_content,
)
from .deadlines import is_on_time
from .frameworks import FrameworkError, framework_parse
from .importing import read_reports_jsonl
from .models import (
    Area,
    Criterion,
    Framework,
    Indicator,
    Level,
    NarrativeSection,
    Report,
    ReportStatus,
    ReportSubmission,
    SubmissionAnswer,
    SubmissionScore,
)
from .selectors import framework_for, period_opens_on

# --- Frameworks ---------------------------------------------------------------


@transaction.atomic
def framework_load(*, data):
    """Load a framework file's JSON; return (framework, created).

    The same file twice changes nothing; a file whose code is loaded already with
    other content is refused, since reports keep the framework they were filed under.
    """
    spec = framework_parse(data)
    existing = Framework.objects.filter(code=spec.code).first()
    if existing is not None:
        if existing.definition == data:
            return existing, False
        raise FrameworkError(
            [f"{spec.code}: already loaded with other content; give a changed framework a new code"]
        )
    framework = Framework.objects.create(
        code=spec.code,
        kind=spec.kind,
        title=spec.title,
        approved_by=spec.approved_by,
        valid_from_year=spec.valid_from_year,
        max_points=spec.max_points,
        definition=data,
    )
    NarrativeSection.objects.bulk_create(
        NarrativeSection(framework=framework, code=s.code, title=s.title, position=i)
        for i, s in enumerate(spec.sections)
    )
    position = 0
    for area_position, area_spec in enumerate(spec.areas):
        area = Area.objects.create(
            framework=framework,
            code=area_spec.code,
            title=area_spec.title,
            max_points=area_spec.max_points,
            position=area_position,
        )
        for criterion_spec in area_spec.criteria:
            criterion = Criterion.objects.create(
                framework=framework,
                area=area,
                code=criterion_spec.code,
                title=criterion_spec.title,
                indicator=criterion_spec.indicator,
                max_points=criterion_spec.max_points,
                position=position,
            )
            position += 1
            Level.objects.bulk_create(
                Level(criterion=criterion, points=lv.points, label=lv.label, position=i)
                for i, lv in enumerate(criterion_spec.levels)
            )
    indicator_position = 0
    for criterion_position, criterion_spec in enumerate(spec.cipo_criteria):
        criterion = Criterion.objects.create(
            framework=framework,
            code=criterion_spec.code,
            title=criterion_spec.title,
            position=criterion_position,
        )
        for indicator_spec in criterion_spec.indicators:
            Indicator.objects.create(
                framework=framework,
                criterion=criterion,
                code=indicator_spec.code,
                title=indicator_spec.title,
                position=indicator_position,
            )
            indicator_position += 1
    return framework, True


# --- Reports ---------------------------------------------------------------------


def _clean_or_raise(spec, data):
    try:
        return content_clean(spec, data)
    except ContentError as exc:
        raise ValidationError(exc.errors) from exc


@transaction.atomic
def report_create(*, center, year, user, content=None, framework_code=None):
    """Open the draft of `center`'s report for `year` under the framework in force.

    Year Y opens on 1 January Y+1 unless the agency opened it earlier.
    """
    today = timezone.localdate()
    if today < period_opens_on(year):
        raise ValidationError(
            {
                "year": [
                    _("Подаването на докладите за %(year)s още не е започнало.") % {"year": year}
                ]
            }
        )
    framework = framework_for(center.kind, year)
    if framework is None:
        raise ValidationError({"year": [_("Няма рамка от критерии за %(year)s.") % {"year": year}]})
    if framework_code and framework_code != framework.code:
        raise ValidationError(
            {
                "framework": [
                    _("За %(year)s се прилага рамка %(code)s.")
                    % {"year": year, "code": framework.code}
                ]
            }
        )
    exists = ValidationError(
        {"year": [_("Докладът на центъра за %(year)s вече е създаден.") % {"year": year}]}
    )
    if Report.objects.filter(center=center, year=year).exists():
        raise exists
    spec = framework.spec
    cleaned = _from_the_centre(_clean_or_raise(spec, content or {}))
    try:
        # Two colleagues may open the report at the same moment: the unique
        # constraint decides, and the second is told, not shown a 500.
        with transaction.atomic():
            report = Report.objects.create(
                center=center,
                year=year,
                framework=framework,
                content=content_merge(empty_content(spec), cleaned),
            )
    except IntegrityError:
        raise exists from None
    audit(target=report, actor=user, action="create", changes=content_diff({}, report.content))
    return report


def _from_the_centre(cleaned):
    """What a centre may type: not the validation figures, which come from the
    validation procedures register when the report is submitted."""
    cleaned.pop("validation", None)
    return cleaned


def _lock(report, version):
    """The report's row, locked for this transaction, at the version the caller read."""
    # The framework comes along without its definition: its parsed spec is cached
    # per process, and decoding the large JSON on every autosave is a waste.
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("framework")
        .defer("framework__definition")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise StaleVersion(locked.version)
    return locked


def _ensure_editable(report):
    if not report.is_editable:
        raise ValidationError(
            {
                "status": [
                    _("Докладът е %(status)s и не може да се променя.")
                    % {"status": report.get_status_display()}
                ]
            },
            code="locked",
        )


@transaction.atomic
def report_update(*, report, user, version, changes):
    """Save content changes to a draft (or a returned report), based on `version`.

    A stale `version` raises StaleVersion and changes nothing. Returns the report,
    with its version raised when anything changed.
    """
    locked = _lock(report, version)
    _ensure_editable(locked)
    cleaned = _from_the_centre(_clean_or_raise(locked.framework.spec, changes))
    merged = content_merge(locked.content, cleaned)
    diff = content_diff(locked.content, merged)
    if diff:
        locked.content = merged
        locked.version += 1
        locked.save(update_fields=["content", "version", "updated_at"])
        audit(target=locked, actor=user, action="update", changes=diff)
    return locked


def submission_create(*, report, content, submitted_at, user, imported=False):
    """Store an immutable snapshot of `content` as the report's latest submission,
    with its scores or answers as rows for the statistics."""
    spec = report.framework.spec
    report.submissions.filter(is_latest=True).update(is_latest=False)
    result = content_score(spec, content)
    validation = content.get("validation") or {}
    submission = ReportSubmission.objects.create(
        report=report,
        number=report.submissions.count() + 1,
        submitted_at=submitted_at,
        submitted_by=user if user is not None and user.is_authenticated else None,
        on_time=is_on_time(submitted_at, report.year),
        content=content,
        total_score=result.total if result else None,
        quality_level=result.level if result else "",
        area_totals={k: str(v) for k, v in result.area_totals.items()} if result else {},
        validation_procedures=validation.get("procedures", 0),
        validation_persons=validation.get("persons", 0),
        imported=imported,
    )
    if spec.kind == "CPO":
        criteria = dict(
            Criterion.objects.filter(framework=report.framework).values_list("code", "pk")
        )
        SubmissionScore.objects.bulk_create(
            SubmissionScore(submission=submission, criterion_id=criteria[code], points=points)
            for code, points in (content.get("scores") or {}).items()
        )
    else:
        indicators = dict(
            Indicator.objects.filter(framework=report.framework).values_list("code", "pk")
        )
        comments = content.get("comments") or {}
        SubmissionAnswer.objects.bulk_create(
            SubmissionAnswer(
                submission=submission,
                indicator_id=indicators[code],
                value=value,
                comment=comments.get(code, ""),
            )
            for code, value in (content.get("answers") or {}).items()
        )
    return submission


@transaction.atomic
def report_submit(*, report, user, version=None):
    """Submit a complete draft or corrected report (art. 22(8) VET Act).

    Raises ValidationError listing everything missing. Filing after the deadline
    is allowed and marked late; on time is decided by the first submission.
    """
    from reports.cache import statistics_invalidate
    from review.services import after_submission

    from .tasks import send_submission_receipt

    locked = _lock(report, version)
    _ensure_editable(locked)
    if locked.framework.kind == "CPO":
        locked.content = {
            **locked.content,
            "validation": validation_figures(locked.center, locked.year),
        }
    missing = content_missing(locked.framework.spec, locked.content)
    if missing:
        raise ValidationError(missing)
    resubmitted = locked.status == ReportStatus.RETURNED
    now = timezone.now()
    submission = submission_create(
        report=locked, content=locked.content, submitted_at=now, user=user
    )
    locked.status = ReportStatus.SUBMITTED
    locked.first_submitted_at = locked.first_submitted_at or now
    locked.last_submitted_at = now
    locked.submitted_on_time = is_on_time(locked.first_submitted_at, locked.year)
    locked.version += 1
    locked.save(
        update_fields=[
            "content",
            "status",
            "first_submitted_at",
            "last_submitted_at",
            "submitted_on_time",
            "version",
            "updated_at",
        ]
    )
    audit(
        target=locked,
        actor=user,
        action="submit",
        changes={"submission": submission.number, "on_time": submission.on_time},
    )
    enqueue_on_commit(send_submission_receipt, submission.pk)
    transaction.on_commit(statistics_invalidate)
    after_submission(report=locked, submission=submission, resubmitted=resubmitted)
    return locked


@transaction.atomic
def reports_import(*, rows, user=None):
    """Upsert reports by (centre, year) from validated rows (selfassessment/importing.py).

    A row: {"center", "year", "framework" (model instances), "status", "submitted_at"
    (aware datetime or None for drafts), "content" (cleaned)}. A filed row gets its
    snapshot, as a submission would. A row equal to what is stored changes nothing.
    Returns an ImportSummary.
    """
    from centers.services import ImportSummary

    existing = {
        (r.center_id, r.year): r
        for r in Report.objects.filter(
            center__in={row["center"].pk for row in rows}, year__in={row["year"] for row in rows}
        )
    }
    from reports.cache import statistics_invalidate
    from review.services import flags_refresh

    created = updated = 0
    snapshots = []
    for row in rows:
        report = existing.get((row["center"].pk, row["year"]))
        content = content_merge(empty_content(row["framework"].spec), row["content"])
        submitted_at = row["submitted_at"]
        fields = {
            "framework": row["framework"],
            "status": row["status"],
            "content": content,
            "first_submitted_at": submitted_at,
            "last_submitted_at": submitted_at,
            "submitted_on_time": is_on_time(submitted_at, row["year"]) if submitted_at else None,
            "imported": True,
        }
        if report is None:
            report = Report.objects.create(center=row["center"], year=row["year"], **fields)
            action, created = "import", created + 1
        else:
            same = (
                report.framework_id == row["framework"].pk
                and report.status == row["status"]
                and report.content == content
                and report.first_submitted_at == submitted_at
            )
            if same:
                continue
            diff = content_diff(report.content, content)
            for name, value in fields.items():
                setattr(report, name, value)
            report.version += 1
            report.save()
            action, updated = "import-update", updated + 1
        latest = report.submissions.filter(is_latest=True).first()
        if submitted_at is not None:
            # A change of status alone keeps the snapshot: what was filed is the same.
            if latest is None or latest.content != content or latest.submitted_at != submitted_at:
                snapshots.append(
                    submission_create(
                        report=report,
                        content=content,
                        submitted_at=submitted_at,
                        user=user,
                        imported=True,
                    )
                )
        elif latest is not None:
            report.submissions.filter(is_latest=True).update(is_latest=False)
        audit(
            target=report,
            actor=user,
            action=action,
            changes=content_diff({}, content) if action == "import" else diff,
        )
    flags_refresh(submissions=snapshots)
    if created or updated:
        transaction.on_commit(statistics_invalidate)
    return ImportSummary(created=created, updated=updated, unchanged=len(rows) - created - updated)


def reports_import_file(*, data):
    """Validate and import a reports JSON Lines file, all or nothing (CONTRACT.md §1, §4).

    Raises centers.importing.ImportFileError, having changed nothing, when any line
    is invalid.
    """
    return reports_import(rows=read_reports_jsonl(data))
