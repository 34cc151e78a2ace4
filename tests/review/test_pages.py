"""The queue, the review page and their permissions."""

import csv
import io

import pytest
from openpyxl import load_workbook

from selfassessment.models import Report, ReportStatus
from selfassessment.transitions import report_return

from ..factories import CenterFactory, FiledReportFactory, UserFactory


@pytest.fixture
def agency(client, expert):
    client.force_login(expert)
    return client


def test_centre_staff_cannot_see_the_queue_or_decide(client, api_client, center_staff, submitted):
    client.force_login(center_staff)
    api_client.force_authenticate(center_staff)

    assert client.get("/review/").status_code == 403
    assert client.get(f"/review/{submitted.pk}/").status_code == 403
    assert client.get("/review/campaign/").status_code == 403
    assert client.get("/review/export.csv").status_code == 403
    assert client.post(f"/review/{submitted.pk}/accept/").status_code == 403
    assert client.post(f"/review/{submitted.pk}/return/", {"reason": "x"}).status_code == 403
    assert (
        api_client.post(f"/api/v1/reports/{submitted.pk}/accept/", {}, format="json").status_code
        == 403
    )
    assert (
        api_client.post(
            f"/api/v1/reports/{submitted.pk}/return/", {"reason": "x"}, format="json"
        ).status_code
        == 403
    )
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED


def test_anonymous_is_sent_to_log_in(client, submitted):
    assert client.get("/review/")["Location"].startswith("/accounts/login/")


def test_centre_never_sees_another_centres_remarks(client, api_client, submitted, expert):
    report_return(
        report=submitted,
        expert=expert,
        reason="Тайни мотиви",
        remarks=[{"field": "scores.1.1", "text": "Тайна забележка"}],
    )
    outsider = UserFactory(centers=[CenterFactory()])
    client.force_login(outsider)
    api_client.force_authenticate(outsider)

    assert client.get(f"/reports/{submitted.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/reports/{submitted.pk}/").status_code == 404
    listed = api_client.get("/api/v1/reports/").json()
    assert "Тайна" not in str(listed)


def test_centre_sees_remarks_beside_the_field(client, center_staff, submitted, expert):
    report_return(
        report=submitted,
        expert=expert,
        reason="Моля, допълнете.",
        remarks=[
            {"field": "scores.1.1", "text": "Посочете каналите."},
            {"field": "narrative.goal", "text": "Целта е твърде обща."},
            {"field": "", "text": "Обща забележка."},
        ],
    )
    client.force_login(center_staff)

    page = client.get(f"/reports/{submitted.pk}/").content.decode()

    criterion = page[page.index('id="f-scores-1-1"') : page.index('id="f-scores-1-2"')]
    assert "Посочете каналите." in criterion
    section = page[page.index('id="f-narrative-goal"') :]
    assert "Целта е твърде обща." in section[:2000]
    notice = page[page.index('id="return-notice"') : page.index('id="return-notice"') + 2000]
    assert "Моля, допълнете." in notice
    assert "Обща забележка." in notice


def test_queue_filters_and_flags(agency, center, center_staff, year, expert):
    late_center = CenterFactory(region="BG-03")
    late_staff = UserFactory(centers=[late_center])
    zero = FiledReportFactory(center=late_center, staff=late_staff, year=year, pick=0)
    good = FiledReportFactory(center=center, staff=center_staff, year=year, pick=-1)

    def numbers(**query):
        page = agency.get("/review/", query).content.decode()
        return {
            r.center.license_number
            for r in Report.objects.all()
            if f">{r.center.license_number}</a>" in page
        }

    assert numbers() == {center.license_number, late_center.license_number}
    assert numbers(zero_value="yes") == {zero.center.license_number}
    assert numbers(flagged="yes") == {zero.center.license_number, good.center.license_number}
    assert numbers(region="BG-03") == {late_center.license_number}
    assert numbers(level="excellent") == {center.license_number}
    assert numbers(q=late_center.eik) == {late_center.license_number}
    assert numbers(expert="null") == {center.license_number, late_center.license_number}
    review = agency.get(f"/review/{zero.pk}/").content.decode()
    assert 'data-code="zero_value"' in review


def test_exports_neutralise_formulas(agency, year):
    evil = CenterFactory(name='=HYPERLINK("http://x","y")')
    FiledReportFactory(center=evil, staff=UserFactory(centers=[evil]), year=year)

    text = agency.get("/review/export.csv").content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["Лицензия"] == evil.license_number)
    assert row["Център"].startswith("'=")

    workbook = load_workbook(io.BytesIO(agency.get("/review/export.xlsx").content))
    names = [c.value for c in workbook.active["B"]]
    assert "'" + evil.name in names
    assert evil.name not in names


def test_take_and_assign(agency, client, submitted, expert, administrator):
    agency.post(f"/review/{submitted.pk}/assign/", {"take": "1"})
    assert Report.objects.get(pk=submitted.pk).assigned_expert == expert

    other = UserFactory(role="expert")
    agency.post(f"/review/{submitted.pk}/assign/", {"expert": other.pk})  # not an administrator
    assert Report.objects.get(pk=submitted.pk).assigned_expert == expert

    client.force_login(administrator)
    client.post(f"/review/{submitted.pk}/assign/", {"expert": other.pk})
    assert Report.objects.get(pk=submitted.pk).assigned_expert == other


def test_return_page_needs_a_reason(agency, submitted):
    response = agency.post(
        f"/review/{submitted.pk}/return/",
        {
            "reason": "",
            "due_date": "2099-01-01",
            "remarks-TOTAL_FORMS": "0",
            "remarks-INITIAL_FORMS": "0",
        },
        follow=True,
    )

    assert "Мотиви за връщането" in response.content.decode()
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED


def test_expert_cannot_change_a_centres_content(client, expert, draft):
    client.force_login(expert)

    assert client.post(f"/reports/{draft.pk}/", {"version": 1, "action": "save"}).status_code == 403
