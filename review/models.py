"""The agency's tools over reports: automatic flags on each submission and deadline
reminders. Decisions and their remarks are part of the report's life (selfassessment)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
