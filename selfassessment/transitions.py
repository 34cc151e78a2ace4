"""The report's life: every state change of a report, one function each.

    (none) --create--> draft --update--> draft --submit--> submitted
    submitted --return--> returned --update/submit--> submitted
    submitted --accept--> accepted --reopen--> submitted
    submitted/returned/accepted --annul--> annulled (counts nowhere; read-only)
    any --assign-->  same state, another expert
    import: whatever state the agency's file says (history)

Each transition runs in one transaction: it locks the report's row at the version
the caller read (a stale version changes nothing), checks who may do it
(accounts/permissions.py), changes the report, writes the audit entry and, once
the transaction commits, announces the change (signals.py). What other apps do
after a change (checks, cache, e-mails) hangs on that announcement.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import (
    Denied,
    may_annul,
    may_assign,
    may_decide,
    may_reopen,
    require,
)
from centers.models import Center
from centers.selectors import center_was_licensed_in, validation_figures
from core.audit import audit, audit_many
from core.bulk import insert_instances, insert_rows, tables_analyze, update_rows
from core.concurrency import StaleVersion
from core.importing import (
    ImportFileError,
    ImportSummary,
    Progress,
    import_record,
    no_progress,
)
from core.text import text_problem

from .content import (
    ContentError,
    content_clean,
    content_diff,
    content_merge,
    content_missing,
    printable,
)
from .counting import counting
from .deadlines import current_reporting_year, is_on_time
from .frameworks import FrameworkSpec
from .importing import read_reports_jsonl
from .kinds import Content, kind_of
from .models import (
    FILED_STATUSES,
    Criterion,
    Decision,
    DecisionKind,
    Indicator,
    Remark,
    Report,
    ReportStatus,
    ReportSubmission,
    SubmissionAnswer,
    SubmissionScore,
)
from .selectors import framework_for, period_opens_on
from .signals import Transition, announce, announce_import

# Days a returned report has for its correction unless the expert sets a date.
CORRECTION_DAYS = 14


# --- Shared steps -------------------------------------------------------------------


def _lock(report: Report, version: int | None = None) -> Report:
    """The report's row, locked for this transaction, at the version the caller read."""
    # The framework comes along without its definition: its parsed spec is cached
    # per process, and decoding the large JSON on every autosave is a waste.
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("framework", "center")
        .defer("framework__definition")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise StaleVersion(locked.version)
    return locked


def _require_status(report: Report, statuses: tuple[str, ...], message: str) -> None:
    if report.status not in statuses:
        raise ValidationError(
            {"status": [message % {"status": report.get_status_display()}]}, code="status"
        )


def _ensure_editable(report: Report) -> None:
    _require_status(
        report,
        (ReportStatus.DRAFT, ReportStatus.RETURNED),
        _("Докладът е %(status)s и не може да се променя."),
    )


def _clean_or_raise(spec: FrameworkSpec, data: object) -> Content:
    try:
        cleaned = content_clean(spec, data)
    except ContentError as exc:
        raise ValidationError(exc.errors) from exc
    # What a centre may type: not the validation figures, which come from the
    # validation procedures register when the report is submitted.
    cleaned.pop("validation", None)
    return cleaned


def _clean_reason(field: str, value: str | None, empty_message: str) -> str:
    """A decision's reason (or remark): stripped, present and storable."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: [empty_message]})
    problem = text_problem(text)
    if problem:
        raise ValidationError({field: [problem]})
    return text


def _save(report: Report, *fields: str) -> None:
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])


def _latest_number(report: Report) -> int:
    return report.submissions.current().values_list("number", flat=True).first() or 0


# --- The centre's transitions ------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    center: Center,
    year: int,
    user: User | AnonymousUser,
    content: Content | None = None,
    framework_code: str | None = None,
) -> Report:
    """Open the draft of `center`'s report for `year` under the framework in force.

    Year Y opens on 1 January Y+1 unless the agency opened it earlier; a later year
    than that is refused. A centre reports only for a year in which it was licensed
    on at least one day (art. 22(8) VET Act binds licensed centres), and only from
    the first year of its kind's framework. (The agency's history comes in through
    reports_import, which these rules do not bind.)
    """
    today = timezone.localdate()
    if year > current_reporting_year(today) + 1 or today < period_opens_on(year):
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
    if not center_was_licensed_in(center, year):
        raise ValidationError(
            {
                "year": [
                    _(
                        "Центърът не е бил лицензиран през %(year)s г. и не подава доклад "
                        "за тази година."
                    )
                    % {"year": year}
                ]
            }
        )
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
    cleaned = _clean_or_raise(spec, content or {})
    try:
        # Two colleagues may open the report at the same moment: the unique
        # constraint decides, and the second is told, not shown a 500.
        with transaction.atomic():
            report = Report.objects.create(
                center=center,
                year=year,
                framework=framework,
                content=content_merge(kind_of(spec).empty_content(spec), cleaned),
            )
    except IntegrityError:
        raise exists from None
    audit(
        target=report,
        actor=user,
        action=Transition.CREATE,
        changes=content_diff({}, report.content),
    )
    announce(report, Transition.CREATE, actor=user)
    return report


@transaction.atomic
def report_update(
    *, report: Report, user: User | AnonymousUser, version: int | None, changes: object
) -> Report:
    """Save content changes to a draft (or a returned report), based on `version`.

    A stale `version` raises StaleVersion and changes nothing. Returns the report,
    with its version raised when anything changed.
    """
    locked = _lock(report, version)
    _ensure_editable(locked)
    merged = content_merge(locked.content, _clean_or_raise(locked.framework.spec, changes))
    diff = content_diff(locked.content, merged)
    if diff:
        locked.content = merged
        _save(locked, "content")
        audit(target=locked, actor=user, action=Transition.UPDATE, changes=diff)
        announce(locked, Transition.UPDATE, actor=user)
    return locked


def _snapshot(
    *,
    report: Report,
    content: Content,
    submitted_at: datetime,
    user: User | AnonymousUser | None,
    imported: bool = False,
) -> ReportSubmission:
    """Store an immutable snapshot of `content` as the report's latest submission,
    with its scores or answers as rows for the statistics."""
    report.submissions.current().update(is_latest=False)
    submission = _unsaved_snapshot(
        report, content, submitted_at, user, imported, number=report.submissions.count() + 1
    )
    submission.save(force_insert=True)
    SNAPSHOT_ROWS[kind_of(report.framework.spec).rows](submission, content)
    return submission


def _unsaved_snapshot(
    report: Report,
    content: Content,
    submitted_at: datetime,
    user: User | AnonymousUser | None,
    imported: bool,
    *,
    number: int,
) -> ReportSubmission:
    """The snapshot's row, scored, not yet saved (one submission or a whole import)."""
    spec = report.framework.spec
    result = kind_of(spec).score(spec, content)
    validation = content.get("validation") or {}
    return ReportSubmission(
        report=report,
        number=number,
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


def _score_rows(submission: ReportSubmission, content: Content) -> None:
    criteria = dict(
        Criterion.objects.filter(framework=submission.report.framework).values_list("code", "pk")
    )
    SubmissionScore.objects.bulk_create(
        SubmissionScore(submission=submission, criterion_id=criteria[code], points=points)
        for code, points in (content.get("scores") or {}).items()
    )


def _answer_rows(submission: ReportSubmission, content: Content) -> None:
    indicators = dict(
        Indicator.objects.filter(framework=submission.report.framework).values_list("code", "pk")
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


# The rows a kind's snapshot is counted by (kinds.ReportKind.rows).
SNAPSHOT_ROWS: dict[str, Callable[[ReportSubmission, Content], None]] = {
    "scores": _score_rows,
    "answers": _answer_rows,
}


@transaction.atomic
def report_submit(
    *, report: Report, user: User | AnonymousUser, version: int | None = None
) -> Report:
    """Submit a complete draft or corrected report (art. 22(8) VET Act).

    Raises ValidationError listing everything missing. Filing after the deadline
    is allowed and marked late; on time is decided by the first submission.
    """
    locked = _lock(report, version)
    _ensure_editable(locked)
    spec = locked.framework.spec
    if kind_of(spec).has_validation:
        locked.content = {
            **locked.content,
            "validation": validation_figures(locked.center, locked.year),
        }
    missing = content_missing(spec, locked.content)
    if missing:
        raise ValidationError(missing)
    resubmitted = locked.status == ReportStatus.RETURNED
    now = timezone.now()
    with counting(Report.objects.filter(pk=locked.pk)):
        submission = _snapshot(report=locked, content=locked.content, submitted_at=now, user=user)
        locked.status = ReportStatus.SUBMITTED
        locked.first_submitted_at = locked.first_submitted_at or now
        locked.last_submitted_at = now
        locked.submitted_on_time = is_on_time(locked.first_submitted_at, locked.year)
        _save(
            locked,
            "content",
            "status",
            "first_submitted_at",
            "last_submitted_at",
            "submitted_on_time",
        )
    audit(
        target=locked,
        actor=user,
        action=Transition.SUBMIT,
        changes={"submission": submission.number, "on_time": submission.on_time},
    )
    announce(locked, Transition.SUBMIT, actor=user, submission=submission, resubmitted=resubmitted)
    return locked


# --- The agency's transitions ------------------------------------------------------


def _remark_fields(spec: FrameworkSpec) -> set[str]:
    fields = {f"narrative.{code}" for code in spec.section_codes}
    fields |= {f"scores.{c.code}" for c in spec.criteria}
    fields |= {f"answers.{code}" for code in spec.indicator_codes}
    return fields


def _clean_remarks(
    spec: FrameworkSpec, remarks: Iterable[Mapping[str, Any]] | None
) -> list[dict[str, str]]:
    allowed = _remark_fields(spec)
    cleaned: list[dict[str, str]] = []
    errors: list[str] = []
    for i, remark in enumerate(remarks or []):
        field = (remark.get("field") or "").strip()
        text = (remark.get("text") or "").strip()
        problem = text_problem(text)
        if field and field not in allowed:
            errors.append(
                _("Забележка %(n)s: няма поле %(field)s в рамката.")
                % {"n": i + 1, "field": printable(field)}
            )
        elif not text:
            errors.append(_("Забележка %(n)s: текстът е празен.") % {"n": i + 1})
        elif problem:
            errors.append(_("Забележка %(n)s: %(problem)s") % {"n": i + 1, "problem": problem})
        else:
            cleaned.append({"field": field, "text": text})
    if errors:
        raise ValidationError({"remarks": errors})
    return cleaned


@transaction.atomic
def report_return(
    *,
    report: Report,
    expert: User | AnonymousUser,
    reason: str | None,
    remarks: Iterable[Mapping[str, Any]] | None = (),
    due_date: date | None = None,
    version: int | None = None,
) -> Report:
    """Return a submitted report for correction, with the required reason, optional
    remarks pinned to criteria or sections, and a due date (default 14 days)."""
    require(may_decide(expert), Denied.NOT_AGENCY)
    locked = _lock(report, version)
    _require_status(
        locked, (ReportStatus.SUBMITTED,), _("Връща се само подаден доклад; този е %(status)s.")
    )
    reason = _clean_reason("reason", reason, _("Посочете мотивите за връщането."))
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
        decided_by=cast(User, expert),  # an agency user: `require` above
    )
    Remark.objects.bulk_create(Remark(decision=decision, **r) for r in cleaned)
    locked.status = ReportStatus.RETURNED
    _save(locked, "status")
    audit(
        target=locked,
        actor=expert,
        action=Transition.RETURN,
        changes={"reason": reason, "due_date": due_date.isoformat(), "remarks": cleaned},
    )
    announce(locked, Transition.RETURN, actor=expert, decision=decision)
    return locked


@transaction.atomic
def report_accept(
    *, report: Report, expert: User | AnonymousUser, version: int | None = None
) -> Report:
    """Accept a submitted report: it is locked for everyone from now on."""
    require(may_decide(expert), Denied.NOT_AGENCY)
    locked = _lock(report, version)
    _require_status(
        locked, (ReportStatus.SUBMITTED,), _("Приема се само подаден доклад; този е %(status)s.")
    )
    decision = Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.ACCEPTED,
        decided_by=cast(User, expert),  # an agency user: `require` above
    )
    locked.status = ReportStatus.ACCEPTED
    locked.accepted_at = decision.decided_at
    _save(locked, "status", "accepted_at")
    audit(target=locked, actor=expert, action=Transition.ACCEPT)
    announce(locked, Transition.ACCEPT, actor=expert, decision=decision)
    return locked


@transaction.atomic
def report_reopen(
    *, report: Report, administrator: User | AnonymousUser, reason: str | None
) -> Report:
    """An administrator reopens an accepted report for review again, with a reason."""
    require(may_reopen(administrator), Denied.NOT_ADMINISTRATOR_REOPEN)
    locked = _lock(report)
    _require_status(
        locked,
        (ReportStatus.ACCEPTED,),
        _("Отваря се отново само приет доклад; този е %(status)s."),
    )
    reason = _clean_reason("reason", reason, _("Посочете причината."))
    decision = Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.REOPENED,
        reason=reason,
        decided_by=cast(User, administrator),  # `require` above
    )
    locked.status = ReportStatus.SUBMITTED
    locked.accepted_at = None
    _save(locked, "status", "accepted_at")
    audit(target=locked, actor=administrator, action=Transition.REOPEN, changes={"reason": reason})
    announce(locked, Transition.REOPEN, actor=administrator, decision=decision)
    return locked


@transaction.atomic
def report_annul(
    *, report: Report, administrator: User | AnonymousUser, reason: str | None
) -> Report:
    """An administrator annuls a filed report, with a reason: e.g. one filed for a
    year in which the centre held no licence. The report and its snapshots stay
    readable to the agency, but it counts nowhere (statistics, campaign, review
    queue, benchmark: FILED_STATUSES leaves it out) and nobody can change it again.
    """
    require(may_annul(administrator), Denied.NOT_ADMINISTRATOR_ANNUL)
    locked = _lock(report)
    _require_status(
        locked,
        tuple(FILED_STATUSES),
        _("Анулира се само подаден доклад; този е %(status)s."),
    )
    reason = _clean_reason("reason", reason, _("Посочете причината за анулирането."))
    decision = Decision.objects.create(
        report=locked,
        submission_number=_latest_number(locked),
        kind=DecisionKind.ANNULLED,
        reason=reason,
        decided_by=cast(User, administrator),  # `require` above
    )
    before = locked.status
    with counting(Report.objects.filter(pk=locked.pk)):
        locked.status = ReportStatus.ANNULLED
        locked.accepted_at = None
        _save(locked, "status", "accepted_at")
    audit(
        target=locked,
        actor=administrator,
        action=Transition.ANNUL,
        changes={"reason": reason, "status": [before, ReportStatus.ANNULLED]},
    )
    announce(locked, Transition.ANNUL, actor=administrator, decision=decision)
    return locked


@transaction.atomic
def report_assign(*, report: Report, expert: User | None, by: User | AnonymousUser) -> Report:
    """An expert takes a report, or an administrator assigns it (None unassigns)."""
    require(may_decide(by), Denied.NOT_AGENCY)
    if expert is not None and not expert.is_agency:
        raise ValidationError({"expert": [_("Докладите се разпределят на експерти на НАПОО.")]})
    require(may_assign(by, expert), Denied.NOT_ADMINISTRATOR_ASSIGN)
    locked = _lock(report)
    if locked.status in (ReportStatus.ACCEPTED, ReportStatus.ANNULLED):
        raise ValidationError(
            {
                "status": [
                    _("Докладът е %(status)s: вече не се разпределя.")
                    % {"status": locked.get_status_display()}
                ]
            },
            code="status",
        )
    before = locked.assigned_expert
    locked.assigned_expert = expert
    locked.save(update_fields=["assigned_expert", "updated_at"])
    audit(
        target=locked,
        actor=by,
        action=Transition.ASSIGN,
        changes={"expert": [before.email if before else None, expert.email if expert else None]},
    )
    announce(locked, Transition.ASSIGN, actor=by)
    return locked


# --- History brought by the agency -------------------------------------------------


# Reports (with their snapshots, score or answer rows and audit entries) written per
# round of an import: bulk writes, in batches that keep each statement reasonable.
IMPORT_BATCH = 1000
# What an import sets on a report it changes (update_rows calls no auto_now).
IMPORTED_FIELDS = (
    "framework",
    "status",
    "content",
    "first_submitted_at",
    "last_submitted_at",
    "submitted_on_time",
    "imported",
    "version",
    "updated_at",
)


@transaction.atomic
def reports_import(
    *,
    rows: list[dict[str, Any]],
    user: User | AnonymousUser | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Upsert reports by (centre, year) from validated rows (selfassessment/importing.py).

    A row: {"center", "year", "framework" (model instances), "status", "submitted_at"
    (aware datetime or None for drafts), "content" (cleaned)}. A filed row gets its
    snapshot, as a submission would. A row equal to what is stored changes nothing.
    Returns an ImportSummary.

    Written in bulk, in one transaction: the stored reports and their latest
    snapshots are read once, then reports, snapshots, their score or answer rows and
    the audit entries are written IMPORT_BATCH rows at a time (counted on
    `progress`); one announcement for the whole file (signals.reports_imported), so
    the statistics cache is invalidated once.
    """
    centers = {row["center"].pk for row in rows}
    years = {row["year"] for row in rows}
    stored = Report.objects.filter(center__in=centers, year__in=years)
    # What the statistics count changes with the file: the stored reports, locked here
    # as a transition locks its report (a submission at the same moment waits), and
    # those the file creates (not others of the same centres and years filed meanwhile).
    with counting(stored) as counted:
        existing = {(r.center_id, r.year): r for r in stored}
        latest = {
            s.report_id: s
            for s in ReportSubmission.objects.current()
            .filter(report__in=stored)
            .only("report_id", "content", "submitted_at")
        }
        numbers = dict(
            ReportSubmission.objects.filter(report__in=stored)
            .values("report_id")
            .annotate(n=Count("pk"))
            .values_list("report_id", "n")
        )
        frameworks = {row["framework"].pk for row in rows}
        # framework → code → pk, for the score and answer rows
        criteria: dict[int, dict[str, int]] = {framework: {} for framework in frameworks}
        for framework, code, pk in Criterion.objects.filter(framework__in=frameworks).values_list(
            "framework_id", "code", "pk"
        ):
            criteria[framework][code] = pk
        indicators: dict[int, dict[str, int]] = {framework: {} for framework in frameworks}
        for framework, code, pk in Indicator.objects.filter(framework__in=frameworks).values_list(
            "framework_id", "code", "pk"
        ):
            indicators[framework][code] = pk
        created = updated = 0
        snapshots: list[ReportSubmission] = []
        bar = progress(_("Запис"), len(rows))
        for start in range(0, len(rows), IMPORT_BATCH):
            batch = rows[start : start + IMPORT_BATCH]
            new, changed, entries = [], [], []
            # (report, content, submitted_at) of each report whose latest snapshot changes
            refiled: list[tuple[Report, Content, datetime]] = []
            unlatest: list[int] = []  # reports whose latest snapshot stops being latest
            for row in batch:
                report = existing.get((row["center"].pk, row["year"]))
                spec = row["framework"].spec
                content = content_merge(kind_of(spec).empty_content(spec), row["content"])
                submitted_at = row["submitted_at"]
                fields = {
                    "framework": row["framework"],
                    "status": row["status"],
                    "content": content,
                    "first_submitted_at": submitted_at,
                    "last_submitted_at": submitted_at,
                    "submitted_on_time": (
                        is_on_time(submitted_at, row["year"]) if submitted_at else None
                    ),
                    "imported": True,
                }
                if report is None:
                    report = Report(center=row["center"], year=row["year"], **fields)
                    new.append(report)
                    entries.append((report, "import", content_diff({}, content)))
                else:
                    same = (
                        report.framework_id == row["framework"].pk
                        and report.status == row["status"]
                        and report.content == content
                        and report.first_submitted_at == submitted_at
                    )
                    if same:
                        continue
                    entries.append((report, "import-update", content_diff(report.content, content)))
                    for name, value in fields.items():
                        setattr(report, name, value)
                    report.version += 1
                    changed.append(report)
                previous = latest.get(report.pk) if report.pk else None
                if submitted_at is not None:
                    # A change of status alone keeps the snapshot: what was filed is the same.
                    if (
                        previous is None
                        or previous.content != content
                        or previous.submitted_at != submitted_at
                    ):
                        refiled.append((report, content, submitted_at))
                        if previous is not None:
                            unlatest.append(report.pk)
                elif previous is not None:
                    unlatest.append(report.pk)
            insert_instances(Report, new)
            counted.update(report.pk for report in new)
            update_rows(Report, changed, IMPORTED_FIELDS)
            created, updated = created + len(new), updated + len(changed)
            if unlatest:
                ReportSubmission.objects.filter(report__in=unlatest, is_latest=True).update(
                    is_latest=False
                )
            snapshots += _import_snapshots(refiled, numbers, criteria, indicators, user)
            audit_many(entries=entries, actor=user)
            bar.update(len(batch))
        if created or updated:
            # Before the new rows are counted: planned on the empty tables' estimates,
            # the first queries over a freshly imported history ran for minutes.
            tables_analyze(Report, ReportSubmission, SubmissionScore, SubmissionAnswer)
    bar.close()
    if created or updated:
        announce_import(Report, snapshots)
    return ImportSummary(created=created, updated=updated, unchanged=len(rows) - created - updated)


def _import_snapshots(
    refiled: list[tuple[Report, Content, datetime]],
    numbers: Mapping[int, int],
    criteria: Mapping[int, Mapping[str, int]],
    indicators: Mapping[int, Mapping[str, int]],
    user: User | AnonymousUser | None,
) -> list[ReportSubmission]:
    """`_snapshot` for many reports at once: their new latest submissions, with the
    score or answer rows the statistics count, in a few bulk INSERTs."""
    submissions = [
        _unsaved_snapshot(
            report, content, submitted_at, user, True, number=numbers.get(report.pk, 0) + 1
        )
        for report, content, submitted_at in refiled
    ]
    insert_instances(ReportSubmission, submissions)
    scores: list[tuple[int, int, int | float]] = []  # points as cleaned: exact JSON numbers
    answers: list[tuple[int, int, bool, str]] = []
    for submission in submissions:
        content, pk = submission.content, submission.pk
        criterion = criteria[submission.report.framework_id]
        scores += [
            (pk, criterion[code], points) for code, points in (content.get("scores") or {}).items()
        ]
        indicator, comments = (
            indicators[submission.report.framework_id],
            content.get("comments") or {},
        )
        answers += [
            (pk, indicator[code], value, comments.get(code, ""))
            for code, value in (content.get("answers") or {}).items()
        ]
    insert_rows(SubmissionScore, ("submission", "criterion", "points"), scores)
    insert_rows(SubmissionAnswer, ("submission", "indicator", "value", "comment"), answers)
    return submissions


def reports_import_file(
    *,
    data: bytes | str,
    user: User | None = None,
    source: str = "command",
    progress: Progress = no_progress,
) -> ImportSummary:
    """Validate and import a reports JSON Lines file, all or nothing (CONTRACT.md §1, §4).

    Raises ImportFileError, having changed nothing, when any line is invalid. Either
    way the attempt is recorded in the audit trail (core.importing.import_record).
    """
    try:
        rows = read_reports_jsonl(data, progress=progress)
        summary = reports_import(rows=rows, user=user, progress=progress)
    except ImportFileError as exc:
        import_record(model=Report, actor=user, source=source, errors=exc.errors)
        raise
    import_record(model=Report, actor=user, source=source, summary=summary)
    return summary
