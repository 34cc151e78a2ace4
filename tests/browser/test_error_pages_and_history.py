"""What people read, in a real browser: the error pages in the site's layout, the
report page's title and its change history, the admin's import help."""

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..factories import AdministratorFactory, CenterFactory, FiledReportFactory, UserFactory
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_centre_user_gets_the_403_and_404_pages_in_bulgarian(page, live_server, transactional_db):
    staff = UserFactory(centers=[CenterFactory()])
    log_in(page, staff.email, PASSWORD)

    response = page.goto("/review/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Нямате достъп до тази страница")
    expect(page.get_by_role("link", name="Към работното място")).to_be_visible()
    assert "Forbidden" not in page.content()
    assert screenshot(page, "error-403") == {"desktop": 0, "phone": 0}

    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Страницата не е намерена")
    assert screenshot(page, "error-404") == {"desktop": 0, "phone": 0}
    page.get_by_role("link", name="Към началната страница").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_report_title_is_text_and_the_history_opens(page, transactional_db):
    center = CenterFactory()
    staff = UserFactory(centers=[center])
    report = FiledReportFactory(center=center, staff=staff)
    log_in(page, staff.email, PASSWORD)

    page.goto(f"/reports/{report.pk}/")

    assert page.title() == f"Доклад за {report.year} г. — НАПОО"
    history = page.locator("details.history")
    expect(history).to_be_visible()
    history.locator("summary").click()
    expect(history.get_by_text("подаден", exact=False).first).to_be_visible()
    assert "scores." not in history.inner_text()
    screenshot(page, "report-history")


def test_admin_import_page_explains_the_file(page, transactional_db):
    administrator = AdministratorFactory()
    log_in(page, administrator.email, PASSWORD)

    page.goto("/admin/centers/center/import/")

    expect(page.get_by_role("heading", name="Какъв файл се приема")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Изтегляне на примерен файл (CSV)").click()
    assert download_info.value.suggested_filename == "centers-example.csv"
    overflow = screenshot(page, "admin-centres-import")
    assert overflow["desktop"] == 0
