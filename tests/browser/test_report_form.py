import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from selfassessment.models import Report, ReportStatus
from selfassessment.transitions import report_create

from ..conftest import PASSWORD
from ..factories import CenterFactory, UserFactory
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_centre_fills_saves_submits_and_downloads_receipt(page, transactional_db):
    from django.utils import timezone

    from selfassessment.deadlines import current_reporting_year

    center = CenterFactory(name="ЦПО към „Браузър Тест“ ЕООД")
    staff = UserFactory(centers=[center])
    year = current_reporting_year(timezone.localdate())
    report = report_create(center=center, year=year, user=staff)
    spec = report.framework.spec

    log_in(page, staff.email, PASSWORD)
    page.goto(f"/reports/{report.pk}/")
    total = page.locator("#score-total")
    level = page.locator("#score-level")
    expect(total).to_have_text("0")
    expect(level).to_have_text("Незадоволително")

    # Choose the highest level everywhere: the total and level follow, no reload.
    for criterion in spec.criteria:
        page.locator(f"#f-scores-{criterion.code.replace('.', '-')} input[type=radio]").last.check()
    expect(total).to_have_text("100")
    expect(level).to_have_text("Отлично")
    # One criterion down to its lowest level.
    page.locator("#f-scores-1-1 input[type=radio]").first.check()
    expect(total).to_have_text("98")
    expect(page.locator("#area-total-1")).to_have_text("18")

    page.get_by_role("button", name="Запази черновата").click()
    expect(page.get_by_text("Черновата е запазена")).to_be_visible()
    page.reload()
    expect(page.locator("#f-scores-1-1 input[type=radio]").first).to_be_checked()
    expect(page.locator("#f-scores-2-13 input[type=radio]").last).to_be_checked()
    expect(total).to_have_text("98")

    # Submitting without the narrative lists what is missing, with links.
    page.get_by_role("button", name="Към подаване").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_count(len(spec.sections))
    for section in spec.sections:
        page.get_by_label(section.title).fill(f"Текст за раздел „{section.title}“.")
    page.get_by_role("button", name="Към подаване").click()

    expect(page.get_by_role("heading", name="Потвърдете подаването")).to_be_visible()
    expect(page.locator("#confirm-total")).to_have_text("98")
    expect(page.locator("#confirm-level")).to_have_text("Отлично")
    page.get_by_role("button", name="Подай доклада").click()

    expect(page.get_by_text("Докладът е подаден.")).to_be_visible()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    receipt = page.get_by_role("link", name="Разписка (PDF)")
    response = page.request.get(receipt.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert center.name in text
    assert "Отлично" in text


def _draft_for_browser():
    from django.utils import timezone

    from selfassessment.deadlines import current_reporting_year

    center = CenterFactory()
    staff = UserFactory(centers=[center])
    year = current_reporting_year(timezone.localdate())
    return staff, report_create(center=center, year=year, user=staff)


def test_autosave_keeps_what_is_typed_without_a_click(page, transactional_db):
    staff, report = _draft_for_browser()
    spec = report.framework.spec
    section = spec.sections[0]
    top = spec.criteria[0].levels[-1]

    log_in(page, staff.email, PASSWORD)
    page.goto(f"/reports/{report.pk}/")
    page.get_by_label(section.title).fill("Написано и запазено без бутон.")
    page.locator("#f-scores-1-1 input[type=radio]").last.check()
    expect(page.locator("#autosave-status")).to_contain_text("Запазено автоматично", timeout=15_000)

    report.refresh_from_db()
    assert report.content["narrative"][section.code] == "Написано и запазено без бутон."
    assert report.content["scores"]["1.1"] == top.raw
    page.reload()
    expect(page.get_by_label(section.title)).to_have_value("Написано и запазено без бутон.")
    # The explicit save still works after autosaves: the page holds the new version.
    page.get_by_label(section.title).fill("И после с бутона.")
    page.get_by_role("button", name="Запази черновата").click()
    expect(page.get_by_text("Черновата е запазена")).to_be_visible()
    report.refresh_from_db()
    assert report.content["narrative"][section.code] == "И после с бутона."


def test_autosave_never_overwrites_a_colleagues_save(page, transactional_db):
    from selfassessment.transitions import report_update

    staff, report = _draft_for_browser()
    section = report.framework.spec.sections[0]

    log_in(page, staff.email, PASSWORD)
    page.goto(f"/reports/{report.pk}/")
    report_update(
        report=report,
        user=staff,
        version=report.version,
        changes={"narrative": {section.code: "Текстът на колегата."}},
    )
    page.get_by_label(section.title).fill("Моят текст.")

    expect(page.locator("#autosave-status")).to_contain_text(
        "Докладът е променен от друг прозорец или колега", timeout=15_000
    )
    report.refresh_from_db()
    assert report.content["narrative"][section.code] == "Текстът на колегата."


def _in_view(page, selector):
    """Whether the element is wholly inside the window as it is scrolled now."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight + 1 && box.height > 0;
        }""",
        selector,
    )


def test_phone_bar_stays_reachable_and_last_year_fills_the_confirmation(page, transactional_db):
    from django.utils import timezone

    from selfassessment.deadlines import current_reporting_year
    from selfassessment.transitions import report_update

    from ..factories import FiledReportFactory, complete_content

    center = CenterFactory(name="ЦПО „Телефон“ ЕООД")
    staff = UserFactory(centers=[center])
    year = current_reporting_year(timezone.localdate())
    FiledReportFactory(center=center, staff=staff, year=year - 1, pick=0)
    report = report_create(center=center, year=year, user=staff)
    spec = report.framework.spec

    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, staff.email, PASSWORD)
    page.goto(f"/reports/{report.pk}/")
    panel = page.locator("#score-panel")
    assert panel.evaluate("e => getComputedStyle(e).position") == "sticky"
    height = page.evaluate("document.getElementById('report-form').offsetHeight")
    assert height > 5000  # a long form on a phone: the bar must travel with it

    # At the top, in the middle and at the very end of the form the bar is on screen,
    # with the total, the level and both buttons.
    for where in (0.0, 0.5, 1.0):
        page.evaluate(
            """(where) => {
                const form = document.getElementById("report-form");
                const end = form.offsetTop + form.offsetHeight - window.innerHeight;
                window.scrollTo(0, Math.max(0, end * where));
            }""",
            where,
        )
        assert _in_view(page, "#score-panel"), where
    last = spec.criteria[-1]
    page.locator(f"#f-scores-{last.code.replace('.', '-')} input[type=radio]").last.check()
    expect(panel.locator("#score-total")).to_have_text(
        format(last.levels[-1].points.normalize(), "f")
    )
    expect(panel.locator("#score-level")).to_have_text("Незадоволително")
    assert page.evaluate("document.getElementById('score-panel').offsetHeight") < 130
    expect(panel.get_by_role("button", name="Към подаване")).to_be_visible()
    panel.get_by_role("button", name="Запази черновата").click()
    expect(page.get_by_text("Черновата е запазена")).to_be_visible()

    page.evaluate("window.scrollTo(0, 0)")
    overflow = screenshot(page, "report-form")
    assert overflow == {"desktop": 0, "phone": 0}
    # On a wide screen the panel is beside the form again, stuck at the top.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert panel.evaluate("e => getComputedStyle(e).top") == "16px"

    # The confirmation step shows last year's points beside this year's.
    report.refresh_from_db()
    report_update(report=report, user=staff, version=report.version, changes=complete_content(spec))
    page.goto(f"/reports/{report.pk}/confirm/")
    expect(page.get_by_role("heading", name="Потвърдете подаването")).to_be_visible()
    previous = page.locator("table.data-table tbody tr td:last-child")
    expect(previous).to_have_count(len(spec.criteria))
    for cell in previous.all_inner_texts():
        assert cell.strip() == "0"
    overflow = screenshot(page, "report-confirm")
    assert overflow == {"desktop": 0, "phone": 0}


def test_error_summary_link_moves_focus_to_the_field(page, transactional_db):
    staff, report = _draft_for_browser()
    spec = report.framework.spec
    section = spec.sections[2]
    criterion = spec.criteria[5]

    log_in(page, staff.email, PASSWORD)
    page.goto(f"/reports/{report.pk}/")
    page.get_by_role("button", name="Към подаване").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()

    summary.get_by_role("link", name=section.title, exact=True).click()
    expect(page.get_by_label(section.title)).to_be_focused()
    summary.get_by_role("link", name=f"{criterion.code}. {criterion.title}", exact=True).click()
    anchor = f"#f-scores-{criterion.code.replace('.', '-')}"
    expect(page.locator(f"{anchor} input[type=radio]").first).to_be_focused()
    assert _in_view(page, anchor)
