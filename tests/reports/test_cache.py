"""The statistics cache: a generation for each year and kind, so that a change to a
report drops only its own year's figures, and nothing stale is served when a
generation key is lost."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centers.models import LicenseStatus
from centers.services import center_set_status
from reports.cache import (
    GENERATION_KEY,
    cached_statistics,
    cached_trends,
    statistics_invalidate,
)
from selfassessment.transitions import report_create, report_submit, report_update

from ..centers.test_import import GOOD, run_import, write_csv
from ..factories import complete_content


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return result, len(captured.captured_queries)


@pytest.fixture
def filed(center, center_staff, year, cpo_spec):
    """A complete draft of `year`, submitted by the returned function."""
    report = report_create(center=center, year=year, user=center_staff)
    report = report_update(
        report=report, user=center_staff, version=1, changes=complete_content(cpo_spec)
    )
    return lambda: report_submit(report=report, user=center_staff)


def test_a_submission_drops_only_its_own_years_figures(
    filed, year, django_capture_on_commit_callbacks
):
    trend = cached_trends("CPO", year - 2, year)
    assert [s.submitted for s in trend.years] == [0, 0, 0]

    with django_capture_on_commit_callbacks(execute=True):
        filed()

    earlier, asked = queries(lambda: cached_statistics(year - 1, "CPO"))
    assert (earlier.submitted, asked) == (0, 0)  # still cached: nothing of it changed
    now, asked = queries(lambda: cached_statistics(year, "CPO"))
    assert now.submitted == 1 and asked > 0
    # Every year dropped: a trend computes its years together, in one pass.
    statistics_invalidate()
    trend, asked = queries(lambda: cached_trends("CPO", year - 2, year))
    assert [s.submitted for s in trend.years] == [0, 0, 1]
    assert queries(lambda: cached_trends("CPO", year - 2, year))[1] == 0
    statistics_invalidate()
    assert asked == queries(lambda: cached_statistics(year, "CPO"))[1]  # three cost one


def test_a_lost_generation_key_serves_nothing_stale(filed, year):
    assert cached_statistics(year, "CPO").submitted == 0
    filed()  # its announcement never runs here: the cached figure is now stale
    assert cached_statistics(year, "CPO").submitted == 0

    cache.delete(GENERATION_KEY)  # as Redis may evict it

    assert cached_statistics(year, "CPO").submitted == 1


def test_without_the_cache_the_figures_are_computed(filed, year, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    filed()

    assert cached_statistics(year, "CPO").submitted == 1
    assert [s.submitted for s in cached_trends("CPO", year - 1, year).years] == [0, 1]


def test_a_licence_change_drops_the_cached_figures(
    center, year, django_capture_on_commit_callbacks
):
    assert cached_statistics(year, "CPO").licensed_centers == 1

    with django_capture_on_commit_callbacks(execute=True):
        center_set_status(center=center, status=LicenseStatus.REVOKED, since=date(year, 6, 1))

    assert cached_statistics(year, "CPO").licensed_centers == 0


def test_an_imported_register_drops_the_cached_figures(
    tmp_path, db, django_capture_on_commit_callbacks
):
    assert cached_statistics(2024, "CPO").licensed_centers == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(write_csv(tmp_path, [GOOD]))[0] == 0

    assert cached_statistics(2024, "CPO").licensed_centers == 1
