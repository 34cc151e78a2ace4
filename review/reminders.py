"""Deadline reminders to centres that have not filed: 14, 7 and 1 days before the
deadline by default (settings.REMINDER_DAYS_BEFORE)."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from centers.models import Center
from core.mail import send_templated_mail
from selfassessment.deadlines import deadline
from selfassessment.models import FILED_STATUSES, Report, ReportStatus
from selfassessment.notifications import center_staff_emails

from .models import Reminder


def reminder_due(today, marks):
    """(year, days_before) when `today` is one of the marks before a deadline, else None."""
    year = today.year - 1
    days = (deadline(year).date() - today).days
    return (year, days) if days in marks else None


def centers_to_remind(year):
    """Centres licensed on 31 December of `year` that have not filed its report. An
    annulled report counts nowhere, but its centre cannot file that year again: no
    reminder for it either."""
    filed = Report.objects.filter(
        center=OuterRef("pk"),
        year=year,
        status__in=(*FILED_STATUSES, ReportStatus.ANNULLED),
    )
    return Center.objects.licensed_on(date(year, 12, 31)).exclude(Exists(filed))


def reminders_create(today=None):
    """Record the reminders due today, each once: a second run, or a second worker,
    finds them recorded and creates nothing. Returns the new reminders' ids."""
    today = today or timezone.localdate()
    due = reminder_due(today, settings.REMINDER_DAYS_BEFORE)
    if due is None:
        return []
    year, days = due
    created = []
    for center in centers_to_remind(year).only("pk"):
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(center=center, year=year, days_before=days)
        except IntegrityError:
            continue  # recorded by an earlier run
        created.append(reminder.pk)
    return created


def reminder_send(reminder):
    """Send one reminder unless it was sent already."""
    with transaction.atomic():
        locked = Reminder.objects.select_for_update().select_related("center").get(pk=reminder.pk)
        if locked.sent_at is not None:
            return False
        recipients = center_staff_emails(locked.center) or (
            [locked.center.email] if locked.center.email else []
        )
        send_templated_mail(
            to=recipients,
            template="review/email/reminder",
            context={
                "center": locked.center,
                "year": locked.year,
                "days": locked.days_before,
                "deadline": deadline(locked.year),
            },
        )
        locked.sent_at = timezone.now()
        locked.recipients = recipients
        locked.save(update_fields=["sent_at", "recipients"])
    return True
