"""Background jobs of the filing: thin, idempotent, given ids."""

from celery import shared_task

from .models import Decision, ReportSubmission
from .notifications import decision_send, submission_receipt_send
from .receipts import receipt_build


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_submission_receipt(submission_id):
    submission = (
        ReportSubmission.objects.select_related("report__center").filter(pk=submission_id).first()
    )
    if submission is not None:
        submission_receipt_send(submission)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def build_receipt(submission_id):
    """Build and store a submission's receipt PDF; nothing when it already has one."""
    submission = (
        ReportSubmission.objects.select_related("report__center", "report__framework")
        .filter(pk=submission_id)
        .first()
    )
    if submission is not None:
        receipt_build(submission=submission)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_decision_email(decision_id):
    decision = Decision.objects.select_related("report__center").filter(pk=decision_id).first()
    if decision is not None:
        decision_send(decision)
