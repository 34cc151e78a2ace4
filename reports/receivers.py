"""The national figures' part after a report changes (selfassessment.signals): the
cached statistics are dropped when what counts changes, and an accepted ЦПО report
gets its benchmark against the national figures by e-mail."""

from core.queue import enqueue
from selfassessment.kinds import kind_of
from selfassessment.signals import Transition

from .cache import statistics_invalidate
from .tasks import send_benchmark

# Transitions that change what the statistics count.
COUNTED = (
    Transition.SUBMIT,
    Transition.RETURN,
    Transition.ACCEPT,
    Transition.REOPEN,
    Transition.ANNUL,
)


def on_report_changed(*, report, transition, **kwargs):
    if transition in COUNTED:
        statistics_invalidate()
    if transition == Transition.ACCEPT and kind_of(report.framework.spec).scored:
        enqueue(send_benchmark, report.pk)


def on_reports_imported(**kwargs):
    statistics_invalidate()
