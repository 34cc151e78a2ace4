"""The agency's review of submitted reports: assignment, decisions with remarks,
automatic flags on each submission, and deadline reminders."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    RETURNED = "returned", _("върнат за корекция")
    ACCEPTED = "accepted", _("приет")
    REOPENED = "reopened", _("отворен отново")


class Decision(models.Model):
    """An expert's decision on a submitted version (or an administrator reopening
    an accepted report)."""

    report = models.ForeignKey(
        "selfassessment.Report", on_delete=models.CASCADE, related_name="decisions"
    )
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


class Flag(models.Model):
    """An automatic check's finding on a submitted version (see review/checks.py)."""

    submission = models.ForeignKey(
        "selfassessment.ReportSubmission", on_delete=models.CASCADE, related_name="flags"
    )
    code = models.CharField(_("проверка"), max_length=40)
    message = models.TextField(_("обяснение"))

    class Meta:
        verbose_name = _("сигнал от автоматична проверка")
        verbose_name_plural = _("сигнали от автоматични проверки")
        ordering = ["submission", "code", "pk"]
        indexes = [models.Index(fields=["submission", "code"])]

    def __str__(self):
        return self.code


class Reminder(models.Model):
    """One deadline reminder to one centre: the unique constraint is what makes
    a second run of the job, or a second worker, send nothing twice."""

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("година"))
    days_before = models.PositiveSmallIntegerField(_("дни преди срока"))
    created_at = models.DateTimeField(_("създадено"), auto_now_add=True)
    sent_at = models.DateTimeField(_("изпратено"), null=True, blank=True)
    recipients = models.JSONField(_("получатели"), default=list)

    class Meta:
        verbose_name = _("напомняне")
        verbose_name_plural = _("напомняния")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "year", "days_before"], name="one_reminder_per_day_mark"
            )
        ]

    def __str__(self):
        return f"{self.center_id}/{self.year}/{self.days_before}"
