import pytest
from playwright.sync_api import expect

from ..factories import CenterFactory

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
