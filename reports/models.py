"""The national analysis (Анализ на данните от докладите за самооценка), built as a
background job into a PDF, with the statistics it was made from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.models import Kind


class AnalysisStatus(models.TextChoices):
    QUEUED = "queued", _("в опашката")
    RUNNING = "running", _("в процес")
    DONE = "done", _("готов")
    FAILED = "failed", _("неуспешен")


ACTIVE_STATUSES = (AnalysisStatus.QUEUED, AnalysisStatus.RUNNING)


class AnalysisKind(models.TextChoices):
    """An analysis is of one kind of centre, or the agency's combined document (ALL)."""

    CPO = Kind.CPO.value, Kind.CPO.label
    CIPO = Kind.CIPO.value, Kind.CIPO.label
    ALL = "ALL", _("ЦПО и ЦИПО")


class Analysis(models.Model):
    """A draft until published; published, it never changes (a new draft may be made
    from it)."""

    year = models.PositiveSmallIntegerField(_("година"))
    kind = models.CharField(_("вид"), max_length=4, choices=AnalysisKind.choices)
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
    # The document's text, section by section: [{"code", "title", "text", "generated"}].
    # Generated sections start from the portal's text, editorial ones from a prompt.
    sections = models.JSONField(_("раздели"), default=list, blank=True)
    # Edits send the version they read: a stale one is refused, never merged silently.
    version = models.PositiveIntegerField(_("версия"), default=1)
    published_at = models.DateTimeField(_("публикуван на"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("публикуван от"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drafted_from = models.ForeignKey(
        "self",
        verbose_name=_("създаден от"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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


class StatisticsPublication(models.Model):
    """Публикуване: a year's figures of a kind as the public sees them (CONTRACT.md §6).

    One row per publication, never changed: the newest row of a year and kind is what
    the public gets; the older ones record who published what and when.
    """

    year = models.PositiveSmallIntegerField(_("година"))
    kind = models.CharField(_("вид"), max_length=4, choices=Kind.choices)
    # The statistics' as_json() at publication: frozen, whatever is filed later.
    statistics = models.JSONField(_("статистика"))
    published_at = models.DateTimeField(_("публикувана на"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("публикувана от"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    analysis = models.ForeignKey(
        "Analysis",
        verbose_name=_("анализ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )

    class Meta:
        verbose_name = _("публикувана статистика")
        verbose_name_plural = _("публикувани статистики")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["year", "kind", "-published_at"])]

    def __str__(self):
        return f"{self.kind} {self.year} ({self.published_at:%Y-%m-%d})"


class GoodPractice(models.Model):
    """A passage of a report's narrative that an expert marked as a good practice while
    reviewing: source material for the analysis' „Добри практики“ (never published as
    such; the published text is the agency's)."""

    report = models.ForeignKey(
        "selfassessment.Report",
        verbose_name=_("доклад"),
        on_delete=models.CASCADE,
        related_name="good_practices",
    )
    section = models.CharField(_("раздел"), max_length=64)
    passage = models.TextField(_("откъс"))
    note = models.CharField(_("бележка"), max_length=500, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("отбелязана от"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("отбелязана на"), auto_now_add=True)

    class Meta:
        verbose_name = _("добра практика")
        verbose_name_plural = _("добри практики")
        ordering = ["-marked_at", "-pk"]

    def __str__(self):
        return f"{self.report_id}: {self.section}"
