"""Which years a centre may report for, and the administrator's annulment of a
filed report (issue 13, point 2)."""

import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from centers.models import LicenseStatus
from centers.selectors import center_was_licensed_in
from core.audit import audit_trail
from selfassessment.models import Decision, DecisionKind, Report, ReportStatus
from selfassessment.transitions import report_annul, report_create

from ..factories import CenterFactory, FiledReportFactory, UserFactory
from .test_import_reports import cpo_line, run_import


def _staff(center):
    return UserFactory(centers=[center])


# --- Years ---------------------------------------------------------------------------


def test_a_centre_licensed_in_december_2022_cannot_file_for_2018(db):
    center = CenterFactory(license_date=date(2022, 12, 16))

    with pytest.raises(ValidationError) as error:
        report_create(center=center, year=2018, user=_staff(center))

    assert "не е бил лицензиран през 2018" in error.value.message_dict["year"][0]
    assert not Report.objects.exists()
    assert report_create(center=center, year=2022, user=_staff(center)).year == 2022


@pytest.mark.parametrize(
    ("history", "year", "licensed"),
    [
        ([], 2023, True),
        ([(LicenseStatus.REVOKED, date(2021, 5, 1))], 2023, False),
        ([(LicenseStatus.SUSPENDED, date(2023, 3, 1))], 2023, True),  # active in Jan–Feb
        (
            [
                (LicenseStatus.SUSPENDED, date(2022, 3, 1)),
                (LicenseStatus.ACTIVE, date(2023, 12, 31)),
            ],
            2023,
            True,  # active again on the last day
        ),
        ([(LicenseStatus.TERMINATED, date(2022, 12, 31))], 2023, False),
    ],
)
def test_licensed_on_some_day_of_the_year(db, history, year, licensed):
    center = CenterFactory(license_date=date(2015, 6, 1), history=history)

    assert center_was_licensed_in(center, year) is licensed


def test_no_report_before_the_first_year_of_the_framework(db):
    center = CenterFactory(kind="CIPO", license_date=date(2010, 1, 1))

    with pytest.raises(ValidationError) as error:
        report_create(center=center, year=2021, user=_staff(center))

    assert "Няма рамка" in error.value.message_dict["year"][0]


def test_no_report_after_the_open_year(center, center_staff, year):
    with pytest.raises(ValidationError) as error:
        report_create(center=center, year=year + 3, user=center_staff)

    assert "още не е започнало" in error.value.message_dict["year"][0]


def test_api_refuses_a_year_without_licence_with_a_field_error(api_client, db):
    center = CenterFactory(license_date=date(2022, 12, 16))
    api_client.force_authenticate(_staff(center))

    response = api_client.post(
        "/api/v1/reports/", {"center": center.license_number, "year": 2018}, format="json"
    )

    assert response.status_code == 400
    assert "не е бил лицензиран през 2018" in response.json()["year"][0]


def test_import_of_history_is_not_bound_by_the_licence_years(tmp_path, db):
    center = CenterFactory(kind="CPO", license_date=date(2022, 12, 16))
    line = cpo_line(center, year=2019, submitted_at="2020-01-30T10:00:00+02:00")
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")

    code, _out, err = run_import(path)

    assert (code, err) == (0, "")
    assert Report.objects.get(center=center).year == 2019


# --- Annulment -----------------------------------------------------------------------


@pytest.fixture
def filed(center, center_staff, year):
    return FiledReportFactory(center=center, staff=center_staff, year=year)


def _submitted_count(api_client, user, year):
    api_client.force_authenticate(user)
    return api_client.get(f"/api/v1/statistics/{year}/?kind=CPO").json()["submitted"]


def test_administrator_annuls_a_filed_report(
    api_client, filed, administrator, center_staff, year, django_capture_on_commit_callbacks
):
    assert _submitted_count(api_client, administrator, year) == 1  # and now cached
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report = report_annul(
            report=filed, administrator=administrator, reason="Подаден за чужда година."
        )

    assert report.status == ReportStatus.ANNULLED
    assert report.get_status_display() == "анулиран"
    decision = Decision.objects.get(report=report, kind=DecisionKind.ANNULLED)
    assert decision.reason == "Подаден за чужда година."
    assert decision.decided_by == administrator
    assert audit_trail(report)[0].action == "annul"
    assert [m.to for m in mail.outbox] == [[center_staff.email]]
    assert "анулиран" in mail.outbox[0].subject
    assert "Подаден за чужда година." in mail.outbox[0].body
    # The cached statistics were dropped: the annulled report counts nowhere.
    assert _submitted_count(api_client, administrator, year) == 0
    # It stays readable to the agency and to its centre.
    for user in (administrator, center_staff):
        api_client.force_authenticate(user)
        assert api_client.get(f"/api/v1/reports/{report.pk}/").json()["status"] == "annulled"


def test_only_an_administrator_annuls_and_only_a_filed_report(filed, expert, administrator):
    with pytest.raises(PermissionDenied) as denied:
        report_annul(report=filed, administrator=expert, reason="Причина")
    assert "Само администратор" in str(denied.value)

    with pytest.raises(ValidationError) as error:
        report_annul(report=filed, administrator=administrator, reason="  ")
    assert "reason" in error.value.message_dict

    report_annul(report=filed, administrator=administrator, reason="Причина")
    with pytest.raises(ValidationError) as error:
        report_annul(report=filed, administrator=administrator, reason="Отново")
    assert "status" in error.value.message_dict


def test_a_draft_cannot_be_annulled(draft, administrator):
    with pytest.raises(ValidationError) as error:
        report_annul(report=draft, administrator=administrator, reason="Причина")

    assert "Анулира се само подаден доклад" in error.value.message_dict["status"][0]


def test_api_annul_for_administrators_only(api_client, filed, expert, administrator):
    api_client.force_authenticate(expert)
    refused = api_client.post(
        f"/api/v1/reports/{filed.pk}/annul/", {"reason": "Причина"}, format="json"
    )
    assert refused.status_code == 403
    assert "Само администратор" in refused.json()["detail"]

    api_client.force_authenticate(administrator)
    no_reason = api_client.post(f"/api/v1/reports/{filed.pk}/annul/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()

    response = api_client.post(
        f"/api/v1/reports/{filed.pk}/annul/", {"reason": "Причина"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "annulled"
    assert Report.objects.get(pk=filed.pk).status == ReportStatus.ANNULLED


def test_centre_staff_cannot_annul_through_the_api(api_client, filed, center_staff):
    api_client.force_authenticate(center_staff)

    response = api_client.post(
        f"/api/v1/reports/{filed.pk}/annul/", {"reason": "Причина"}, format="json"
    )

    assert response.status_code == 403
    assert Report.objects.get(pk=filed.pk).status != ReportStatus.ANNULLED


def test_review_page_offers_annul_to_administrators_with_confirmation(
    client, filed, expert, administrator
):
    client.force_login(expert)
    assert "Анулирай" not in client.get(f"/review/{filed.pk}/").content.decode()
    assert (
        client.post(f"/review/{filed.pk}/annul/", {"reason": "x", "confirm": "on"}).status_code
        == 403
    )

    client.force_login(administrator)
    assert "Анулирай" in client.get(f"/review/{filed.pk}/").content.decode()
    unconfirmed = client.post(f"/review/{filed.pk}/annul/", {"reason": "Причина"}, follow=True)
    assert "Потвърдете анулирането." in unconfirmed.content.decode()
    assert Report.objects.get(pk=filed.pk).status == ReportStatus.SUBMITTED

    done = client.post(f"/review/{filed.pk}/annul/", {"reason": "Причина", "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == f"/reports/{filed.pk}/"
    assert Report.objects.get(pk=filed.pk).status == ReportStatus.ANNULLED
    page = client.get(f"/reports/{filed.pk}/")
    assert page.status_code == 200 and "анулиран" in page.content.decode()
    # It has left the review queue.
    assert client.get(f"/review/{filed.pk}/").status_code == 404


def test_annulled_report_is_not_last_years_comparison(db, administrator):
    center = CenterFactory()
    staff = _staff(center)
    this_year = timezone.localdate().year - 1
    earlier = FiledReportFactory(center=center, staff=staff, year=this_year - 1)
    report_annul(report=earlier, administrator=administrator, reason="Причина")
    current = report_create(center=center, year=this_year, user=staff)

    from selfassessment.selectors import previous_submission

    assert previous_submission(current) is None


def test_no_filing_reminder_for_a_centre_whose_report_was_annulled(
    filed, center, administrator, year
):
    from review.reminders import centers_to_remind

    assert center not in centers_to_remind(year)
    report_annul(report=filed, administrator=administrator, reason="Причина")

    assert center not in centers_to_remind(year)
    assert CenterFactory() in centers_to_remind(year)  # one that has not filed
