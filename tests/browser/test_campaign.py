"""The campaign dashboard in a real browser: a year with no filings, the not-filed
list paged, searched and downloaded, the median explained; 1280 and 390 px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..factories import CenterFactory, ExpertFactory
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_campaign_of_a_year_without_filings(page, transactional_db):
    expert = ExpertFactory()
    CenterFactory.create_batch(64)
    wanted = CenterFactory(name="ЦПО „Сред неподалите“ ЕООД", email="sred@example.bg")

    log_in(page, expert.email, PASSWORD)
    page.goto("/review/campaign/?year=2019")

    expect(page.locator("#c-expected")).to_have_text("65")
    expect(page.locator("#c-not-filed")).to_have_text("65")
    expect(page.locator("#c-median")).to_have_text("—")
    expect(page.locator("#c-median-note")).to_contain_text("щом бъде приет първият доклад")
    # The chart's axis of an empty year: 0 and 1, no "-0".
    ticks = [
        t.strip()
        for t in page.locator(".chart svg text").all_text_contents()
        if re.fullmatch(r"\s*[-−]?[\d,]+\s*", t)
    ]
    assert ticks == ["0", "1"]
    # One page of 50, not a 65-row (or 845-row) table.
    expect(page.locator("#missing-table tbody tr")).to_have_count(50)
    expect(page.locator("#missing-count")).to_contain_text("65 центъра · показани 1–50")

    overflow = screenshot(page, "campaign-empty-year")
    assert overflow == {"desktop": 0, "phone": 0}

    page.get_by_role("link", name="Следваща →").click()
    expect(page.locator("#missing-table tbody tr")).to_have_count(15)

    page.get_by_role("searchbox", name="Търсене сред неподалите").fill("сред неподалите")
    page.get_by_role("button", name="Търси").click()
    expect(page.locator("#missing-table tbody tr")).to_have_count(1)
    expect(page.locator("#missing-table")).to_contain_text("sred@example.bg")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Изтегли целия списък (CSV)").click()
    download = download_info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 66  # the header and all 65, whatever was searched
    assert wanted.name in text
