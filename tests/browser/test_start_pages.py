"""Each role's start page in a real browser, at 1280 and 390 px: what it says, where
its buttons lead, and a header that fits (one line at 1280 px, a menu on a phone)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from centers.services import centers_import_file
from core.importing import ImportFileError
from core.models import PendingTask
from reports.models import Analysis, AnalysisStatus
from selfassessment.deadlines import current_reporting_year, days_left
from selfassessment.models import Decision, Report
from selfassessment.transitions import report_assign, report_return

from ..conftest import PASSWORD
from ..factories import (
    AdministratorFactory,
    CenterFactory,
    ExpertFactory,
    FiledReportFactory,
    UserFactory,
)
from .conftest import ARTEFACTS, log_in, screenshot

pytestmark = pytest.mark.browser


def _deadline_text(year, filed):
    left = days_left(timezone.now(), year)
    if left < 0:
        return "изтекъл преди" if filed else "просрочен"
    if left == 0:
        return "днес е последният ден"
    return "остава 1 ден" if left == 1 else f"остават {left} дни"


def _return(report, expert, remarks=2, due_in=10):
    return report_return(
        report=report,
        expert=expert,
        reason="Непълен доклад.",
        remarks=[{"field": "", "text": f"Забележка {i}"} for i in range(remarks)],
        due_date=timezone.localdate() + timedelta(days=due_in),
    )


def _assert_header_fits(page):
    """At 1280 px, and down to the compact menu's breakpoint (1024 px), the whole
    menu, „Изход“ included, is one line."""
    nav = page.get_by_role("navigation", name="Основна навигация")
    for width in (1280, 1025):
        page.set_viewport_size({"width": width, "height": 900})
        first = nav.get_by_role("link").first.bounding_box()
        logout = nav.get_by_role("button", name="Изход")
        expect(logout).to_be_visible()
        assert abs(logout.bounding_box()["y"] - first["y"]) < 8, width
        expect(nav.get_by_role("button", name="Меню")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})


def _assert_phone_menu(page):
    """Below ~960 px the menu is one button that opens and closes from the keyboard."""
    page.set_viewport_size({"width": 390, "height": 900})
    nav = page.get_by_role("navigation", name="Основна навигация")
    toggle = nav.get_by_role("button", name="Меню")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("button", name="Изход")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("button", name="Изход")).to_be_visible()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / "start-menu-open-phone.png")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.set_viewport_size({"width": 1280, "height": 900})


def test_centre_staff_start_page_states_and_next_steps(page, transactional_db):
    year = current_reporting_year(timezone.localdate())
    returned_centre = CenterFactory(name="ЦПО „Върнат доклад“ ЕООД")
    fresh_centre = CenterFactory(name="ЦПО „Ахтопол“ ООД")
    staff = UserFactory(centers=[returned_centre])
    staff.centers.add(fresh_centre)
    report = FiledReportFactory(center=returned_centre, staff=staff, year=year)
    _return(report, ExpertFactory(), remarks=2, due_in=10)
    due = (timezone.localdate() + timedelta(days=10)).strftime("%d.%m.%Y")

    log_in(page, staff.email, PASSWORD)

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    cards = page.locator(".start-card")
    expect(cards).to_have_count(2)
    # The returned report comes first, though its name sorts last.
    first = cards.nth(0)
    expect(first.get_by_role("heading")).to_have_text(returned_centre.name)
    expect(first.locator(".start-state")).to_contain_text("Върнат за корекция с 2 забележки")
    expect(first.locator(".start-state")).to_contain_text(f"поправете до {due} г.")
    expect(first.locator(".start-deadline")).to_contain_text(f"31.01.{year + 1}")
    expect(first.locator(".start-deadline")).to_contain_text(_deadline_text(year, filed=True))
    expect(first.get_by_role("link", name=re.compile("Подаване № 1 от"))).to_have_attribute(
        "href", f"/reports/{report.pk}/receipt/1.pdf"
    )
    expect(first.locator(".start-validation")).to_contain_text("0 процедури, 0 лица")
    second = cards.nth(1)
    expect(second.locator(".start-state")).to_have_text("Не е започнат")
    expect(second.locator(".start-deadline")).to_contain_text(_deadline_text(year, filed=False))

    overflow = screenshot(page, "start-centre-staff")
    assert overflow == {"desktop": 0, "phone": 0}
    _assert_header_fits(page)
    _assert_phone_menu(page)

    first.get_by_role("link", name="Поправи и подай отново").click()
    expect(page).to_have_url(re.compile(rf"/reports/{report.pk}/$"))

    page.goto("/dashboard/")
    page.locator(".start-card").nth(1).get_by_role(
        "button", name=f"Започни доклада за {year} г."
    ).click()
    started = Report.objects.get(center=fresh_centre, year=year)
    expect(page).to_have_url(re.compile(rf"/reports/{started.pk}/$"))

    page.goto("/dashboard/")
    expect(page.locator(".start-card").nth(1).locator(".start-state")).to_contain_text(
        "Чернова, запазена на"
    )
    expect(
        page.locator(".start-card").nth(1).get_by_role("link", name="Продължи попълването")
    ).to_be_visible()


def test_expert_start_page_counts_and_links_into_the_queue(page, transactional_db):
    year = current_reporting_year(timezone.localdate())
    expert = ExpertFactory(email="dimitrina.ekspertova-georgieva@navet.government.bg")
    mine = FiledReportFactory(year=year)
    report_assign(report=mine, expert=expert, by=expert)
    FiledReportFactory.create_batch(2, year=year)
    overdue = _return(FiledReportFactory(year=year), expert)
    Decision.objects.filter(report=overdue).update(
        due_date=timezone.localdate() - timedelta(days=3)
    )
    CenterFactory.create_batch(3)  # expected, not filed

    log_in(page, expert.email, PASSWORD)

    expect(page.locator("#w-mine .tile-count")).to_have_text("1")
    expect(page.locator("#w-unassigned .tile-count")).to_have_text("2")
    expect(page.locator("#w-resubmitted .tile-count")).to_have_text("0")
    expect(page.locator("#w-overdue .tile-count")).to_have_text("1")
    expect(page.locator("#p-expected")).to_have_text("7")
    expect(page.locator("#p-filed")).to_have_text("4")
    expect(page.locator("#p-missing")).to_have_text("3")
    expect(page.get_by_role("img", name=re.compile("Очаквани 7"))).to_be_visible()
    expect(page.get_by_role("heading", name="Нужда от администратор")).to_have_count(0)

    overflow = screenshot(page, "start-expert")
    assert overflow == {"desktop": 0, "phone": 0}
    _assert_header_fits(page)
    _assert_phone_menu(page)

    page.locator("#w-mine").click()
    expect(page).to_have_url(re.compile(rf"/review/\?status=submitted&expert={expert.pk}$"))
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text(mine.center.name)

    page.goto("/dashboard/")
    page.locator("#w-overdue").click()
    expect(page).to_have_url(re.compile(r"/review/\?overdue=yes$"))
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text(overdue.center.name)


def test_administrator_start_page_shows_what_needs_them(page, transactional_db):
    year = current_reporting_year(timezone.localdate())
    administrator = AdministratorFactory()
    Analysis.objects.create(
        year=year, kind="CPO", status=AnalysisStatus.FAILED, error="WeasyPrint: шрифтът липсва"
    )
    PendingTask.objects.create(name="selfassessment.tasks.build_receipt", args=[1], error="down")
    with pytest.raises(ImportFileError):
        centers_import_file(data=b"license_number\n123\n", user=administrator, source="admin")

    log_in(page, administrator.email, PASSWORD)

    jobs = page.locator("#a-jobs")
    expect(jobs).to_contain_text("1 неуспешен анализ")
    expect(jobs).to_contain_text("WeasyPrint: шрифтът липсва")
    expect(jobs).to_contain_text("1 задача чака Redis")
    imports = page.locator("#a-imports")
    expect(imports).to_contain_text("центрове · от администрацията")
    expect(imports).to_contain_text("отказан")
    expect(page.locator("#w-mine .tile-count")).to_have_text("0")

    overflow = screenshot(page, "start-administrator")
    assert overflow == {"desktop": 0, "phone": 0}
    _assert_header_fits(page)

    jobs.get_by_role("link", name="Към анализите").click()
    expect(page).to_have_url(re.compile(r"/statistics/analyses/$"))
