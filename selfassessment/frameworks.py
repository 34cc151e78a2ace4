"""Criteria frameworks as data: parsing and checking a framework file.

A framework file (framework_files/*.json) is the agency's order that sets the
criteria of the self-assessment: for ЦПО areas → criteria → levels with points,
for ЦИПО criteria → yes/no indicators; both with narrative sections. This module is
pure: it turns the file's JSON into a `FrameworkSpec` or says everything wrong
with it. Loading into the database is `services.framework_load`.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from centers.models import Kind
from core.years import FIRST_YEAR, LAST_YEAR, year_in_range

BUNDLED_DIR = Path(__file__).resolve().parent / "framework_files"

_Code = TypeVar("_Code", bound=Hashable)


class FrameworkError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LevelSpec:
    points: Decimal
    label: str
    raw: object  # the number as written in the file: 1.5, 2 — statistics keys use it

    @cached_property
    def number(self) -> int | float:
        """The points as a report's content stores them (json_number)."""
        return json_number(self.points)


def json_number(value: Decimal | float | str) -> int | float:
    """Decimal points as a JSON number: 2 stays 2, 1.5 stays 1.5."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    title: str
    indicator: str = ""
    levels: tuple[LevelSpec, ...] = ()  # ascending points (ЦПО)
    indicators: tuple["IndicatorSpec", ...] = ()  # ЦИПО
    area_code: str = ""

    @property
    def max_points(self) -> Decimal:
        return max((level.points for level in self.levels), default=Decimal(0))

    @cached_property
    def _levels_by_points(self) -> dict[Decimal, LevelSpec]:
        # Decimal("1") and Decimal("1.0") are equal and hash alike: one key for both.
        return {level.points: level for level in self.levels}

    def level_for(self, points: Decimal) -> LevelSpec | None:
        """The level with exactly these points, or None."""
        return self._levels_by_points.get(points)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    criterion_code: str


@dataclass(frozen=True)
class AreaSpec:
    code: str
    title: str
    max_points: Decimal
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class QualityLevelSpec:
    code: str
    label: str
    min_score: Decimal


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    kind: str
    title: str
    approved_by: str
    valid_from_year: int
    max_points: Decimal | None
    quality_levels: tuple[QualityLevelSpec, ...]  # descending min_score
    sections: tuple[SectionSpec, ...]
    areas: tuple[AreaSpec, ...] = ()  # ЦПО
    cipo_criteria: tuple[CriterionSpec, ...] = ()  # ЦИПО
    _index: dict[str, CriterionSpec] = field(default_factory=dict, compare=False, repr=False)

    @property
    def criteria(self) -> tuple[CriterionSpec, ...]:
        """Every scored criterion (ЦПО), in order."""
        return tuple(c for area in self.areas for c in area.criteria)

    @property
    def indicators(self) -> tuple[IndicatorSpec, ...]:
        """Every yes/no indicator (ЦИПО), in order."""
        return tuple(i for c in self.cipo_criteria for i in c.indicators)

    def criterion(self, code: str) -> CriterionSpec | None:
        if not self._index:
            self._index.update({c.code: c for c in self.criteria})
        return self._index.get(code)

    @property
    def indicator_codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    @property
    def section_codes(self) -> list[str]:
        return [s.code for s in self.sections]


def _decimal(value: object, where: str, problems: list[str]) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{where}: not a number")
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: not a number")
        return None
    if not number.is_finite() or number < 0:
        problems.append(f"{where}: must be a number ≥ 0")
        return None
    return number


def _duplicates(codes: Iterable[_Code]) -> list[_Code]:
    seen: set[_Code] = set()
    repeated: list[_Code] = []
    for code in codes:
        if code in seen and code not in repeated:
            repeated.append(code)
        seen.add(code)
    return repeated


def _text(
    data: dict[str, Any], key: str, where: str, problems: list[str], required: bool = True
) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}.{key}: required text")
        return ""
    return value.strip()


def _sections(data: dict[str, Any], problems: list[str]) -> tuple[SectionSpec, ...]:
    sections = []
    for i, raw in enumerate(data.get("narrative_sections") or []):
        where = f"narrative_sections[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not an object")
            continue
        sections.append(
            SectionSpec(_text(raw, "code", where, problems), _text(raw, "title", where, problems))
        )
    if not sections:
        problems.append("narrative_sections: at least one section is required")
    for code in _duplicates(s.code for s in sections):
        problems.append(f"narrative_sections: duplicate code {code}")
    return tuple(sections)


def _quality_levels(data: dict[str, Any], problems: list[str]) -> tuple[QualityLevelSpec, ...]:
    codes, levels = [], []
    for i, raw in enumerate(data.get("quality_levels") or []):
        where = f"quality_levels[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not an object")
            continue
        minimum = _decimal(raw.get("min_score"), f"{where}.min_score", problems)
        code, label = _text(raw, "code", where, problems), _text(raw, "label", where, problems)
        codes.append(code)
        # A level without a valid minimum is reported above and left out of the bands.
        if minimum is not None:
            levels.append(QualityLevelSpec(code, label, minimum))
    if not codes:
        problems.append("quality_levels: required for a ЦПО framework")
    for code in _duplicates(codes):
        problems.append(f"quality_levels: duplicate code {code}")
    levels.sort(key=lambda q: q.min_score, reverse=True)
    if levels and levels[-1].min_score != 0:
        problems.append("quality_levels: the lowest level must start at 0")
    return tuple(levels)


def _cpo_areas(data: dict[str, Any], problems: list[str]) -> tuple[AreaSpec, ...]:
    areas = []
    for i, raw_area in enumerate(data.get("areas") or []):
        where = f"areas[{i}]"
        if not isinstance(raw_area, dict):
            problems.append(f"{where}: not an object")
            continue
        area_code = _text(raw_area, "code", where, problems)
        criteria = []
        for j, raw in enumerate(raw_area.get("criteria") or []):
            cwhere = f"{where}.criteria[{j}]"
            if not isinstance(raw, dict):
                problems.append(f"{cwhere}: not an object")
                continue
            levels = []
            for k, raw_level in enumerate(raw.get("levels") or []):
                lwhere = f"{cwhere}.levels[{k}]"
                if not isinstance(raw_level, dict):
                    problems.append(f"{lwhere}: not an object")
                    continue
                points = _decimal(raw_level.get("points"), f"{lwhere}.points", problems)
                if points is not None:
                    levels.append(
                        LevelSpec(
                            points, _text(raw_level, "label", lwhere, problems), raw_level["points"]
                        )
                    )
            code = _text(raw, "code", cwhere, problems)
            if len(levels) < 2:
                problems.append(f"criterion {code}: at least two levels are required")
            for points in _duplicates(level.points for level in levels):
                problems.append(f"criterion {code}: duplicate level points {points}")
            criteria.append(
                CriterionSpec(
                    code=code,
                    title=_text(raw, "title", cwhere, problems),
                    indicator=_text(raw, "indicator", cwhere, problems, required=False),
                    levels=tuple(sorted(levels, key=lambda level: level.points)),
                    area_code=area_code,
                )
            )
        max_points = _decimal(raw_area.get("max_points"), f"{where}.max_points", problems)
        highest = sum((c.max_points for c in criteria), Decimal(0))
        if max_points is not None and highest != max_points:
            problems.append(
                f"area {area_code}: max_points {max_points} ≠ {highest}, "
                "the sum of its criteria's highest levels"
            )
        if not criteria:
            problems.append(f"area {area_code}: at least one criterion is required")
        areas.append(
            AreaSpec(
                area_code,
                _text(raw_area, "title", where, problems),
                # Without a valid maximum the file is refused (a problem above); 0 meanwhile.
                max_points if max_points is not None else Decimal(0),
                tuple(criteria),
            )
        )
    if not areas:
        problems.append("areas: required for a ЦПО framework")
    for code in _duplicates(a.code for a in areas):
        problems.append(f"areas: duplicate code {code}")
    for code in _duplicates(c.code for a in areas for c in a.criteria):
        problems.append(f"criteria: duplicate code {code}")
    return tuple(areas)


def _cipo_criteria(data: dict[str, Any], problems: list[str]) -> tuple[CriterionSpec, ...]:
    criteria = []
    for i, raw in enumerate(data.get("criteria") or []):
        where = f"criteria[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not an object")
            continue
        code = _text(raw, "code", where, problems)
        indicators = []
        for j, raw_indicator in enumerate(raw.get("indicators") or []):
            iwhere = f"{where}.indicators[{j}]"
            if not isinstance(raw_indicator, dict):
                problems.append(f"{iwhere}: not an object")
                continue
            indicators.append(
                IndicatorSpec(
                    _text(raw_indicator, "code", iwhere, problems),
                    _text(raw_indicator, "title", iwhere, problems),
                    code,
                )
            )
        if not indicators:
            problems.append(f"criterion {code}: at least one indicator is required")
        criteria.append(
            CriterionSpec(
                code=code, title=_text(raw, "title", where, problems), indicators=tuple(indicators)
            )
        )
    if not criteria:
        problems.append("criteria: required for a ЦИПО framework")
    for code in _duplicates(c.code for c in criteria):
        problems.append(f"criteria: duplicate code {code}")
    for code in _duplicates(i.code for c in criteria for i in c.indicators):
        problems.append(f"indicators: duplicate code {code}")
    return tuple(criteria)


def _scored_body(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """ЦПО: areas of criteria with levels, quality levels, the maximum."""
    areas = _cpo_areas(data, problems)
    max_points = _decimal(data.get("max_points"), "max_points", problems)
    total = sum((a.max_points for a in areas), Decimal(0))
    if max_points is not None and total != max_points:
        problems.append(f"max_points {max_points} ≠ {total}, the sum of the areas' maxima")
    return {
        "max_points": max_points,
        "quality_levels": _quality_levels(data, problems),
        "areas": areas,
    }


def _answered_body(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """ЦИПО: criteria of yes/no indicators; no points."""
    return {
        "max_points": None,
        "quality_levels": (),
        "cipo_criteria": _cipo_criteria(data, problems),
    }


# What a framework file holds beside the common parts, by kind.
_BODY_OF_KIND: dict[str, Callable[[dict[str, Any], list[str]], dict[str, Any]]] = {
    Kind.CPO: _scored_body,
    Kind.CIPO: _answered_body,
}


def framework_parse(data: object) -> FrameworkSpec:
    """Check a framework file's JSON (a dict) and return its FrameworkSpec.

    Raises FrameworkError listing every problem: missing parts, duplicate codes, an
    area whose maximum is not the sum of its criteria's highest levels, a total
    that is not `max_points`.
    """
    if not isinstance(data, dict):
        raise FrameworkError(["the file must hold one JSON object"])
    problems: list[str] = []
    code = _text(data, "code", "framework", problems)
    kind = data.get("kind")
    if kind not in Kind.values:
        problems.append("kind: must be CPO or CIPO")
        raise FrameworkError(problems)
    year = data.get("valid_from_year")
    if not year_in_range(year):
        problems.append(f"valid_from_year: a year from {FIRST_YEAR} to {LAST_YEAR}")
    common: dict[str, Any] = {
        "code": code,
        "kind": kind,
        "title": _text(data, "title", "framework", problems),
        "approved_by": _text(data, "approved_by", "framework", problems, required=False),
        "valid_from_year": year,
        "sections": _sections(data, problems),
    }
    spec = FrameworkSpec(**common, **_BODY_OF_KIND[kind](data, problems))
    if problems:
        raise FrameworkError(problems)
    return spec
