"""What the report's life announces to the apps above it.

A transition (selfassessment/transitions.py) never calls upward: it announces the
change once the transaction commits, and the apps that care (review's checks and
e-mails, the statistics cache, the benchmark e-mail) connect their handlers in
their AppConfig.ready(), as django.contrib.auth does with user_logged_in.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.dispatch import Signal

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    from .models import Decision, Report, ReportSubmission

# report_changed(sender=Report, report, transition, actor, submission, decision,
# resubmitted): one report changed state.
report_changed = Signal()

# reports_imported(sender=Report, submissions): an import stored these snapshots;
# one announcement for the whole file, so that handlers work in bulk.
reports_imported = Signal()


class Transition(models.TextChoices):
    CREATE = "create"
    UPDATE = "update"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    REOPEN = "reopen"
    ASSIGN = "assign"
    ANNUL = "annul"


def announce(
    report: "Report",
    transition: str,
    *,
    actor: "User | AnonymousUser | None" = None,
    submission: "ReportSubmission | None" = None,
    decision: "Decision | None" = None,
    **extra: Any,
) -> None:
    """Send report_changed once the current transaction commits."""
    transaction.on_commit(
        lambda: report_changed.send(
            sender=type(report),
            report=report,
            transition=transition,
            actor=actor,
            submission=submission,
            decision=decision,
            **extra,
        )
    )


def announce_import(
    report_model: "type[Report]", submissions: "Iterable[ReportSubmission]"
) -> None:
    transaction.on_commit(
        lambda: reports_imported.send(sender=report_model, submissions=list(submissions))
    )
