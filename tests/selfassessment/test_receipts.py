"""The receipt is built once, in the background, stored and then served
(issue 13, point 1)."""

import io
import json
import re

import pytest
from django.template.loader import render_to_string
from kombu.exceptions import OperationalError
from pypdf import PdfReader

from core.models import PendingTask
from selfassessment import receipts, views
from selfassessment.models import ReportSubmission
from selfassessment.presenters import report_layout
from selfassessment.tasks import build_receipt

from ..factories import CenterFactory, FiledReportFactory, UserFactory
from .test_import_reports import cpo_line, run_import


def _pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def filed(center, center_staff, year):
    return FiledReportFactory(center=center, staff=center_staff, year=year)


def _no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the receipt was built again")

    monkeypatch.setattr(receipts, "render_pdf", refuse)


def test_submission_stores_its_receipt_and_a_get_only_serves_it(
    client, filed, center, center_staff, monkeypatch
):
    submission = filed.submissions.get(number=1)
    assert submission.receipt  # built after the submission committed
    stored = submission.receipt.read()
    assert center.name in _pdf_text(stored)
    _no_rendering(monkeypatch)
    client.force_login(center_staff)

    response = client.get(f"/reports/{filed.pk}/receipt/1.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored


def test_build_task_is_idempotent(filed, monkeypatch):
    submission = filed.submissions.get(number=1)
    name = submission.receipt.name
    _no_rendering(monkeypatch)

    build_receipt(submission.pk)
    build_receipt(submission.pk)

    assert ReportSubmission.objects.get(pk=submission.pk).receipt.name == name


def test_receipt_not_built_yet_is_a_202_page_that_refreshes(
    client, filed, center_staff, monkeypatch
):
    ReportSubmission.objects.filter(report=filed).update(receipt="")
    queued = []
    monkeypatch.setattr(views, "enqueue", lambda task, *args: queued.append((task.name, args)))
    client.force_login(center_staff)

    first = client.get(f"/reports/{filed.pk}/receipt/1.pdf")
    second = client.get(f"/reports/{filed.pk}/receipt/1.pdf")

    assert first.status_code == second.status_code == 202
    page = first.content.decode()
    assert "Разписката се подготвя" in page
    assert 'http-equiv="refresh"' in page
    assert first["Retry-After"] == "5"
    submission_id = filed.submissions.get(number=1).pk
    assert queued == [("selfassessment.tasks.build_receipt", (submission_id,))]  # once


def test_imported_submission_gets_its_receipt_when_first_asked(tmp_path, client, db):
    center = CenterFactory(kind="CPO")
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps(cpo_line(center), ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_import(path)[0] == 0
    submission = ReportSubmission.objects.get(report__center=center)
    assert not submission.receipt
    client.force_login(UserFactory(centers=[center]))

    # No broker in the tests: the job runs in-process, as without REDIS_URL.
    response = client.get(f"/reports/{submission.report_id}/receipt/1.pdf")

    assert response.status_code == 200
    assert center.name in _pdf_text(response.content)
    assert ReportSubmission.objects.get(pk=submission.pk).receipt


def test_submit_queues_the_build_and_keeps_it_when_the_broker_is_down(
    center, center_staff, year, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Redis is down")

    monkeypatch.setattr("core.queue._send", broker_down)

    report = FiledReportFactory(center=center, staff=center_staff, year=year)

    assert not report.submissions.get(number=1).receipt
    assert "selfassessment.tasks.build_receipt" in set(
        PendingTask.objects.values_list("name", flat=True)
    )


def test_receipt_style_holds_no_user_data_and_the_name_is_a_safe_header(
    client, db, year, monkeypatch
):
    center = CenterFactory(license_number='Л-7"; } *{x:url(a)')
    staff = UserFactory(centers=[center])
    report = FiledReportFactory(center=center, staff=staff, year=year)
    submission = report.submissions.get(number=1)
    spec = report.framework.spec
    html = render_to_string(
        "selfassessment/receipt.html",
        {
            "report": report,
            "center": center,
            "submission": submission,
            "spec": spec,
            "layout": report_layout(spec, submission.content),
        },
    )
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "Л-7" not in style
    assert "Л-7" in _pdf_text(submission.receipt.read())  # still on every page's head
    client.force_login(staff)

    response = client.get(f"/reports/{report.pk}/receipt/1.pdf")

    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename*=utf-8''")
    assert '"' not in disposition and ";" not in disposition.split("filename*=")[1]
