"""The filing's own work on the report's announcements (signals.py): the receipt
PDF and its e-mail after a submission, the decision to the centre; and on the
register's: what the reports add up by region follows their centres."""

from core.queue import enqueue

from .counting import counting
from .models import Report
from .signals import Transition
from .tasks import build_receipt, send_decision_email, send_submission_receipt


def on_report_changed(*, transition, submission=None, decision=None, **kwargs):
    if transition == Transition.SUBMIT:
        enqueue(build_receipt, submission.pk)
        enqueue(send_submission_receipt, submission.pk)
    elif transition in (Transition.RETURN, Transition.ACCEPT, Transition.ANNUL):
        enqueue(send_decision_email, decision.pk)


def on_register_changing(*, centers, **kwargs):
    return counting(Report.objects.filter(center__in=centers))
