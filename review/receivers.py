"""The review's part after a report changes (selfassessment.signals): the automatic
checks on every new snapshot (in the worker), and the assigned expert told of a
corrected report."""

from core.queue import enqueue
from selfassessment.signals import Transition

from .tasks import check_submissions, send_resubmitted_email


def on_report_changed(*, report, transition, submission=None, resubmitted=False, **kwargs):
    if transition != Transition.SUBMIT:
        return
    enqueue(check_submissions, [submission.pk])
    if resubmitted and report.assigned_expert_id:
        enqueue(send_resubmitted_email, report.pk)


def on_reports_imported(*, submissions, **kwargs):
    enqueue(check_submissions, [s.pk for s in submissions])
