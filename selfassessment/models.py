"""Frameworks, reporting periods and the annual self-assessment report
(годишен доклад за самооценка на качеството, ГДСК) with its submitted versions.

A report's live content (`Report.content`) is the centre's working copy. Every
submission stores an immutable `ReportSubmission` — the snapshot that review and
statistics read — with its scores and answers as rows, so that statistics are
computed in the database.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import Kind
from core.models import TimeStampedModel

from .frameworks import FrameworkSpec, framework_parse
from .kinds import ReportKind, kind_of


class Framework(models.Model):
    """A criteria framework (the agency's order), loaded from its file and never
    changed after: reports point at the framework they were filed under."""

    code = models.CharField(_("код"), max_length=40, unique=True)
    kind = models.CharField(_("вид център"), max_length=4, choices=Kind.choices)
    title = models.CharField(_("наименование"), max_length=500)
    approved_by = models.CharField(_("утвърдена със"), max_length=300, blank=True)
    valid_from_year = models.PositiveSmallIntegerField(_("в сила от годината"))
    max_points = models.DecimalField(_("максимум точки"), max_digits=6, decimal_places=2, null=True)
    definition = models.JSONField(_("файлът на рамката"))
    loaded_at = models.DateTimeField(_("заредена на"), auto_now_add=True)

    class Meta:
        verbose_name = _("рамка от критерии")
        verbose_name_plural = _("рамки от критерии")
        ordering = ["kind", "-valid_from_year"]

    def __str__(self):
        return self.code

    @cached_property
    def spec(self) -> FrameworkSpec:
        return framework_spec(self)

    @property
    def rules(self) -> ReportKind:
        """What reports under this framework are like (kinds.py): `rules.scored`…"""
        return kind_of(self.spec)


_SPECS: dict[str, FrameworkSpec] = {}


def framework_spec(framework: Framework) -> FrameworkSpec:
    """The parsed framework; frameworks never change once loaded, so one parse a
    process is enough."""
    spec = _SPECS.get(framework.code)
    if spec is None:
        spec = _SPECS[framework.code] = framework_parse(framework.definition)
    return spec


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("код"), max_length=10)
    title = models.CharField(_("наименование"), max_length=300)
    max_points = models.DecimalField(_("максимум точки"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("област на оценяване")
        verbose_name_plural = _("области на оценяване")
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="area_code_once")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Criterion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="criteria"
    )
    code = models.CharField(_("код"), max_length=10)
    title = models.CharField(_("наименование"), max_length=500)
    indicator = models.TextField(_("показател"), blank=True)
    max_points = models.DecimalField(_("максимум точки"), max_digits=6, decimal_places=2, null=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("критерий")
        verbose_name_plural = _("критерии")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_once")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Level(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    points = models.DecimalField(_("точки"), max_digits=5, decimal_places=2)
    label = models.CharField(_("описание"), max_length=300)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("ниво")
        verbose_name_plural = _("нива")
        ordering = ["criterion", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "points"], name="level_points_once")
        ]

    def __str__(self):
        return f"{self.points} — {self.label}"


class Indicator(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("код"), max_length=10)
    title = models.CharField(_("наименование"), max_length=500)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("показател (да/не)")
        verbose_name_plural = _("показатели (да/не)")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_code_once")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class NarrativeSection(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("код"), max_length=40)
    title = models.CharField(_("наименование"), max_length=300)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("описателен раздел")
        verbose_name_plural = _("описателни раздели")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="section_code_once")
        ]

    def __str__(self):
        return self.title


class ReportingPeriod(models.Model):
    """The agency may open a year's filing before 1 January of the next year."""

    year = models.PositiveSmallIntegerField(_("година"), unique=True)
    opens_on = models.DateField(_("отваря на"))

    class Meta:
        verbose_name = _("отчетен период")
        verbose_name_plural = _("отчетни периоди")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class QualityLevel(models.TextChoices):
    """The bands of CONTRACT.md §2, by their fixed codes."""

    EXCELLENT = "excellent", _("Отлично")
    GOOD = "good", _("Добро")
    SATISFACTORY = "satisfactory", _("Задоволително")
    UNSATISFACTORY = "unsatisfactory", _("Незадоволително")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("чернова")
    SUBMITTED = "submitted", _("подаден")
    RETURNED = "returned", _("върнат за корекция")
    ACCEPTED = "accepted", _("приет")
    ANNULLED = "annulled", _("анулиран")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# An annulled report (report_annul) was filed but counts nowhere: not here.
FILED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED)


class Report(TimeStampedModel):
    """Годишен доклад за самооценка на качеството: one per centre and year."""

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("център"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("година"))
    framework = models.ForeignKey(
        Framework, verbose_name=_("рамка"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("статус"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Optimistic locking: every save names the version it was based on.
    version = models.PositiveIntegerField(_("версия"), default=1)
    content = models.JSONField(_("съдържание"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(_("първо подаване"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("последно подаване"), null=True, blank=True)
    submitted_on_time = models.BooleanField(_("подаден в срок"), null=True, blank=True)
    imported = models.BooleanField(_("импортиран"), default=False)
    accepted_at = models.DateTimeField(_("приет на"), null=True, blank=True)
    assigned_expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("експерт"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reports",
    )

    class Meta:
        verbose_name = _("годишен доклад")
        verbose_name_plural = _("годишни доклади")
        ordering = ["-year", "center__name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "year"], name="one_report_per_center_year")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.center.license_number} / {self.year}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_filed(self):
        return self.status in FILED_STATUSES


class SubmissionQuerySet(models.QuerySet):
    """Reading snapshots: statistics, checks and comparisons read only the latest
    submitted version of each report."""

    def current(self):
        """The latest submitted version of each report (earlier versions are kept
        for the diff and the receipts)."""
        return self.filter(is_latest=True)

    def filed(self, year, kind):
        """The latest snapshot of every report of `kind` for `year` that counts
        (CONTRACT.md §2: filed at least once; drafts never count)."""
        return self.filter(
            is_latest=True,
            report__year=year,
            report__framework__kind=kind,
            report__status__in=FILED_STATUSES,
        )


class ReportSubmission(models.Model):
    """An immutable snapshot of what a centre submitted (or what an import brought)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("подаване №"))
    is_latest = models.BooleanField(_("последно"), default=True)
    submitted_at = models.DateTimeField(_("подаден на"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_time = models.BooleanField(_("в срок"))
    content = models.JSONField(_("съдържание"))
    total_score = models.DecimalField(
        _("общ брой точки"), max_digits=6, decimal_places=2, null=True
    )
    quality_level = models.CharField(_("ниво на качество"), max_length=20, blank=True)
    area_totals = models.JSONField(_("точки по области"), default=dict)
    validation_procedures = models.PositiveIntegerField(_("процедури по валидиране"), default=0)
    validation_persons = models.PositiveIntegerField(_("лица във валидиране"), default=0)
    imported = models.BooleanField(_("импортиран"), default=False)
    # The receipt (разписка), built once in the background after the submission
    # commits (tasks.build_receipt) and then only served: a fact of the submission.
    receipt = models.FileField(_("разписка"), upload_to="receipts/", blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("подадена версия")
        verbose_name_plural = _("подадени версии")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="submission_number_once"),
            models.UniqueConstraint(
                fields=["report"], condition=Q(is_latest=True), name="one_latest_submission"
            ),
        ]

    def __str__(self):
        return f"{self.report} #{self.number}"


class SubmissionScore(models.Model):
    # No index of its own: the unique constraint below starts with it.
    submission = models.ForeignKey(
        ReportSubmission, on_delete=models.CASCADE, related_name="scores", db_index=False
    )
    # Checked by the ORM (PROTECT), not by a database trigger per row: criteria are
    # framework data, never deleted once scored, and the trigger was a tenth of a bulk
    # import's time (2.5 s of 24 for 412 000 rows). The submission's key stays checked.
    # No index either: nothing looks score rows up by criterion but that rare check.
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    points = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="score_once_per_submission"
            )
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.points}"


class CountedScore(models.Model):
    """How many counted snapshots of a year (the latest of each filed report) give a
    criterion these points: the score rows of the statistics, added up as the reports
    are filed, corrected and annulled (counting.py), so that the statistics of any
    number of years read a few hundred rows a year instead of 27 a report. The kind
    is the criterion's framework's.

    Kept equal to a count of the score rows by every transition that changes what
    counts, in the same transaction; `counted_rebuild` (manage.py recount_statistics)
    recounts it."""

    year = models.PositiveSmallIntegerField()
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=5, decimal_places=2)
    reports = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "criterion", "points"], name="counted_score_once"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.criterion_id}: {self.points} × {self.reports}"


class CountedTotal(models.Model):
    """A sum over the counted snapshots of a year, kind (the framework's) and region
    (the centre's): `name` is what is summed — reports, on_time, score, zero,
    procedures, persons, validating, or a quality level's code (counting._totals).
    Kept as CountedScore is."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=4, choices=Kind.choices)
    region = models.CharField(max_length=5)
    name = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "region", "name"], name="counted_total_once"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.kind} {self.region} {self.name}: {self.value}"


class SubmissionAnswer(models.Model):
    # No index of its own: the unique constraint below starts with it.
    submission = models.ForeignKey(
        ReportSubmission, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    # As a score's criterion: checked by the ORM (PROTECT), not per row by the database.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    value = models.BooleanField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="answer_once_per_submission"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"


class DecisionKind(models.TextChoices):
    RETURNED = "returned", _("върнат за корекция")
    ACCEPTED = "accepted", _("приет")
    REOPENED = "reopened", _("отворен отново")
    ANNULLED = "annulled", _("анулиран")


class Decision(models.Model):
    """An expert's decision on a submitted version (or an administrator reopening
    an accepted report)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="decisions")
    submission_number = models.PositiveSmallIntegerField(_("за подадена версия №"))
    kind = models.CharField(_("решение"), max_length=10, choices=DecisionKind.choices)
    reason = models.TextField(_("мотиви"), blank=True)
    due_date = models.DateField(_("срок за корекция"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("кога"), default=timezone.now)

    class Meta:
        verbose_name = _("решение")
        verbose_name_plural = _("решения")
        ordering = ["report", "decided_at", "pk"]

    def __str__(self):
        return f"{self.report} {self.kind}"


class Remark(models.Model):
    """A remark of a return, pinned to one criterion, indicator or narrative section
    (`field` is the content key, e.g. "scores.1.1"), or to the report as a whole."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="remarks")
    field = models.CharField(_("поле"), max_length=60, blank=True)
    text = models.TextField(_("забележка"), max_length=4000)

    class Meta:
        verbose_name = _("забележка")
        verbose_name_plural = _("забележки")
        ordering = ["decision", "pk"]

    def __str__(self):
        return f"{self.field or '—'}: {self.text[:40]}"
