"""The whole review cycle through the API, as CONTRACT.md §5 and the issue say."""

import pytest
from django.core import mail

from core.audit import audit_trail
from selfassessment.models import Report, ReportStatus

from ..factories import AdministratorFactory


@pytest.fixture
def expert_client(api_client, expert):
    api_client.force_authenticate(expert)
    return api_client


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_submit_return_correct_resubmit_diff_accept_lock_reopen(
    api_client, submitted, center_staff, expert, django_capture_on_commit_callbacks
):
    pk = submitted.pk
    mail.outbox.clear()
    client = as_user(api_client, expert)
    client.post(f"/api/v1/reports/{pk}/assign/", {}, format="json")

    # Return needs a reason.
    no_reason = client.post(f"/api/v1/reports/{pk}/return/", {"reason": " "}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()
    assert Report.objects.get(pk=pk).status == ReportStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        returned = client.post(
            f"/api/v1/reports/{pk}/return/",
            {
                "reason": "Моля, прегледайте критерий 1.1.",
                "remarks": [
                    {"field": "scores.1.1", "text": "Посочете каналите за популяризиране."}
                ],
            },
            format="json",
        )
    assert returned.status_code == 200, returned.json()
    body = returned.json()
    assert body["status"] == "returned"
    assert body["decisions"][-1]["remarks"] == [
        {"field": "scores.1.1", "text": "Посочете каналите за популяризиране."}
    ]
    assert mail.outbox[-1].to == [center_staff.email]
    assert "върнат за корекция" in mail.outbox[-1].subject

    # The centre corrects and resubmits; the assigned expert hears of it.
    client = as_user(api_client, center_staff)
    seen = client.get(f"/api/v1/reports/{pk}/").json()
    assert seen["flags"] is None  # flags are for the agency only
    assert seen["decisions"][-1]["remarks"][0]["field"] == "scores.1.1"
    fixed = client.patch(
        f"/api/v1/reports/{pk}/", {"version": seen["version"], "scores": {"1.1": 2}}, format="json"
    )
    assert fixed.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/api/v1/reports/{pk}/submit/", {}, format="json")
    assert again.status_code == 200
    assert [m.to for m in mail.outbox] == [[center_staff.email], [expert.email]]

    # The expert sees what changed between the two versions, then accepts.
    client = as_user(api_client, expert)
    from review.selectors import last_two_versions_diff

    _prev, _latest, changes = last_two_versions_diff(Report.objects.get(pk=pk))
    assert changes == {"scores.1.1": [1, 2]}
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(f"/api/v1/reports/{pk}/accept/", {}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert any("приет" in m.subject for m in mail.outbox)

    # Locked: the centre cannot edit; no second decision.
    client = as_user(api_client, center_staff)
    report = Report.objects.get(pk=pk)
    locked = client.patch(
        f"/api/v1/reports/{pk}/", {"version": report.version, "scores": {"1.1": 0}}, format="json"
    )
    assert locked.status_code == 400
    assert client.post(f"/api/v1/reports/{pk}/submit/", {}, format="json").status_code == 400
    client = as_user(api_client, expert)
    assert (
        client.post(f"/api/v1/reports/{pk}/return/", {"reason": "още"}, format="json").status_code
        == 400
    )
    assert (
        client.post(
            f"/api/v1/reports/{pk}/reopen/", {"reason": "грешка"}, format="json"
        ).status_code
        == 403
    )

    # An administrator reopens, with a reason, and that is audited.
    admin = AdministratorFactory()
    client = as_user(api_client, admin)
    assert (
        client.post(f"/api/v1/reports/{pk}/reopen/", {"reason": ""}, format="json").status_code
        == 400
    )
    reopened = client.post(
        f"/api/v1/reports/{pk}/reopen/", {"reason": "Сгрешен прием."}, format="json"
    )
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "submitted"
    entry = audit_trail(Report.objects.get(pk=pk)).first()
    assert (entry.action, entry.actor, entry.changes) == (
        "reopen",
        admin,
        {"reason": "Сгрешен прием."},
    )
    actions = [e.action for e in audit_trail(Report.objects.get(pk=pk)).order_by("pk")]
    assert actions == [
        "create",
        "update",
        "submit",
        "assign",
        "return",
        "update",
        "submit",
        "accept",
        "reopen",
    ]


def test_remark_on_a_field_the_framework_lacks_is_refused(expert_client, submitted):
    response = expert_client.post(
        f"/api/v1/reports/{submitted.pk}/return/",
        {"reason": "x", "remarks": [{"field": "scores.9.9", "text": "?"}]},
        format="json",
    )

    assert response.status_code == 400
    assert "remarks" in response.json()
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED


def test_due_date_defaults_to_14_days(expert_client, submitted):
    from datetime import timedelta

    from django.utils import timezone

    expert_client.post(
        f"/api/v1/reports/{submitted.pk}/return/", {"reason": "Непълно."}, format="json"
    )

    decision = Report.objects.get(pk=submitted.pk).decisions.get()
    assert decision.due_date == timezone.localdate() + timedelta(days=14)


def test_only_a_submitted_report_is_accepted(expert_client, draft):
    response = expert_client.post(f"/api/v1/reports/{draft.pk}/accept/", {}, format="json")

    assert response.status_code == 400
    assert "status" in response.json()


def test_stale_decision_is_409(expert_client, submitted):
    response = expert_client.post(
        f"/api/v1/reports/{submitted.pk}/accept/", {"version": submitted.version - 1}, format="json"
    )

    assert response.status_code == 409
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED


def test_accepted_centre_gets_its_benchmark_pdf(
    expert_client, submitted, center_staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        expert_client.post(f"/api/v1/reports/{submitted.pk}/accept/", {}, format="json")

    benchmark = next(m for m in mail.outbox if "Сравнение" in m.subject)
    assert benchmark.to == [center_staff.email]
    # The year is not published yet: the centre gets its own figures and is told why.
    assert "още не е публикувала националните резултати" in benchmark.body
    (_name, content, mimetype) = benchmark.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_an_accepted_report_is_not_assigned_again(api_client, submitted, expert):
    client = as_user(api_client, expert)
    assert (
        client.post(f"/api/v1/reports/{submitted.pk}/accept/", {}, format="json").status_code == 200
    )

    taken = client.post(f"/api/v1/reports/{submitted.pk}/assign/", {}, format="json")

    assert taken.status_code == 400
    assert "status" in taken.json()
    assert Report.objects.get(pk=submitted.pk).assigned_expert is None
