"""`statistics/{year}/` checked field by field against a small hand-computed data set."""

import pickle
from dataclasses import replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from centers.models import LicenseStatus
from demo.synthetic import synthetic_reports
from reports.statistics import (
    StatisticsError,
    extreme_criteria,
    statistics_for_year,
    year_over_year,
)
from selfassessment.deadlines import SOFIA
from selfassessment.models import Framework, Report
from selfassessment.transitions import report_return, report_update, reports_import

from ..factories import CenterFactory, ExpertFactory, UserFactory

ON_TIME = datetime.fromisoformat("2025-01-31T23:59:59.999999+02:00")
LATE = datetime.fromisoformat("2025-02-01T00:00:00+02:00")
EARLY = datetime(2025, 1, 20, 10, 0, tzinfo=SOFIA)


def scores_for(spec, target, fixed):
    """Levels adding up to exactly `target`, with the `fixed` criteria set."""
    criteria = [c for c in spec.criteria if c.code not in fixed]
    remaining = Decimal(target) - sum((Decimal(str(v)) for v in fixed.values()), Decimal(0))
    room = [sum((c.max_points for c in criteria[i:]), Decimal(0)) for i in range(len(criteria) + 1)]

    def choose(i, left):
        if i == len(criteria):
            return {} if left == 0 else None
        for level in reversed(criteria[i].levels):
            rest = left - level.points
            if 0 <= rest <= room[i + 1]:
                found = choose(i + 1, rest)
                if found is not None:
                    return {criteria[i].code: level.raw, **found}
        return None

    chosen = choose(0, remaining)
    assert chosen is not None, target
    return {**fixed, **chosen}


# name: (total, value of 1.1, submitted at, validation (procedures, persons), region)
FILED = {
    "A": ("91", 2, ON_TIME, (2, 30), "BG-22"),
    "B": ("90.5", 2, LATE, (0, 0), "BG-22"),
    "C": ("66", 1, EARLY, (1, 5), "BG-22"),
    "D": ("65.5", 0, EARLY, (0, 0), "BG-22"),
    "E": ("46", 0, EARLY, (0, 0), "BG-03"),
    "F": ("45.5", 0, EARLY, (0, 0), "BG-22"),
    "G": ("0", 0, EARLY, (0, 0), "BG-22"),
    "I": ("80", 0, EARLY, (0, 0), "BG-22"),
}


@pytest.fixture
def data_set(db):
    framework = Framework.objects.get(code="CPO-2018")
    spec = framework.spec
    centers = {
        name: CenterFactory(region=row[4]) for name, row in FILED.items() if name not in "GI"
    }
    centers["G"] = CenterFactory(history=[(LicenseStatus.SUSPENDED, date(2024, 11, 1))])
    centers["H"] = CenterFactory()
    centers["I"] = CenterFactory(license_date=date(2024, 12, 31))
    CenterFactory(license_date=date(2025, 1, 2))  # licensed after 31 December
    contents = {}
    rows = []
    for name, (total, first, when, (procedures, persons), _region) in FILED.items():
        scores = scores_for(spec, total, {"1.1": first})
        contents[name] = scores
        rows.append(
            {
                "center": centers[name],
                "year": 2024,
                "framework": framework,
                "status": "submitted",
                "submitted_at": when,
                "content": {
                    "scores": scores,
                    "validation": {"procedures": procedures, "persons": persons},
                },
            }
        )
    rows.append(
        {
            "center": centers["H"],
            "year": 2024,
            "framework": framework,
            "status": "draft",
            "submitted_at": None,
            "content": {"scores": {c.code: c.levels[-1].raw for c in spec.criteria}},
        }
    )
    reports_import(rows=rows)
    # I is returned and its draft changed: the statistics keep what was submitted.
    report = Report.objects.get(center=centers["I"])
    report = report_return(report=report, expert=ExpertFactory(), reason="Поправете.")
    staff = UserFactory(centers=[centers["I"]])
    report_update(
        report=report, user=staff, version=report.version, changes={"scores": {"2.1": 0, "2.3": 0}}
    )
    return spec, contents


def half_up(value):
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_every_field(data_set):
    spec, contents = data_set

    stats = statistics_for_year(2024, "CPO").as_json()

    assert stats["year"] == 2024 and stats["kind"] == "CPO"
    assert stats["licensed_centers"] == 8  # A–F, H, I; not G (suspended), not the 2025 licence
    assert stats["submitted"] == 8  # A–G and I; not the draft H
    assert stats["submitted_on_time"] == 7  # the deadline instant itself is on time
    assert stats["submitted_late"] == 1  # 1 February 00:00 Sofia
    assert stats["on_time_percent"] == 87.5
    assert stats["zero_value_reports"] == 1
    assert stats["levels"] == {"excellent": 1, "good": 3, "satisfactory": 2, "unsatisfactory": 2}
    assert stats["average_score"] == 60.56  # 484.5 / 8 = 60.5625
    assert stats["average_level"] == "satisfactory"
    assert stats["validation"] == {"procedures": 3, "persons": 35, "centers": 2}
    assert stats["regions"] == [
        {"region": "BG-03", "submitted": 1, "average_score": 46.0},
        {"region": "BG-22", "submitted": 7, "average_score": 62.64},  # 438.5 / 7
    ]

    criteria = {c["code"]: c for c in stats["criteria"]}
    assert len(criteria) == len(spec.criteria)
    # 1.1 over 8 reports: 2+2+1 = 5 → 0.625, rounded half-up (half-even would say 0.62)
    assert criteria["1.1"] == {
        "code": "1.1",
        "title": "Популяризиране на предлаганото обучение",
        "max_points": 2.0,
        "average": 0.63,
        "distribution": {"0": 5, "1": 1, "2": 2},
    }
    assert set(criteria["2.13"]["distribution"]) == {"0", "0.5", "1.5", "3"}
    for criterion in spec.criteria:
        values = [Decimal(str(contents[n][criterion.code])) for n in FILED]
        assert criteria[criterion.code]["average"] == half_up(sum(values) / 8)
        assert sum(criteria[criterion.code]["distribution"].values()) == 8

    for area in stats["areas"]:
        codes = [c.code for a in spec.areas if a.code == area["code"] for c in a.criteria]
        exact = sum((Decimal(str(contents[n][c])) for n in FILED for c in codes), Decimal(0)) / 8
        assert area["average"] == half_up(exact)
        assert area["percent"] == half_up(exact * 100 / Decimal(str(area["max_points"])))
    assert [a["max_points"] for a in stats["areas"]] == [20.0, 65.0, 15.0]


def test_cipo_shares(db):
    framework = Framework.objects.get(code="CIPO-2022")
    codes = framework.spec.indicator_codes
    rows = []
    for no in ([], ["1.1"], ["1.1", "1.2"]):
        rows.append(
            {
                "center": CenterFactory(kind="CIPO"),
                "year": 2024,
                "framework": framework,
                "status": "accepted",
                "submitted_at": EARLY,
                "content": {"answers": {c: c not in no for c in codes}},
            }
        )
    reports_import(rows=rows)

    statistics = statistics_for_year(2024, "CIPO")
    stats = statistics.as_json()

    assert statistics.scored is None
    assert stats["submitted"] == 3
    indicators = {i["code"]: i for i in stats["indicators"]}
    assert indicators["1.1"] == {
        "code": "1.1",
        "title": "Осигуряване на актуална и достъпна информация за предлаганите услуги",
        "positive": 1,
        "percent": 33.33,
    }
    assert indicators["1.2"]["positive"] == 2 and indicators["1.2"]["percent"] == 66.67
    assert indicators["3.3"]["percent"] == 100.0
    assert [(c["code"], c["positive_percent"]) for c in stats["criteria"]] == [
        ("1", 80.0),  # 12 of 15 answers
        ("2", 100.0),
        ("3", 100.0),
    ]
    assert stats["criteria"][2]["title"] == "Въздействие върху потребителите"
    assert "levels" not in stats and "validation" not in stats


def test_a_year_without_reports_is_zeros_and_empty_lists(db):
    stats = statistics_for_year(2031, "CPO").as_json()

    assert stats["submitted"] == 0
    assert stats["on_time_percent"] == 0
    assert stats["areas"] == [] and stats["criteria"] == [] and stats["regions"] == []
    assert stats["levels"] == {"excellent": 0, "good": 0, "satisfactory": 0, "unsatisfactory": 0}


@pytest.mark.parametrize(
    ("year", "kind", "field"), [(1999, "CPO", "year"), (2101, "CPO", "year"), (2024, "VET", "kind")]
)
def test_bad_year_or_kind(db, year, kind, field):
    with pytest.raises(StatisticsError) as error:
        statistics_for_year(year, kind)
    assert field in error.value.errors


def test_year_over_year_and_extremes(data_set):
    current = statistics_for_year(2024, "CPO")
    previous = replace(
        current,
        on_time_percent=90.55,
        submitted=6,
        scored=replace(
            current.scored,
            average_score=58.0,
            zero_value_reports=3,
            levels=dict(current.scored.levels, good=1),
        ),
    )

    diff = year_over_year(current, previous)
    extremes = extreme_criteria(current)

    assert diff.on_time_percent == -3.05  # percentage points
    assert diff.average_score == 2.56
    assert diff.submitted == 2
    assert diff.zero_value_reports == -2
    assert diff.levels == {"excellent": 0, "good": 2, "satisfactory": 0, "unsatisfactory": 0}
    shares = [
        Decimal(str(c.average)) / Decimal(str(c.max_points))
        for c in extremes.highest + extremes.lowest
    ]
    assert shares[0] >= shares[2] and shares[3] <= shares[5]
    assert year_over_year(current, replace(previous, submitted=0)) is None


def test_same_number_of_queries_at_10_and_1000_centres(db, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    synthetic_reports(centers=10, years=[2023], prefix="71")
    with CaptureQueriesContext(connection) as small:
        statistics_for_year(2023, "CPO")
    synthetic_reports(centers=990, years=[2023], prefix="72")
    with CaptureQueriesContext(connection) as large:
        stats = statistics_for_year(2023, "CPO")

    assert stats.submitted == 1000
    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(large.captured_queries) <= 10


CPO_KEYS = [
    "year",
    "kind",
    "licensed_centers",
    "submitted",
    "submitted_on_time",
    "submitted_late",
    "on_time_percent",
    "zero_value_reports",
    "levels",
    "average_score",
    "average_level",
    "areas",
    "criteria",
    "validation",
    "regions",
]


def test_json_keys_in_the_order_of_the_contract(data_set):
    stats = statistics_for_year(2024, "CPO")
    body = stats.as_json()

    assert list(body) == CPO_KEYS
    assert list(body["levels"]) == ["excellent", "good", "satisfactory", "unsatisfactory"]
    assert list(body["areas"][0]) == ["code", "title", "max_points", "average", "percent"]
    assert list(body["criteria"][0]) == ["code", "title", "max_points", "average", "distribution"]
    assert list(body["validation"]) == ["procedures", "persons", "centers"]
    assert list(body["regions"][0]) == ["region", "submitted", "average_score"]
    # The figures read as attributes are the ones published.
    assert stats.scored.average_score == body["average_score"] == 60.56
    assert stats.submitted_late == 1
    assert stats.regions[1].name == "София (столица)"


def test_cipo_json_keys_in_the_order_of_the_contract(db):
    framework = Framework.objects.get(code="CIPO-2022")
    reports_import(
        rows=[
            {
                "center": CenterFactory(kind="CIPO", region="BG-02"),
                "year": 2024,
                "framework": framework,
                "status": "submitted",
                "submitted_at": EARLY,
                "content": {"answers": dict.fromkeys(framework.spec.indicator_codes, True)},
            }
        ]
    )

    body = statistics_for_year(2024, "CIPO").as_json()

    assert list(body) == [*CPO_KEYS[:7], "indicators", "criteria", "regions"]
    assert list(body["indicators"][0]) == ["code", "title", "positive", "percent"]
    assert list(body["criteria"][0]) == ["code", "title", "positive_percent"]
    assert body["regions"] == [{"region": "BG-02", "submitted": 1}]


def test_the_figures_survive_the_cache(data_set):
    stats = statistics_for_year(2024, "CPO")

    assert pickle.loads(pickle.dumps(stats)) == stats  # noqa: S301 - our own bytes
