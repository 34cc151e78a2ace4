"""The national analysis job: asking for it, building it, retrying it."""

import logging

from celery import signature
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.queue import enqueue_on_commit

from . import rendering
from .models import ACTIVE_STATUSES, Analysis, AnalysisStatus
from .statistics import check_year_and_kind

log = logging.getLogger(__name__)
# The job that builds an analysis, by name: tasks.py calls these services, so this
# module does not import it (dependencies point one way).
BUILD_ANALYSIS = signature("reports.tasks.build_analysis")


def analysis_request(*, year, kind, user):
    """Queue the analysis of `year` and `kind`; while one is queued or running, that
    one is returned instead. Returns (analysis, created)."""
    check_year_and_kind(year, kind)
    running = Analysis.objects.filter(year=year, kind=kind, status__in=ACTIVE_STATUSES).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            analysis = Analysis.objects.create(year=year, kind=kind, requested_by=user)
    except IntegrityError:  # asked at the same instant by someone else
        return Analysis.objects.get(year=year, kind=kind, status__in=ACTIVE_STATUSES), False
    enqueue_on_commit(BUILD_ANALYSIS, analysis.pk)
    return analysis, True


def analysis_retry(*, analysis):
    """Queue a failed analysis again."""
    updated = Analysis.objects.filter(pk=analysis.pk, status=AnalysisStatus.FAILED).update(
        status=AnalysisStatus.QUEUED, progress=0, error=""
    )
    if updated:
        enqueue_on_commit(BUILD_ANALYSIS, analysis.pk)
    analysis.refresh_from_db()
    return analysis


def _progress(analysis, value):
    Analysis.objects.filter(pk=analysis.pk).update(progress=value)


def analysis_build(*, analysis):
    """Build the PDF of a queued or running analysis (a second run of the job after a
    crash starts it again; a finished one is left alone). Failures are stored."""
    analysis.refresh_from_db()
    if analysis.status == AnalysisStatus.DONE:
        return analysis
    Analysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.RUNNING,
        started_at=timezone.now(),
        progress=1,
        attempts=analysis.attempts + 1,
    )
    try:
        figures, pdf = rendering.analysis_pdf(
            analysis.year, analysis.kind, progress=lambda value: _progress(analysis, value)
        )
        name = f"analysis-{analysis.kind}-{analysis.year}-{analysis.pk}.pdf"
        analysis.pdf.storage.delete(f"analyses/{name}")  # a retried job overwrites, never adds
        analysis.pdf.save(name, ContentFile(pdf), save=False)
    except Exception as exc:
        log.exception("analysis %s failed", analysis.pk)
        Analysis.objects.filter(pk=analysis.pk).update(
            status=AnalysisStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    Analysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.DONE,
        progress=100,
        pdf=analysis.pdf.name,
        statistics=figures.as_json(),
        finished_at=timezone.now(),
        error="",
    )
    analysis.refresh_from_db()
    return analysis
