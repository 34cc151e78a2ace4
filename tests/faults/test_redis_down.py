"""Redis is down: filing, review and statistics keep working (the cache falls back to
the database), and the e-mails and jobs that could not be queued are sent once Redis
is back — none lost."""

from celery.contrib.testing.worker import start_worker
from django.core import mail
from rest_framework.test import APIClient

from core.models import PendingTask
from core.queue import flush_pending_tasks
from navet_portal.celery import app
from review.models import Flag
from selfassessment.models import Report, ReportSubmission

from ..factories import CenterFactory, ExpertFactory, UserFactory, complete_content
from ..waiting import wait_for


def test_filing_review_and_statistics_without_redis(
    transactional_db, redis_control, year, cpo_spec
):
    center = CenterFactory()
    staff = UserFactory(centers=[center])
    expert = ExpertFactory()
    centre_client, expert_client, public = APIClient(), APIClient(), APIClient()
    centre_client.force_authenticate(staff)
    expert_client.force_authenticate(expert)
    app.conf.task_always_eager = False
    try:
        redis_control.stop()

        created = centre_client.post(
            "/api/v1/reports/",
            {"center": center.license_number, "year": year, **complete_content(cpo_spec)},
            format="json",
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert (
            centre_client.post(f"/api/v1/reports/{pk}/submit/", {}, format="json").status_code
            == 200
        )
        assert (
            expert_client.post(f"/api/v1/reports/{pk}/accept/", {}, format="json").status_code
            == 200
        )
        # The agency's live figures (the public's are the published ones: none yet).
        live = expert_client.get(f"/api/v1/statistics/{year}/", {"kind": "CPO"})
        assert live.json()["submitted"] == 1
        assert public.get("/statistics/").status_code == 200
        assert public.get("/api/v1/centers/").status_code == 200
        assert Report.objects.get(pk=pk).status == "accepted"
        kept = sorted(PendingTask.objects.values_list("name", flat=True))
        assert kept == [
            "reports.tasks.send_benchmark",
            "review.tasks.check_submissions",
            "selfassessment.tasks.build_receipt",
            "selfassessment.tasks.send_decision_email",
            "selfassessment.tasks.send_submission_receipt",
        ]
        assert mail.outbox == []

        redis_control.start()
        with start_worker(
            app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
        ):
            assert flush_pending_tasks() == 5
            assert wait_for(lambda: len(mail.outbox) == 3)
            # The automatic checks ran once Redis was back (all criteria at maximum).
            assert wait_for(lambda: Flag.objects.filter(submission__report_id=pk).exists())
            assert wait_for(lambda: bool(ReportSubmission.objects.get(report_id=pk).receipt))
    finally:
        app.conf.task_always_eager = True

    assert not PendingTask.objects.exists()
    assert sorted(m.to[0] for m in mail.outbox) == [staff.email] * 3
