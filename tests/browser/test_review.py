import pytest
from django.utils import timezone
from playwright.sync_api import expect

from selfassessment.deadlines import current_reporting_year
from selfassessment.models import Report, ReportStatus

from ..conftest import PASSWORD
from ..factories import CenterFactory, ExpertFactory, FiledReportFactory, UserFactory
from .conftest import log_in

pytestmark = pytest.mark.browser


def test_return_with_remark_correct_resubmit_diff_accept(new_page, transactional_db):
    center = CenterFactory(name="ЦПО към „Преглед“ ООД")
    staff = UserFactory(centers=[center])
    expert = ExpertFactory()
    report = FiledReportFactory(
        center=center, staff=staff, year=current_reporting_year(timezone.localdate()), pick=1
    )

    # The expert returns the report with a remark on criterion 1.1.
    agency = new_page()
    log_in(agency, expert.email, PASSWORD)
    agency.goto(f"/review/{report.pk}/")
    agency.get_by_label("Мотиви за връщането").fill("Моля, прегледайте популяризирането.")
    agency.locator("#id_remarks-0-field").select_option("scores.1.1")
    agency.locator("#id_remarks-0-text").fill("Посочете всички канали за популяризиране.")
    agency.get_by_role("button", name="Върни за корекция").click()
    expect(agency.locator("#report-status")).to_have_text("върнат за корекция")

    # The centre sees the remark beside that criterion, corrects and resubmits.
    centre = new_page()
    log_in(centre, staff.email, PASSWORD)
    centre.goto(f"/reports/{report.pk}/")
    criterion = centre.locator("#f-scores-1-1")
    expect(criterion.locator(".remark")).to_contain_text(
        "Посочете всички канали за популяризиране."
    )
    expect(centre.locator("#f-scores-1-2 .remark")).to_have_count(0)
    criterion.locator("input[type=radio]").last.check()
    centre.get_by_role("button", name="Към подаване").click()
    centre.get_by_role("button", name="Подай доклада").click()
    expect(centre.get_by_text("Докладът е подаден.")).to_be_visible()

    # The expert sees what changed and accepts.
    agency.goto(f"/review/{report.pk}/")
    row = agency.locator('tr[data-field="scores.1.1"]')
    expect(row.locator(".diff-old")).to_have_text("1")
    expect(row.locator(".diff-new")).to_have_text("2")
    expect(agency.locator("tr[data-field]")).to_have_count(1)
    agency.get_by_role("button", name="Приемам доклада").click()
    expect(agency.locator("#report-status")).to_have_text("приет")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED
