"""The filing's own work on the report's announcements (signals.py): the receipt
PDF and its e-mail after a submission, the decision to the centre."""

from core.queue import enqueue

from .signals import Transition
from .tasks import build_receipt, send_decision_email, send_submission_receipt


def on_report_changed(*, transition, submission=None, decision=None, **kwargs):
    if transition == Transition.SUBMIT:
        enqueue(build_receipt, submission.pk)
        enqueue(send_submission_receipt, submission.pk)
    elif transition in (Transition.RETURN, Transition.ACCEPT, Transition.ANNUL):
        enqueue(send_decision_email, decision.pk)
