"""Property-based tests (hypothesis) of the pure rules and both import parsers."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centers.importing import COLUMNS, read_centers_csv
from core.importing import ImportFileError
from selfassessment.deadlines import SOFIA, deadline, is_on_time
from selfassessment.frameworks import BUNDLED_DIR, framework_parse
from selfassessment.importing import read_reports_jsonl
from selfassessment.scoring import quality_level, score

SPEC = framework_parse(json.loads((BUNDLED_DIR / "CPO-2018.json").read_text(encoding="utf-8")))
choices = st.fixed_dictionaries(
    {c.code: st.sampled_from([lv.raw for lv in c.levels]) for c in SPEC.criteria}
)


@given(choices)
def test_total_is_the_sum_and_the_level_follows_the_bands(scores):
    result = score(SPEC, scores)

    assert result.total == sum((Decimal(str(v)) for v in scores.values()), Decimal(0))
    assert sum(result.area_totals.values()) == result.total
    assert 0 <= result.total <= 100
    band = next(q for q in SPEC.quality_levels if result.total >= q.min_score)
    assert result.level == band.code
    for area in SPEC.areas:
        assert 0 <= result.area_totals[area.code] <= area.max_points


@given(
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=100, places=2),
)
def test_quality_level_never_falls_as_the_total_rises(a, b):
    order = [q.code for q in SPEC.quality_levels]  # best first
    low, high = sorted((a, b))
    assert order.index(quality_level(high, SPEC.quality_levels)) <= order.index(
        quality_level(low, SPEC.quality_levels)
    )


@given(
    st.integers(min_value=2000, max_value=2099),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_on_time_is_an_instant_comparison_in_any_offset(year, microseconds, offset_minutes):
    instant = deadline(year) + timedelta(microseconds=microseconds)
    shifted = instant.astimezone(timezone(timedelta(minutes=offset_minutes)))

    assert is_on_time(shifted, year) is (microseconds <= 0)
    assert is_on_time(instant.astimezone(UTC), year) is is_on_time(instant.astimezone(SOFIA), year)


@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31)))
def test_sofia_wall_clock_up_to_the_end_of_31_january(local):
    year = local.year - 1 if local.month == 1 else local.year
    instant = local.replace(tzinfo=SOFIA)
    expected = local <= datetime(year + 1, 1, 31, 23, 59, 59, 999999)

    assert is_on_time(instant, year) is expected


HEADER = ",".join(COLUMNS) + "\n"


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=15), max_size=5))
def test_centres_parser_never_crashes(rows):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    try:
        read_centers_csv(HEADER + out.getvalue())
    except ImportFileError as error:
        assert all(str(e).startswith("line ") for e in error.errors)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.dictionaries(
                st.sampled_from(
                    [
                        "license_number",
                        "year",
                        "framework",
                        "status",
                        "submitted_at",
                        "scores",
                        "answers",
                        "narrative",
                        "validation",
                    ]
                ),
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=20),
                    st.booleans(),
                    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                ),
            ).map(json.dumps),
        ),
        max_size=5,
    )
)
def test_reports_parser_never_crashes(lines):
    try:
        read_reports_jsonl("\n".join(lines).encode("utf-8"))
    except ImportFileError as error:
        assert all(str(e).startswith("line ") for e in error.errors)
