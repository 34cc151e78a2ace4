import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import Analysis, StatisticsPublication

from ..conftest import PASSWORD
from ..factories import AdministratorFactory, ExpertFactory
from ..jobs.test_reminders import wait_for
from ..reports.test_rendering import build, combined  # noqa: F401 - the fixture
from ..reports.test_statistics import data_set  # noqa: F401
from .conftest import log_in, screenshot

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

    assert wait_for(finished, seconds=90)
    assert len(seen) >= 2, seen  # the bar moved
    expect(page.locator("#analysis-percent")).to_have_text("100%")
    expect(page.locator("#analysis-steps li.current")).to_have_text("Готов")
    # The list of drafts was refreshed when the job ended.
    expect(page.locator("#analysis-drafts")).to_contain_text("Редактирай")
    with page.expect_download() as download:
        page.locator("#analysis-download").click()
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
    assert Analysis.objects.get().status == "done"


def _pdf_text(page, url):
    body = page.request.get(url).body()
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def test_edit_preview_publish(new_page, celery_worker, combined):  # noqa: F811
    analysis = build("ALL")
    administrator = AdministratorFactory()
    page = new_page()
    log_in(page, administrator.email, PASSWORD)
    page.goto(f"/statistics/analyses/{analysis.pk}/edit/")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Анализ за 2024\s+г\. \(ЦПО и ЦИПО\)$"))
    ).to_be_visible()
    screenshot(page, "analysis-editor")

    # Edit the conclusions and save with the version read.
    conclusions = page.locator("#section-conclusions")
    conclusions.fill("Изводът на **Агенцията**: качеството расте.\n\n- първо\n- второ")
    page.get_by_role("button", name="Запази промените").click()
    expect(page.locator(".message-success")).to_contain_text("Промените са запазени")
    preview = page.locator("#analysis-preview")
    expect(preview).to_be_visible(timeout=90_000)  # the PDF was rebuilt in the background
    text = _pdf_text(page, preview.get_attribute("href"))
    assert "Изводът на Агенцията: качеството расте." in text and "ПРОЕКТ" in text

    # Someone else saved meanwhile: the save is refused and the text stays on the form.
    Analysis.objects.filter(pk=analysis.pk).update(version=10)
    gaps = page.locator("#section-gaps")
    gaps.fill("Текст, който не бива да се загуби.")
    page.get_by_role("button", name="Запази промените").click()
    expect(page.locator(".message-error")).to_contain_text("променен от друг потребител")
    expect(page.locator("#section-gaps")).to_have_value("Текст, който не бива да се загуби.")
    screenshot(page, "analysis-editor-stale")
    Analysis.objects.filter(pk=analysis.pk).update(version=2)
    page.goto(f"/statistics/analyses/{analysis.pk}/edit/")
    expect(page.locator("#analysis-preview")).to_be_visible(timeout=30_000)

    # Publish, with the confirmation.
    page.get_by_label("Потвърждавам", exact=False).check()
    page.get_by_role("button", name="Публикувай анализа").click()
    expect(page.locator(".message-success")).to_contain_text("Анализът е публикуван")
    expect(page.locator("#section-conclusions")).to_have_attribute("readonly", "")
    expect(page.get_by_role("button", name="Запази промените")).to_have_count(0)
    assert StatisticsPublication.objects.filter(analysis=analysis).count() == 2
    assert wait_for(
        lambda: Analysis.objects.get(pk=analysis.pk).status == "done", seconds=90
    )  # rebuilt once, without the draft mark

    # The public: the list, the HTML version (on a phone too), the PDF.
    public = new_page()
    public.goto("/statistics/analyses/")
    public.get_by_role("link", name=re.compile("Анализ за 2024 г.")).click()
    expect(public.get_by_role("heading", level=1)).to_contain_text(re.compile(r"за 2024\s+г\."))
    expect(public.locator(".doc-text strong", has_text="Агенцията")).to_be_visible()
    expect(public.get_by_role("table").first).to_be_visible()
    overflow = screenshot(public, "analysis-public-html")
    assert overflow == {"desktop": 0, "phone": 0}, overflow
    text = _pdf_text(public, f"/api/v1/analyses/{analysis.pk}/pdf/")
    assert "Изводът на Агенцията: качеството расте." in text and "ПРОЕКТ" not in text
    docx = public.request.get(f"/statistics/analyses/{analysis.pk}/docx/")
    assert docx.ok and docx.body()[:2] == b"PK"
