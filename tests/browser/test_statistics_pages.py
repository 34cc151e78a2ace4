"""The statistics pages as people see them: unpublished for the public, the published
figures by name with small regions hidden, the agency's live figures marked."""

import pytest
from playwright.sync_api import expect

from reports.publication import statistics_publish

from ..conftest import PASSWORD
from ..factories import AdministratorFactory, ExpertFactory
from ..reports.test_statistics import data_set  # noqa: F401
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_public_and_agency_statistics_pages(transactional_db, new_page, data_set):  # noqa: F811
    public = new_page()
    public.goto("/statistics/?year=2024&kind=CPO")
    expect(public.locator("#s-not-published")).to_contain_text(
        "Данните за 2024 г. още не са публикувани."
    )
    assert screenshot(public, "statistics-unpublished") == {"desktop": 0, "phone": 0}

    statistics_publish(year=2024, kind="CPO", user=AdministratorFactory())
    public.goto("/statistics/?year=2024&kind=CPO")
    expect(public.locator("#s-publication")).to_contain_text("Публикувани на")
    expect(public.locator("#s-average")).to_have_text("60,56")
    expect(public.locator("#s-criteria")).to_contain_text(
        "2.14 Участие в национални и международни програми и проекти"
    )
    regions = public.locator("#s-regions")
    expect(regions.locator("thead")).to_contain_text("Регион (област)")
    expect(regions.get_by_role("row", name="Варна")).to_contain_text("—*")
    expect(public.locator("#s-suppressed-note")).to_be_visible()
    assert screenshot(public, "statistics-published") == {"desktop": 0, "phone": 0}

    agency = new_page()
    log_in(agency, ExpertFactory().email, PASSWORD)
    agency.goto("/statistics/?year=2024&kind=CPO")
    expect(agency.locator("#s-publication")).to_contain_text("Текущи данни")
    expect(agency.locator("#s-regions").get_by_role("row", name="Варна")).to_contain_text("46,00")
    agency.goto("/statistics/?year=2023&kind=CPO")
    expect(agency.locator("#s-publication")).to_contain_text("Непубликувани данни")
    expect(agency.locator("#s-no-reports")).to_have_text("За 2023 г. няма подадени доклади.")
    assert screenshot(agency, "statistics-agency-empty-year") == {"desktop": 0, "phone": 0}
