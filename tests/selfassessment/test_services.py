from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.audit import audit_trail
from core.concurrency import StaleVersion
from selfassessment.models import Report, ReportingPeriod, ReportStatus
from selfassessment.transitions import report_create, report_submit, report_update

from ..factories import CenterFactory, UserFactory, ValidationProcedureFactory, complete_content


def test_create_uses_framework_in_force_and_empty_content(draft, year):
    assert draft.framework.code == "CPO-2018"
    assert draft.status == ReportStatus.DRAFT
    assert draft.version == 1
    assert draft.content == {
        "scores": {},
        "narrative": {},
        "validation": {"procedures": 0, "persons": 0},
    }
    assert [e.action for e in audit_trail(draft)] == ["create"]


def test_one_report_per_centre_and_year(draft, center, center_staff, year):
    with pytest.raises(ValidationError) as error:
        report_create(center=center, year=year, user=center_staff)

    assert "year" in error.value.message_dict


def test_a_year_opens_on_1_january_or_when_the_agency_opens_it(center, center_staff, year):
    with pytest.raises(ValidationError) as error:
        report_create(center=center, year=year + 1, user=center_staff)
    assert "още не е започнало" in error.value.message_dict["year"][0]

    ReportingPeriod.objects.create(year=year + 1, opens_on=timezone.localdate())
    assert report_create(center=center, year=year + 1, user=center_staff).year == year + 1


def test_update_checks_points_and_names_the_field(draft, center_staff):
    with pytest.raises(ValidationError) as error:
        report_update(
            report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 1.5, "7.7": 1}}
        )

    errors = error.value.message_dict
    assert set(errors) == {"scores.1.1", "scores.7.7"}
    assert "0, 1, 2" in errors["scores.1.1"][0]
    draft.refresh_from_db()
    assert draft.content["scores"] == {}
    assert draft.version == 1


def test_update_merges_bumps_version_and_audits_the_change(draft, center_staff):
    report = report_update(
        report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 2, "1.3": "1.5"}}
    )
    report = report_update(
        report=report, user=center_staff, version=2, changes={"scores": {"1.1": None, "1.2": 1}}
    )

    assert report.version == 3
    assert report.content["scores"] == {"1.3": 1.5, "1.2": 1}
    entries = list(audit_trail(report).order_by("pk"))
    assert [e.action for e in entries] == ["create", "update", "update"]
    assert entries[-1].actor == center_staff
    assert entries[-1].changes == {"scores.1.1": [2, None], "scores.1.2": [None, 1]}


def test_stale_version_changes_nothing(draft, center_staff):
    report_update(report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 2}})

    with pytest.raises(StaleVersion) as conflict:
        report_update(report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 0}})

    assert conflict.value.current_version == 2
    draft.refresh_from_db()
    assert draft.content["scores"] == {"1.1": 2}
    assert draft.version == 2


def test_submit_lists_everything_missing(draft, center_staff, cpo_spec):
    report_update(report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 2}})

    with pytest.raises(ValidationError) as error:
        report_submit(report=draft, user=center_staff)

    missing = error.value.message_dict
    assert len(missing) == len(cpo_spec.criteria) - 1 + len(cpo_spec.sections)
    assert "scores.1.1" not in missing
    assert "scores.2.14" in missing
    assert "narrative.measures" in missing
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def test_submit_snapshots_and_sends_receipt(
    draft, center_staff, cpo_spec, django_capture_on_commit_callbacks
):
    for applicants in (10, 7):
        ValidationProcedureFactory(
            center=draft.center,
            start_date=date(draft.year, 2, 1),
            end_date=date(draft.year, 5, 1),
            applicants=applicants,
        )
    report_update(report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec))

    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(report=draft, user=center_staff, version=2)

    assert report.status == ReportStatus.SUBMITTED
    assert report.first_submitted_at is not None
    submission = report.submissions.get()
    assert submission.is_latest
    assert submission.total_score == 100
    assert submission.quality_level == "excellent"
    assert submission.scores.count() == len(cpo_spec.criteria)
    assert submission.validation_procedures == 2
    assert submission.validation_persons == 17
    assert submission.content == report.content
    assert audit_trail(report).first().action == "submit"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [center_staff.email]
    assert f"/reports/{report.pk}/receipt/1.pdf" in mail.outbox[0].body


def test_submitted_report_is_read_only(draft, center_staff, cpo_spec):
    report_update(report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec))
    report = report_submit(report=draft, user=center_staff)

    with pytest.raises(ValidationError) as error:
        report_update(
            report=report, user=center_staff, version=report.version, changes={"scores": {"1.1": 0}}
        )

    assert "status" in error.value.message_dict


def test_snapshot_is_immutable_when_a_returned_report_is_corrected(draft, center_staff, cpo_spec):
    report_update(report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec))
    report = report_submit(report=draft, user=center_staff)
    snapshot = report.submissions.get()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED)
    report.refresh_from_db()

    report_update(
        report=report, user=center_staff, version=report.version, changes={"scores": {"1.1": 0}}
    )

    snapshot.refresh_from_db()
    assert snapshot.content["scores"]["1.1"] == 2
    assert snapshot.total_score == 100
    again = report_submit(report=Report.objects.get(pk=report.pk), user=center_staff)
    assert [s.is_latest for s in again.submissions.order_by("number")] == [False, True]
    assert again.submissions.get(is_latest=True).total_score == 98
    assert again.first_submitted_at == report.first_submitted_at


@pytest.mark.parametrize(("opens_days_ago", "expected_on_time"), [(0, True)])
def test_early_filing_of_an_opened_year_is_on_time(
    center, center_staff, year, cpo_spec, opens_days_ago, expected_on_time
):
    ReportingPeriod.objects.create(
        year=year + 1, opens_on=timezone.localdate() - timedelta(days=opens_days_ago)
    )
    report = report_create(
        center=center, year=year + 1, user=center_staff, content=complete_content(cpo_spec)
    )

    report = report_submit(report=report, user=center_staff)

    assert report.submitted_on_time is expected_on_time


def test_filing_after_the_deadline_is_allowed_and_late(center, center_staff, year, cpo_spec):
    report = report_create(
        center=center, year=year - 1, user=center_staff, content=complete_content(cpo_spec)
    )

    report = report_submit(report=report, user=center_staff)

    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_on_time is False


def test_cipo_report(cipo_spec, year):
    center = CenterFactory(kind="CIPO")
    staff = UserFactory(centers=[center])
    report = report_create(center=center, year=year, user=staff)
    assert report.framework.code == "CIPO-2022"

    with pytest.raises(ValidationError) as error:
        report_update(report=report, user=staff, version=1, changes={"scores": {"1.1": 2}})
    assert "scores" in error.value.message_dict

    content = complete_content(cipo_spec)
    content["answers"]["2.4"] = False
    content["comments"] = {"2.4": "Системата се въвежда през следващата година."}
    report = report_update(report=report, user=staff, version=1, changes=content)
    report = report_submit(report=report, user=staff)

    answers = report.submissions.get().answers
    assert answers.count() == len(cipo_spec.indicators)
    assert answers.get(indicator__code="2.4").comment.startswith("Системата")
    assert answers.filter(value=True).count() == len(cipo_spec.indicators) - 1


def test_two_colleagues_opening_the_report_at_once_get_a_message_not_a_500(
    transactional_db, center, center_staff, year
):
    import threading
    import time

    from django.db import connection, transaction

    inserted = threading.Event()

    def colleague():
        # Creates the report and keeps it uncommitted for a moment: the other
        # call's existence check passes and its INSERT waits on the unique index.
        try:
            with transaction.atomic():
                report_create(center=center, year=year, user=center_staff)
                inserted.set()
                time.sleep(1)
        finally:
            connection.close()

    thread = threading.Thread(target=colleague)
    thread.start()
    assert inserted.wait(10)
    with pytest.raises(ValidationError) as refused:
        report_create(center=center, year=year, user=center_staff)
    thread.join()

    assert refused.value.message_dict == {
        "year": [f"Докладът на центъра за {year} вече е създаден."]
    }
    assert Report.objects.filter(center=center, year=year).count() == 1
