"""Background jobs of the review: thin, idempotent, given ids."""

from datetime import date

from celery import shared_task

from core.queue import enqueue
from selfassessment.models import Report, ReportSubmission

from .models import Reminder
from .notifications import resubmitted_send
from .reminders import reminder_send, reminders_create
from .services import flags_refresh


@shared_task
def check_submissions(submission_ids):
    """The automatic checks on new snapshots — one submission's, or the thousands an
    import brings — after the submission or the import has answered: they compare
    each with the year's other reports, work that grows with the campaign and that
    nobody need wait for (the flags are for the experts)."""
    flags_refresh(
        submissions=ReportSubmission.objects.select_related("report__framework").filter(
            pk__in=submission_ids
        )
    )


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_resubmitted_email(report_id):
    report = Report.objects.select_related("center", "assigned_expert").filter(pk=report_id).first()
    if report is not None:
        resubmitted_send(report)


@shared_task
def send_deadline_reminders(day=None):
    """Daily (Celery beat): record the reminders due on `day` (ISO date; default
    today) once, and queue one e-mail each."""
    for reminder_id in reminders_create(date.fromisoformat(day) if day else None):
        enqueue(send_reminder, reminder_id)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_reminder(reminder_id):
    reminder = Reminder.objects.filter(pk=reminder_id).first()
    if reminder is not None:
        reminder_send(reminder)
