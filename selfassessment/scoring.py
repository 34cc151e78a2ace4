"""Scoring of a ЦПО report: pure functions on a FrameworkSpec, with Decimal.

Total score = sum of the criterion points; the quality level is the highest band
whose minimum the total reaches (CONTRACT.md §2: Отлично ≥ 91, Добро ≥ 66,
Задоволително ≥ 46, otherwise Незадоволително — as the framework file sets them).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # frameworks → kinds → scoring: a cycle at run time
    from .frameworks import FrameworkSpec, QualityLevelSpec


@dataclass(frozen=True)
class Score:
    area_totals: dict[str, Decimal]  # area code → points
    total: Decimal
    level: str  # quality level code
    scored: int  # criteria with a level chosen
    criteria: int  # criteria in the framework

    @property
    def is_complete(self) -> bool:
        return self.scored == self.criteria


def to_points(value: object) -> Decimal | None:
    """A score as sent (number or numeric string) → Decimal, or None when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):  # the common case, without the round trip through str
        return Decimal(value)
    try:
        points = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return points if points.is_finite() else None


def quality_level(total: Decimal, quality_levels: Sequence["QualityLevelSpec"]) -> str:
    """The code of the band `total` falls in; `quality_levels` descend by min_score."""
    for level in quality_levels:
        if total >= level.min_score:
            return level.code
    return quality_levels[-1].code


def score(spec: "FrameworkSpec", scores: Mapping[str, object]) -> Score:
    """Area totals, total and quality level of the chosen `scores` ({criterion code:
    points}). Criteria without a valid choice count 0 — a draft's running total."""
    area_totals: dict[str, Decimal] = {}
    scored = 0
    for area in spec.areas:
        subtotal = Decimal(0)
        for criterion in area.criteria:
            points = to_points(scores.get(criterion.code))
            if points is not None and criterion.level_for(points) is not None:
                subtotal += points
                scored += 1
        area_totals[area.code] = subtotal
    total = sum(area_totals.values(), Decimal(0))
    return Score(
        area_totals=area_totals,
        total=total,
        level=quality_level(total, spec.quality_levels),
        scored=scored,
        criteria=len(spec.criteria),
    )
