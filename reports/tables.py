"""The statistics of a year as people read them: every area, criterion, indicator and
region by its name, shares in percent, small regions marked — the rows of the
statistics page and of its CSV/XLSX downloads.

Read from the statistics JSON (`as_json()` shape, live or a published snapshot, with
small cells already suppressed for the public: `publication.public_figures`), so
that the page and the file show exactly the figures the API gives. Shares of counts
are computed here exactly from the published counts and rounded half-up once.

Words: an area of assessment is „област на оценяване“, an oblast is „регион
(област)“ — never both „област“ on one screen.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from centers.regions import REGIONS

from .statistics import level_label, shown


@dataclass(frozen=True)
class LevelRow:
    code: str
    label: str
    count: int
    percent: float  # of the submitted reports


@dataclass(frozen=True)
class Share:
    """How many reports chose one level of a criterion (its points as in the framework)."""

    points: str  # as people write them: "1,5"
    count: int
    percent: float


@dataclass(frozen=True)
class AreaRow:
    code: str
    title: str
    max_points: float
    average: float
    percent: float  # of the area's maximum

    @property
    def label(self) -> str:
        return f"{self.code}. {self.title}" if self.title else self.code


@dataclass(frozen=True)
class CriterionRow:
    code: str
    title: str
    max_points: float
    average: float
    distribution: tuple[Share, ...]

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    title: str
    positive: int
    percent: float

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class AnsweredCriterionRow:
    """A ЦИПО criterion: the share of yes answers over all its indicators."""

    code: str
    title: str
    percent: float

    @property
    def label(self) -> str:
        return f"{self.code}. {self.title}" if self.title else self.code


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    submitted: int
    average_score: float | None  # None: a ЦИПО region, or suppressed
    suppressed: bool


@dataclass(frozen=True)
class StatisticsTables:
    scored: bool  # ЦПО: points and levels; ЦИПО: yes/no answers
    levels: tuple[LevelRow, ...]
    areas: tuple[AreaRow, ...]
    criteria: tuple[CriterionRow, ...]
    indicators: tuple[IndicatorRow, ...]
    answered_criteria: tuple[AnsweredCriterionRow, ...]
    regions: tuple[RegionRow, ...]

    @property
    def any_suppressed(self) -> bool:
        return any(region.suppressed for region in self.regions)


def _percent(part: int, whole: int) -> float:
    return shown(Decimal(part) * 100 / whole) if whole else 0.0


def _points(raw: str) -> str:
    """Level points as the framework writes them, in the reader's format: 1.5 → "1,5"."""
    return formats.number_format(Decimal(raw), use_l10n=True)


def statistics_tables(stats: dict[str, Any]) -> StatisticsTables:
    submitted = stats["submitted"]
    scored = "levels" in stats
    return StatisticsTables(
        scored=scored,
        levels=tuple(
            LevelRow(code, level_label(code), n, _percent(n, submitted))
            for code, n in stats.get("levels", {}).items()
        ),
        areas=tuple(
            AreaRow(a["code"], a.get("title", ""), a["max_points"], a["average"], a["percent"])
            for a in stats.get("areas", [])
        ),
        criteria=tuple(
            CriterionRow(
                c["code"],
                c.get("title", ""),
                c["max_points"],
                c["average"],
                tuple(
                    Share(_points(points), n, _percent(n, submitted))
                    for points, n in c["distribution"].items()
                ),
            )
            for c in (stats["criteria"] if scored else [])
        ),
        indicators=tuple(
            IndicatorRow(i["code"], i.get("title", ""), i["positive"], i["percent"])
            for i in stats.get("indicators", [])
        ),
        answered_criteria=tuple(
            AnsweredCriterionRow(c["code"], c.get("title", ""), c["positive_percent"])
            for c in ([] if scored else stats["criteria"])
        ),
        regions=tuple(
            RegionRow(
                r["region"],
                REGIONS.get(r["region"], r["region"]),
                r["submitted"],
                r.get("average_score"),
                bool(r.get("suppressed")),
            )
            for r in stats["regions"]
        ),
    )


def export_rows(tables: StatisticsTables) -> list[list[Any]]:
    """[what, code, name, value] rows for a CSV/XLSX download; values stay numbers."""
    rows: list[list[Any]] = []
    for level in tables.levels:
        rows.append([_("равнище на качество: брой доклади"), level.code, level.label, level.count])
        rows.append(
            [_("равнище на качество: % от подадените"), level.code, level.label, level.percent]
        )
    for area in tables.areas:
        what = _("област на оценяване")
        rows.append([f"{what}: {_('максимум точки')}", area.code, area.title, area.max_points])
        rows.append([f"{what}: {_('среден брой точки')}", area.code, area.title, area.average])
        rows.append([f"{what}: {_('% от максимума')}", area.code, area.title, area.percent])
    for criterion in tables.criteria:
        what = _("критерий")
        code, title = criterion.code, criterion.title
        rows.append([f"{what}: {_('максимум точки')}", code, title, criterion.max_points])
        rows.append([f"{what}: {_('среден брой точки')}", code, title, criterion.average])
        for share in criterion.distribution:
            chose = _("доклади с %(points)s т.") % {"points": share.points}
            rows.append([f"{what}: {chose}", code, title, share.count])
    for indicator in tables.indicators:
        what = _("показател")
        code, title = indicator.code, indicator.title
        rows.append([f"{what}: {_('отговори „да“')}", code, title, indicator.positive])
        rows.append([f"{what}: {_('% отговори „да“')}", code, title, indicator.percent])
    for answered in tables.answered_criteria:
        rows.append(
            [
                f"{_('критерий')}: {_('% отговори „да“')}",
                answered.code,
                answered.title,
                answered.percent,
            ]
        )
    for region in tables.regions:
        what = _("регион (област)")
        rows.append(
            [f"{what}: {_('подадени доклади')}", region.code, region.name, region.submitted]
        )
        if not tables.scored:
            continue
        if region.suppressed:
            rows.append(
                [
                    f"{what}: {_('среден брой точки')} ({_('не се публикува: под 5 доклада')})",
                    region.code,
                    region.name,
                    "",
                ]
            )
        else:
            rows.append(
                [
                    f"{what}: {_('среден брой точки')}",
                    region.code,
                    region.name,
                    region.average_score,
                ]
            )
    return rows
