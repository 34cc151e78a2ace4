import pytest
from playwright.sync_api import expect

from centers.models import ValidationProcedure

from ..conftest import PASSWORD
from ..factories import CenterFactory, LicensedProfessionFactory, UserFactory
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_search_register_by_eik_and_open_the_centre(page, transactional_db):
    CenterFactory.create_batch(3)
    wanted = CenterFactory(name="ЦПО към „Родопи Консулт“ ООД", region="BG-21")

    page.goto("/centers/")
    expect(page.get_by_role("heading", name="Регистър на центровете")).to_be_visible()
    page.get_by_role("textbox", name="Търсене").fill(wanted.eik)
    page.get_by_role("button", name="Търси").click()

    expect(page.get_by_text("Намерен е 1 център.")).to_be_visible()
    page.get_by_role("link", name=wanted.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.name)
    expect(page.get_by_text("Смолян")).to_be_visible()


def test_procedure_form_error_summary_links_focus_the_field(page, transactional_db):
    center = CenterFactory(name="ЦПО „Валидиране“ ООД")
    LicensedProfessionFactory(center=center)
    staff = UserFactory(centers=[center])

    log_in(page, staff.email, PASSWORD)
    page.goto(f"/validation/new/{center.license_number}/")
    page.get_by_label("Лица, подали заявление").fill("5")
    page.get_by_label("Успешно валидирани").fill("9")
    page.get_by_role("button", name="Запиши").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Професия и специалност")).to_be_visible()
    summary.get_by_role("link", name="Професия и специалност").click()
    expect(page.locator("#id_specialty_code")).to_be_focused()
    summary.get_by_role("link", name="Начало").click()
    expect(page.locator("#id_start_date")).to_be_focused()
    overflow = screenshot(page, "procedure-form-errors")
    assert overflow == {"desktop": 0, "phone": 0}

    # Put right, the procedure is stored.
    page.locator("#id_specialty_code").select_option(index=1)
    page.locator("#id_start_date").fill("2024-03-01")
    page.locator("#id_scope").select_option("degree_2")
    page.locator("#id_status").select_option("running")
    page.get_by_label("Успешно валидирани").fill("4")
    page.get_by_role("button", name="Запиши").click()
    expect(page.get_by_text("Процедурата е записана.")).to_be_visible()
    assert ValidationProcedure.objects.get(center=center).validated == 4
