import pytest
from playwright.sync_api import expect

from reports.models import Analysis

from ..conftest import PASSWORD
from ..factories import ExpertFactory
from ..jobs.test_reminders import wait_for
from ..reports.test_statistics import data_set  # noqa: F401
from .conftest import log_in

pytestmark = pytest.mark.browser


def test_start_an_analysis_watch_progress_download(page, celery_worker, data_set):  # noqa: F811
    expert = ExpertFactory()
    log_in(page, expert.email, PASSWORD)
    page.goto("/statistics/analyses/?year=2024&kind=CPO")

    page.get_by_role("button", name="Изготви анализ").click()
    bar = page.locator("#analysis-progress")
    seen = set()

    def finished():
        seen.add(int(float(bar.get_attribute("value") or 0)))
        return page.locator("#analysis-download").is_visible()

    assert wait_for(finished, seconds=60)
    assert len(seen) >= 2, seen  # the bar moved
    expect(page.locator("#analysis-percent")).to_have_text("100%")
    with page.expect_download() as download:
        page.locator("#analysis-download").click()
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
    assert Analysis.objects.get().status == "done"
