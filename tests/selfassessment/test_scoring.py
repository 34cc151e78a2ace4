"""Scoring rules, pure: no database."""

import json
from decimal import Decimal

import pytest

from selfassessment.frameworks import BUNDLED_DIR, framework_parse
from selfassessment.scoring import quality_level, score, to_points

SPEC = framework_parse(json.loads((BUNDLED_DIR / "CPO-2018.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("total", "level"),
    [
        ("0", "unsatisfactory"),
        ("45.5", "unsatisfactory"),
        ("45.99", "unsatisfactory"),
        ("46", "satisfactory"),
        ("65.5", "satisfactory"),
        ("66", "good"),
        ("90.5", "good"),
        ("91", "excellent"),
        ("100", "excellent"),
    ],
)
def test_quality_level_boundaries(total, level):
    assert quality_level(Decimal(total), SPEC.quality_levels) == level


def scores_totalling(target):
    """Levels, one per criterion, that add up to exactly `target` (depth-first)."""
    criteria = list(SPEC.criteria)
    room = [sum((c.max_points for c in criteria[i:]), Decimal(0)) for i in range(len(criteria) + 1)]

    def choose(i, remaining):
        if i == len(criteria):
            return {} if remaining == 0 else None
        for level in reversed(criteria[i].levels):
            rest = remaining - level.points
            if 0 <= rest <= room[i + 1]:
                found = choose(i + 1, rest)
                if found is not None:
                    return {criteria[i].code: level.raw, **found}
        return None

    chosen = choose(0, Decimal(target))
    assert chosen is not None
    return chosen


@pytest.mark.parametrize(
    ("target", "level"),
    [
        ("45.5", "unsatisfactory"),
        ("46", "satisfactory"),
        ("65.5", "satisfactory"),
        ("66", "good"),
        ("90.5", "good"),
        ("91", "excellent"),
        ("100", "excellent"),
    ],
)
def test_score_of_chosen_levels(target, level):
    result = score(SPEC, scores_totalling(target))

    assert result.total == Decimal(target)
    assert result.level == level
    assert result.is_complete
    assert sum(result.area_totals.values()) == result.total


def test_area_maxima_and_partial_draft():
    full = score(SPEC, {c.code: c.levels[-1].raw for c in SPEC.criteria})
    assert full.area_totals == {"1": 20, "2": 65, "3": 15}
    assert full.total == 100

    partial = score(SPEC, {"1.1": 2, "1.3": "1.5", "2.13": 0.5})
    assert partial.area_totals == {"1": Decimal("3.5"), "2": Decimal("0.5"), "3": 0}
    assert partial.total == Decimal("4.0")
    assert not partial.is_complete
    assert partial.scored == 3


def test_points_that_are_not_a_level_do_not_count():
    result = score(SPEC, {"1.1": 1.5, "1.2": "x", "1.3": True})

    assert result.total == 0
    assert result.scored == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (2, Decimal(2)),
        (1.5, Decimal("1.5")),
        ("0.5", Decimal("0.5")),
        ("x", None),
        (True, None),
        (None, None),
        ("NaN", None),
    ],
)
def test_to_points(raw, expected):
    assert to_points(raw) == expected
