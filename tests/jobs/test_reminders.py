from datetime import date

from django.conf import settings
from django.core import mail

from centers.models import LicenseStatus
from review.models import Reminder
from review.reminders import reminder_due
from review.tasks import send_deadline_reminders

from ..factories import CenterFactory, FiledReportFactory, UserFactory
from ..waiting import wait_for, wait_for_idle_worker


def test_due_marks():
    marks = [14, 7, 1]
    assert reminder_due(date(2025, 1, 17), marks) == (2024, 14)
    assert reminder_due(date(2025, 1, 24), marks) == (2024, 7)
    assert reminder_due(date(2025, 1, 30), marks) == (2024, 1)
    assert reminder_due(date(2025, 1, 29), marks) is None
    assert reminder_due(date(2025, 2, 1), marks) is None
    assert settings.CELERY_BEAT_SCHEDULE["deadline-reminders"]["task"] == (
        "review.tasks.send_deadline_reminders"
    )


def test_reminder_job_run_twice_sends_each_reminder_once(celery_worker):
    year = 2024
    waiting = [CenterFactory(), CenterFactory()]
    staff = [UserFactory(centers=[c]) for c in waiting]
    filed = CenterFactory()
    FiledReportFactory(center=filed, staff=UserFactory(centers=[filed]), year=year)
    CenterFactory(history=[(LicenseStatus.REVOKED, date(2024, 5, 1))])  # not licensed: no reminder
    assert wait_for(lambda: len(mail.outbox) == 1)  # the filed report's receipt, from the worker
    mail.outbox.clear()

    send_deadline_reminders.delay(day="2025-01-24")
    send_deadline_reminders.delay(day="2025-01-24")

    assert wait_for(lambda: Reminder.objects.filter(sent_at__isnull=False).count() == 2)
    assert wait_for_idle_worker()  # anything still queued has arrived now
    reminders = Reminder.objects.order_by("center_id")
    assert [(r.center_id, r.year, r.days_before) for r in reminders] == [
        (c.pk, year, 7) for c in waiting
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in staff)
    assert all("7 дни" in m.subject for m in mail.outbox)

    send_deadline_reminders.delay(day="2025-01-24")
    assert wait_for_idle_worker()
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2
