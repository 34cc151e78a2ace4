"""The national analysis (Анализ на данните от докладите за самооценка), built as a
background job into a PDF, with the statistics it was made from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centers.models import Kind


class AnalysisStatus(models.TextChoices):
    QUEUED = "queued", _("в опашката")
    RUNNING = "running", _("в процес")
    DONE = "done", _("готов")
    FAILED = "failed", _("неуспешен")


ACTIVE_STATUSES = (AnalysisStatus.QUEUED, AnalysisStatus.RUNNING)


class Analysis(models.Model):
    year = models.PositiveSmallIntegerField(_("година"))
    kind = models.CharField(_("вид"), max_length=4, choices=Kind.choices)
    status = models.CharField(
        _("статус"), max_length=8, choices=AnalysisStatus.choices, default=AnalysisStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("напредък"), default=0)
    error = models.TextField(_("грешка"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="analyses/", blank=True)
    # The figures the PDF was made from, so that published numbers can be cited and reproduced.
    statistics = models.JSONField(_("статистика"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("поискан на"), auto_now_add=True)
    started_at = models.DateTimeField(_("започнат на"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завършен на"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("опити"), default=0)

    class Meta:
        verbose_name = _("анализ")
        verbose_name_plural = _("анализи")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One analysis of a year and kind in the making at a time.
            models.UniqueConstraint(
                fields=["year", "kind"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_analysis",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year} ({self.status})"
