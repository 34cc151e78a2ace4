"""Trends in one pass (`statistics_for_years`): equal, year by year, to the statistics of
one year (`statistics_for_year`), for both kinds, in a fixed number of queries."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centers.models import Center, LicenseStatus
from demo.synthetic import synthetic_reports
from reports.statistics import statistics_for_year, statistics_for_years, trends
from selfassessment.deadlines import SOFIA
from selfassessment.models import Framework, Report
from selfassessment.services import framework_load
from selfassessment.transitions import report_return, reports_import

from ..factories import CenterFactory, ExpertFactory


def filed_on(year, days_after_deadline=0):
    """An instant around the deadline of `year` (31 January of the next year)."""
    return datetime(year + 1, 1, 31, 12, tzinfo=SOFIA) + timedelta(days=days_after_deadline)


def cpo_scores(spec, seed):
    """Levels varied by `seed`: some criteria at 0, others at their top."""
    return {
        c.code: c.levels[(seed + i * (seed % 3 + 1)) % len(c.levels)].raw
        for i, c in enumerate(spec.criteria)
    }


def cpo_row(center, year, framework, seed, status="accepted", late=False, validation=(0, 0)):
    return {
        "center": center,
        "year": year,
        "framework": framework,
        "status": status,
        "submitted_at": None if status == "draft" else filed_on(year, 3 if late else -(seed % 20)),
        "content": {
            "scores": cpo_scores(framework.spec, seed),
            "validation": {"procedures": validation[0], "persons": validation[1]},
        },
    }


@pytest.fixture
def cpo_history(db):
    """ЦПО reports of 2019–2024 under two frameworks (CPO-2018, and an identical one
    in force from 2022), with licences suspended, granted late, ended; drafts, late
    reports, a zero-value report, a report filed twice and one returned."""
    old = Framework.objects.get(code="CPO-2018")
    new, _ = framework_load(data=dict(old.definition, code="CPO-TREND", valid_from_year=2022))
    regions = ["BG-22", "BG-03", "BG-02", "BG-22", "BG-16", "BG-22", "BG-03"]
    centers = [CenterFactory(region=region) for region in regions]
    centers.append(
        CenterFactory(
            region="BG-16",
            history=[
                (LicenseStatus.SUSPENDED, date(2020, 6, 1)),
                (LicenseStatus.ACTIVE, date(2021, 3, 1)),
            ],
        )
    )
    centers.append(CenterFactory(history=[(LicenseStatus.REVOKED, date(2021, 5, 5))]))
    centers.append(CenterFactory(license_date=date(2020, 12, 31), region="BG-02"))
    centers.append(CenterFactory(license_date=date(2021, 1, 2)))
    centers.append(CenterFactory(history=[(LicenseStatus.TERMINATED, date(2023, 12, 31))]))
    rows = []
    for year in range(2019, 2025):
        framework = new if year >= 2022 else old
        for i, center in enumerate(centers):
            if (i + year) % 5 == 0:
                continue  # no report this year
            status = ["accepted", "submitted", "returned", "draft"][(i * 7 + year) % 4]
            row = cpo_row(
                center,
                year,
                framework,
                seed=i * 11 + year,
                status=status,
                late=(i + year) % 3 == 0,
                validation=((i + year) % 4, (i + year) % 4 * 9),
            )
            if i == 0 and year == 2021:
                row["content"]["scores"] = {
                    c.code: c.levels[0].raw for c in framework.spec.criteria
                }
            rows.append(row)
    reports_import(rows=rows)
    # Filed again with other scores: the latest snapshot counts, not the first.
    again = [dict(row, content=dict(row["content"])) for row in rows[:6] if row["submitted_at"]]
    for row in again:
        row["content"]["scores"] = cpo_scores(row["framework"].spec, 99)
    reports_import(rows=again)
    report = Report.objects.filter(status="submitted").order_by("pk").first()
    report_return(report=report, expert=ExpertFactory(), reason="Поправете.")
    return centers


@pytest.fixture
def cipo_history(db):
    framework = Framework.objects.get(code="CIPO-2022")
    codes = framework.spec.indicator_codes
    centers = [
        CenterFactory(kind="CIPO", region=region) for region in ("BG-22", "BG-03", "BG-22", "BG-05")
    ]
    centers.append(
        CenterFactory(kind="CIPO", history=[(LicenseStatus.SUSPENDED, date(2023, 2, 1))])
    )
    rows = []
    for year in (2022, 2023, 2024):
        for i, center in enumerate(centers):
            if (i + year) % 4 == 0:
                continue
            rows.append(
                {
                    "center": center,
                    "year": year,
                    "framework": framework,
                    "status": "draft" if (i + year) % 5 == 0 else "accepted",
                    "submitted_at": None if (i + year) % 5 == 0 else filed_on(year, i - 2),
                    "content": {
                        "answers": {c: (n + i + year) % 3 != 0 for n, c in enumerate(codes)},
                        "comments": {codes[0]: f"Бележка {year}"},
                    },
                }
            )
    reports_import(rows=rows)
    return centers


def one_by_one(kind, years):
    return tuple(statistics_for_year(year, kind) for year in years)


def test_cpo_trend_equals_the_statistics_of_each_year(cpo_history):
    years = range(2017, 2026)  # before the first framework, and after the last report

    together = statistics_for_years("CPO", years)

    assert together == one_by_one("CPO", years)
    assert [s.as_json() for s in together] == [s.as_json() for s in one_by_one("CPO", years)]
    # The data set is not trivial: what differs between years is there.
    by_year = {s.year: s for s in together}
    assert by_year[2017].submitted == 0 and by_year[2017].scored.areas == ()
    assert [by_year[y].licensed_centers for y in (2019, 2020, 2021, 2023)] == [10, 10, 11, 10]
    # Licences from one window over the histories, as the register counts them day by day.
    assert [s.licensed_centers for s in together] == [
        Center.objects.licensed_on(date(year, 12, 31)).filter(kind="CPO").count() for year in years
    ]
    assert all(0 < by_year[y].submitted_late < by_year[y].submitted for y in range(2019, 2025))
    assert by_year[2021].scored.zero_value_reports == 1
    assert by_year[2022].scored.validation.centers > 0


def test_cipo_trend_equals_the_statistics_of_each_year(cipo_history):
    years = range(2021, 2025)

    together = statistics_for_years("CIPO", years)

    assert together == one_by_one("CIPO", years)
    assert together[0].submitted == 0 and together[0].answered.indicators == ()
    assert {s.licensed_centers for s in together[1:]} == {5, 4}
    assert all(s.answered.indicators for s in together[1:])


def test_trends_json_is_the_years_statistics(cpo_history):
    body = trends("CPO", 2020, 2023).as_json()

    assert body == {
        "kind": "CPO",
        "years": [statistics_for_year(year, "CPO").as_json() for year in range(2020, 2024)],
    }


@pytest.mark.parametrize("kind", ["CPO", "CIPO"])
def test_the_same_queries_for_one_year_and_for_seven(db, kind):
    synthetic_reports(centers=30, years=range(2018, 2025), prefix="73")
    with CaptureQueriesContext(connection) as one:
        statistics_for_years(kind, range(2024, 2025))
    with CaptureQueriesContext(connection) as seven:
        trend = statistics_for_years(kind, range(2018, 2025))

    assert len(one.captured_queries) == len(seven.captured_queries) <= 8
    if kind == "CPO":
        assert [s.submitted for s in trend] == [30] * 7
