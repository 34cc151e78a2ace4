"""Every page each role reaches, in Bulgarian and in English, at 1280 and 390 px:
nothing scrolls sideways (wide tables scroll inside their own box), and a titled
year keeps „г.“ beside its number. Screenshots are kept as test artefacts
(test-results/screenshots/walk-…)."""

import re

import pytest
from django.utils import timezone

from accounts.models import Role
from reports.publication import statistics_publish
from selfassessment.deadlines import current_reporting_year
from selfassessment.transitions import report_accept

from ..conftest import PASSWORD
from ..factories import (
    AdministratorFactory,
    CenterFactory,
    DraftReportFactory,
    ExpertFactory,
    FiledReportFactory,
    UserFactory,
    ValidationProcedureFactory,
)
from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(transactional_db):
    """A filed, an accepted and a draft report, published statistics, one user a role."""
    year = current_reporting_year(timezone.localdate())
    centre = CenterFactory(name="ЦПО „Професионално обучение и квалификация на кадрите“ ЕООД")
    staff = UserFactory(centers=[centre], full_name="Мария Петрова")
    expert = ExpertFactory(full_name="Иван Иванов")
    last_year = FiledReportFactory(center=centre, staff=staff, year=year - 1)
    report_accept(report=last_year, expert=expert)
    filed = FiledReportFactory(center=CenterFactory(), year=year)
    draft = DraftReportFactory(center=centre, staff=staff, year=year)
    ValidationProcedureFactory(center=centre)
    statistics_publish(year=year - 1, kind="CPO", user=None)
    return {
        "year": year,
        "centre": centre,
        "staff": staff,
        "expert": expert,
        "administrator": AdministratorFactory(),
        "filed": filed,
        "draft": draft,
        "last_year": last_year,
    }


def _pages(portal, role):
    centre, year = portal["centre"], portal["year"]
    public = ["/", "/statistics/", f"/statistics/?year={year - 1}", "/statistics/analyses/"]
    if role == Role.CENTER_STAFF:
        return [
            "/dashboard/",
            "/reports/",
            f"/reports/{portal['draft'].pk}/",
            f"/reports/{portal['last_year'].pk}/",
            "/validation/",
            f"/validation/new/{centre.license_number}/",
            f"/statistics/benchmark/{centre.license_number}/{year - 1}/",
            "/centers/",
            f"/centers/{centre.license_number}/",
            *public,
        ]
    agency = [
        "/dashboard/",
        "/review/",
        "/review/?status=submitted",
        f"/review/{portal['filed'].pk}/",
        f"/review/{portal['last_year'].pk}/",
        "/review/campaign/",
        "/centers/",
        f"/centers/{centre.license_number}/",
        *public,
    ]
    if role == Role.ADMINISTRATOR:
        agency += [
            "/admin/",
            "/admin/centers/center/",
            "/admin/centers/center/import/",
            "/admin/accounts/user/",
        ]
    return agency


def _walk(new_page, live_server, portal, role, language):
    user = {
        Role.CENTER_STAFF: portal["staff"],
        Role.EXPERT: portal["expert"],
        Role.ADMINISTRATOR: portal["administrator"],
    }[role]
    page = new_page()
    if language == "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
    log_in(page, user.email, PASSWORD) if language == "bg" else _log_in_english(page, user)
    wide = {}
    for path in _pages(portal, role):
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        name = f"walk-{role.lower()}-{language}-{slug}"
        overflow = screenshot(page, name)
        if any(overflow.values()):
            wide[path] = overflow
        # „2025 г.“ with a plain space may break before „г.“ on a phone.
        broken = page.evaluate(
            """() => [...document.querySelectorAll('h1, h2')]
                .map(h => h.textContent)
                .filter(t => /\\d{4} г\\./.test(t))"""
        )
        assert not broken, (path, broken)
    return wide


def _log_in_english(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()


@pytest.mark.parametrize(
    ("role", "language"),
    [
        (Role.CENTER_STAFF, "bg"),
        (Role.CENTER_STAFF, "en"),
        (Role.EXPERT, "bg"),
        (Role.EXPERT, "en"),
        # The administrator's own pages are Django's admin, translated by Django.
        (Role.ADMINISTRATOR, "bg"),
    ],
)
def test_nothing_scrolls_sideways(new_page, live_server, portal, role, language):
    wide = _walk(new_page, live_server, portal, role, language)
    assert wide == {}, f"pages wider than the screen: {wide}"
