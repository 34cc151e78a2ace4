"""The national figures' part after a report changes (selfassessment.signals): the
cached statistics of its year are dropped when what counts changes (every year's
after an import or a change to the register), and an accepted ЦПО report gets its benchmark against the national
figures by e-mail."""

from core.queue import enqueue
from selfassessment.kinds import kind_of
from selfassessment.signals import Transition

from .cache import statistics_invalidate, year_invalidate
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
        # The framework's kind is the centre's (selfassessment.selectors.framework_for).
        year_invalidate(report.framework.kind, report.year)
    if transition == Transition.ACCEPT and kind_of(report.framework.spec).scored:
        enqueue(send_benchmark, report.pk)


def on_reports_imported(**kwargs):
    statistics_invalidate()


def on_register_changed(**kwargs):
    # Licensed centres and regions of any year may have changed.
    statistics_invalidate()
