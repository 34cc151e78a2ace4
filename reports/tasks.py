"""Background jobs of the national analysis: thin, given ids, safe to run twice."""

from celery import shared_task
from django.utils import timezone

from centers.models import Kind
from selfassessment.models import Report

from .benchmark import benchmark_send
from .models import Analysis
from .services import analysis_build, analysis_request


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_analysis(analysis_id):
    analysis = Analysis.objects.filter(pk=analysis_id).first()
    if analysis is not None:
        try:
            analysis_build(analysis=analysis)
        except Exception:  # stored on the analysis; retried by a person, not in a loop
            return "failed"
    return "done"


@shared_task
def build_past_year_analyses():
    """Celery beat, 1 February: the analyses of the year whose reports were just due."""
    year = timezone.localdate().year - 1
    for kind in Kind.values:
        analysis_request(year=year, kind=kind, user=None)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_benchmark(report_id):
    report = Report.objects.select_related("center").filter(pk=report_id).first()
    if report is not None:
        benchmark_send(report)
