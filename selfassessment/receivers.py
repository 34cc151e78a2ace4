"""The filing's own e-mails, on the report's announcements (signals.py): the
receipt after a submission, the decision to the centre."""

from core.queue import enqueue

from .signals import Transition
from .tasks import send_decision_email, send_submission_receipt


def on_report_changed(*, transition, submission=None, decision=None, **kwargs):
    if transition == Transition.SUBMIT:
        enqueue(send_submission_receipt, submission.pk)
    elif transition in (Transition.RETURN, Transition.ACCEPT):
        enqueue(send_decision_email, decision.pk)
