import pytest
from django.utils import timezone
from playwright.sync_api import expect

from selfassessment.deadlines import current_reporting_year
from selfassessment.models import Remark, Report, ReportStatus

from ..conftest import PASSWORD
from ..factories import (
    AdministratorFactory,
    CenterFactory,
    ExpertFactory,
    FiledReportFactory,
    UserFactory,
)
from .conftest import log_in, screenshot

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
    agency.get_by_role("link", name="Приемам доклада").click()
    agency.get_by_role("button", name="Потвърждавам приемането").click()
    expect(agency.locator("#report-status")).to_have_text("приет")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def _in_view(page, selector):
    """Whether the element is wholly inside the window as it is scrolled now."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight + 1 && box.height > 0;
        }""",
        selector,
    )


def test_review_screen_content_first_remarks_by_name_previous_year(new_page, transactional_db):
    year = current_reporting_year(timezone.localdate())
    center = CenterFactory(name="ЦПО „Две години“ ЕООД")
    staff = UserFactory(centers=[center])
    FiledReportFactory(center=center, staff=staff, year=year - 1, pick=0)
    report = FiledReportFactory(center=center, staff=staff, year=year, pick=-1)
    spec = report.framework.spec
    criterion, section = spec.criteria[3], spec.sections[1]
    expert = ExpertFactory()

    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, expert.email, PASSWORD)
    page.goto(f"/review/{report.pk}/")

    # The report comes first; the decision panel follows it and stays in view.
    assert page.evaluate(
        """() => Boolean(document.getElementById("report-content")
            .compareDocumentPosition(document.getElementById("decision"))
            & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    assert page.locator("#decision").evaluate("e => getComputedStyle(e).position") == "sticky"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight * 0.6)")
    assert page.evaluate("window.scrollY") > 1500
    assert _in_view(page, "#decision")
    expect(page.locator("#decision").get_by_role("link", name="Приемам доклада")).to_be_visible()

    # Last year's report fills the "previous report" column (level 0 everywhere then).
    previous = page.locator("#report-content table.data-table tbody tr td:last-child")
    expect(previous).to_have_count(len(spec.criteria))
    expect(previous.first).to_have_text("0")
    expect(page.locator("#report-content")).to_contain_text(f"доклада за {year - 1} г.")

    page.evaluate("window.scrollTo(0, 0)")
    overflow = screenshot(page, "review-screen")
    assert overflow == {"desktop": 0, "phone": 0}

    # Two remarks, one in a row the page adds, each pinned by the name of what it is about.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".remark-rows .remark-row")).to_have_count(3)
    page.get_by_role("button", name="Добави бележка").click()
    expect(page.locator(".remark-rows .remark-row")).to_have_count(4)
    expect(page.locator("#id_remarks-3-field")).to_be_focused()
    page.get_by_label("Мотиви за връщането").fill("Две неща за поправяне.")
    page.locator("#id_remarks-0-field").select_option(label=section.title)
    page.locator("#id_remarks-0-text").fill("Разширете този раздел.")
    page.locator("#id_remarks-3-field").select_option(label=f"{criterion.code}. {criterion.title}")
    page.locator("#id_remarks-3-text").fill("Приложете доказателства.")
    page.get_by_role("button", name="Върни за корекция").click()
    expect(page.locator("#report-status")).to_have_text("върнат за корекция")

    stored = list(Remark.objects.filter(decision__report=report).values_list("field", "text"))
    assert stored == [
        (f"narrative.{section.code}", "Разширете този раздел."),
        (f"scores.{criterion.code}", "Приложете доказателства."),
    ]
    remarks = page.locator(".decision-remark")
    expect(remarks).to_have_count(2)
    expect(remarks.nth(0)).to_have_text(f"{section.title}: Разширете този раздел.")
    expect(remarks.nth(1)).to_have_text(
        f"{criterion.code}. {criterion.title}: Приложете доказателства."
    )


def test_accepting_asks_for_confirmation_and_then_offers_no_take_or_assign(page, transactional_db):
    report = FiledReportFactory(year=current_reporting_year(timezone.localdate()))
    administrator = AdministratorFactory()

    log_in(page, administrator.email, PASSWORD)
    page.goto(f"/review/{report.pk}/")
    expect(page.get_by_role("button", name="Поемам доклада")).to_be_visible()
    expect(page.get_by_role("button", name="Разпредели")).to_be_visible()

    page.get_by_role("link", name="Приемам доклада").click()
    expect(page.get_by_role("heading", name="Потвърдете приемането")).to_be_visible()
    expect(page.locator("#lock-warning")).to_contain_text("докладът ще бъде заключен")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    overflow = screenshot(page, "review-accept-confirm")
    assert overflow == {"desktop": 0, "phone": 0}

    # Cancelling changes nothing; confirming accepts.
    page.get_by_role("link", name="Отказ").click()
    expect(page.locator("#report-status")).to_have_text("подаден")
    page.get_by_role("link", name="Приемам доклада").click()
    page.get_by_role("button", name="Потвърждавам приемането").click()
    expect(page.locator("#report-status")).to_have_text("приет")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED

    expect(page.get_by_text("Докладът е приет и заключен.")).to_be_visible()
    expect(page.get_by_role("button", name="Поемам доклада")).to_have_count(0)
    expect(page.get_by_role("button", name="Разпредели")).to_have_count(0)
    expect(page.get_by_role("link", name="Приемам доклада")).to_have_count(0)
