import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from selfassessment.models import Report, ReportStatus
from selfassessment.transitions import report_create

from ..conftest import PASSWORD
from ..factories import CenterFactory, UserFactory
from .conftest import log_in

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
