"""National statistics of the self-assessment reports (CONTRACT.md §2 and §5).

A year's statistics count every report of the kind submitted at least once
(submitted, returned or accepted), using its latest submitted version; drafts never
count. A report's kind is its framework's (a ЦПО report is scored, whatever later
happens to its centre's record). Licensed centres are those licensed on 31 December
of the year.

The figures are frozen dataclasses — `YearStatistics` and its parts — read by the
pages, the analysis, the findings and the benchmark; `as_json()` gives the shape of
`GET statistics/{year}/`. Averages and percentages are computed exactly (Decimal)
and rounded half-up to 2 decimals once, into the figure as shown and published; a
percentage of a mean is computed from the unrounded mean. What is derived from the
published figures (year-over-year differences, the ranking of criteria) is
computed from them as shown.

Everything is computed in the database, in a fixed number of queries whatever the
number of years or centres; the score rows are read as the transitions keep them
added up (selfassessment/counting.py).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NotRequired, TypedDict, overload

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import ExtractYear, Greatest, Lead

from centers.models import Kind, LicenseStatus, LicenseStatusChange
from centers.regions import REGIONS
from core.years import year_in_range, year_range_message
from selfassessment.frameworks import AreaSpec, CriterionSpec, FrameworkSpec
from selfassessment.models import (
    FILED_STATUSES,
    CountedScore,
    CountedTotal,
    Criterion,
    Framework,
    Indicator,
    QualityLevel,
    Report,
    ReportSubmission,
    SubmissionAnswer,
    SubmissionScore,
)
from selfassessment.scoring import quality_level

HUNDRED = Decimal(100)
MIN_REGIONAL_REPORTS = 5
# At most this many years in one `trends` call.
MAX_SPAN = 50


class StatisticsError(ValueError):
    """An unknown kind or a year outside 2000–2100: {"field": ["message"]}."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@overload
def shown(value: None) -> None: ...
@overload
def shown(value: Decimal) -> float: ...
def shown(value: Decimal | None) -> float | None:
    """Round half-up to 2 decimals, as a JSON number."""
    if value is None:
        return None
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(rounded)


def level_label(code: str | None) -> str:
    """The name of a quality level as people read it ("Добро"); "" for none."""
    return str(QualityLevel(code).label) if code else ""


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return Decimal(part) * HUNDRED / Decimal(whole) if whole else Decimal(0)


# --- The figures -------------------------------------------------------------------


@dataclass(frozen=True)
class AreaFigure:
    """An area of assessment (ЦПО): its mean points and their share of its maximum."""

    code: str
    title: str
    max_points: float
    average: float
    percent: float

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CriterionFigure:
    """A scored criterion (ЦПО): mean points and how many reports chose each level,
    keyed by the level's points as written in the framework file, every level present."""

    code: str
    title: str
    max_points: float
    average: float
    distribution: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ValidationFigures:
    """Validation of competences acquired outside formal training (ЦПО): procedures,
    persons, and centres with at least one procedure."""

    procedures: int
    persons: int
    centers: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class IndicatorFigure:
    """A yes/no indicator (ЦИПО): reports answering yes, and their share of the reports."""

    code: str
    title: str
    positive: int
    percent: float

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AnsweredCriterionFigure:
    """A ЦИПО criterion: share of yes answers over all its indicators' answers."""

    code: str
    title: str
    positive_percent: float

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RegionFigure:
    """Reports counted in a region (ISO 3166-2:BG code)."""

    region: str
    submitted: int

    @property
    def name(self) -> str:
        return str(REGIONS.get(self.region, self.region))

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ScoredRegionFigure(RegionFigure):
    """Reports counted in a region, with their mean total (ЦПО)."""

    average_score: float


@dataclass(frozen=True)
class ScoredFigures:
    """What points and quality levels give a year (ЦПО)."""

    zero_value_reports: int
    levels: dict[str, int]  # every QualityLevel code, in its order
    average_score: float  # 0 when no report counts
    average_level: str | None
    areas: tuple[AreaFigure, ...]
    criteria: tuple[CriterionFigure, ...]
    validation: ValidationFigures

    def as_json(self) -> dict[str, Any]:
        return {
            "zero_value_reports": self.zero_value_reports,
            "levels": dict(self.levels),
            "average_score": self.average_score,
            "average_level": self.average_level,
            "areas": [area.as_json() for area in self.areas],
            "criteria": [criterion.as_json() for criterion in self.criteria],
            "validation": self.validation.as_json(),
        }


@dataclass(frozen=True)
class AnsweredFigures:
    """What yes/no answers give a year (ЦИПО)."""

    indicators: tuple[IndicatorFigure, ...]
    criteria: tuple[AnsweredCriterionFigure, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "indicators": [indicator.as_json() for indicator in self.indicators],
            "criteria": [criterion.as_json() for criterion in self.criteria],
        }


@dataclass(frozen=True)
class YearStatistics:
    """The statistics of a year and a kind. Exactly one of `scored` (ЦПО) and
    `answered` (ЦИПО) is set, as the kind's reports are scored or answered."""

    year: int
    kind: str
    licensed_centers: int
    submitted: int
    submitted_on_time: int
    on_time_percent: float  # of the licensed centres
    regions: tuple[RegionFigure, ...]
    scored: ScoredFigures | None = None
    answered: AnsweredFigures | None = None

    @property
    def submitted_late(self) -> int:
        return self.submitted - self.submitted_on_time

    def as_json(self) -> dict[str, Any]:
        """The body of `GET statistics/{year}/` (CONTRACT.md §5), keys in its order."""
        part = self.scored or self.answered
        assert part is not None, "a year's statistics carry one kind's figures"
        return {
            "year": self.year,
            "kind": self.kind,
            "licensed_centers": self.licensed_centers,
            "submitted": self.submitted,
            "submitted_on_time": self.submitted_on_time,
            "submitted_late": self.submitted_late,
            "on_time_percent": self.on_time_percent,
            **part.as_json(),
            "regions": [region.as_json() for region in self.regions],
        }


@dataclass(frozen=True)
class Trend:
    """The statistics of consecutive years of a kind."""

    kind: str
    years: tuple[YearStatistics, ...]

    def as_json(self) -> dict[str, Any]:
        """The body of `GET statistics/trends/`."""
        return {"kind": self.kind, "years": [year.as_json() for year in self.years]}


@dataclass(frozen=True)
class YearOverYear:
    """Differences from the previous year: counts, percentage points, points; the
    last three for scored kinds only (ЦПО)."""

    submitted: int
    licensed_centers: int
    on_time_percent: float
    average_score: float | None = None
    levels: dict[str, int] | None = None
    zero_value_reports: int | None = None


@dataclass(frozen=True)
class ExtremeCriteria:
    """The criteria with the highest and the lowest average share of their maximum."""

    highest: tuple[CriterionFigure, ...]
    lowest: tuple[CriterionFigure, ...]


@dataclass(frozen=True)
class RegionAverages:
    """A region's mean total, and mean points by area and by criterion code (ЦПО)."""

    submitted: int
    average_score: float
    areas: dict[str, float]
    criteria: dict[str, float]


# --- Checking what was asked ---------------------------------------------------------


def check_year_and_kind(year: object, kind: object) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = ["Видът е CPO или CIPO."]
    if not year_in_range(year):
        errors["year"] = [year_range_message()]
    if errors:
        raise StatisticsError(errors)


def check_span(first: int, last: int) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in (("from", first), ("to", last)):
        if not year_in_range(value):
            errors[name] = [year_range_message()]
    if not errors and first > last:
        errors["from"] = ["Началната година е след крайната."]
    if not errors and last - first > MAX_SPAN:
        errors["to"] = [f"Най-много {MAX_SPAN} години наведнъж."]
    if errors:
        raise StatisticsError(errors)


# --- Computing them ------------------------------------------------------------------


class KindFigures(TypedDict):
    """A kind's part of a year's statistics, as the YearStatistics fields it fills:
    `scored` (ЦПО) or `answered` (ЦИПО), and the regions."""

    regions: tuple[RegionFigure, ...]
    scored: NotRequired[ScoredFigures]
    answered: NotRequired[AnsweredFigures]


def statistics_for_year(year: int, kind: str) -> YearStatistics:
    """The statistics of `year` and `kind` (`GET statistics/{year}/`)."""
    check_year_and_kind(year, kind)
    return statistics_for_years(kind, range(year, year + 1))[0]


def trends(kind: str, first: int, last: int) -> Trend:
    """`GET statistics/trends/`: the statistics of every year from `first` to `last`,
    each what `statistics_for_year` gives, computed in one pass (statistics_for_years)."""
    check_span(first, last)
    check_year_and_kind(first, kind)
    return Trend(kind=Kind(kind).value, years=statistics_for_years(kind, range(first, last + 1)))


def statistics_for_years(kind: str, years: Sequence[int]) -> tuple[YearStatistics, ...]:
    """The statistics of each of `years` (ascending), in a fixed number of queries
    whatever the number of years or centres: every query reads all the years at once,
    grouped by year, so that ten years cost little more than one. One year is the
    case of one (statistics_for_year)."""
    licensed = _licensed_by_year(kind, years)
    specs = _specs_by_year(kind, years)
    summaries = _summaries(kind, years)
    details = FIGURES_BY_YEAR[kind](kind, years, specs, summaries)
    statistics = []
    for year in years:
        summary = summaries.get(year, _Summary())
        statistics.append(
            YearStatistics(
                year=year,
                kind=Kind(kind).value,
                licensed_centers=licensed[year],
                submitted=summary.submitted,
                submitted_on_time=summary.on_time,
                on_time_percent=shown(_share(summary.on_time, licensed[year])),
                **details[year],
            )
        )
    return tuple(statistics)


def _counted(kind: str, years: Sequence[int], through: str = "") -> Q:
    """The snapshots a year's statistics count (ReportSubmission.objects.filed, for
    all `years` at once), as a filter on ReportSubmission or, `through` its relation
    ("submission__"), on its score or answer rows. One filter, so that the database
    joins the tables once instead of testing each row against a subquery."""
    return Q(
        **{
            f"{through}is_latest": True,
            f"{through}report__year__in": years,
            f"{through}report__framework__kind": kind,
            f"{through}report__status__in": FILED_STATUSES,
        }
    )


@dataclass
class _Summary:
    """A year's counted snapshots, summed (CountedTotal's names), and by
    region: (region, reports, points), in the order of the regions' codes."""

    sums: dict[str, Decimal] = field(default_factory=dict)
    regions: list[tuple[str, int, Decimal]] = field(default_factory=list)

    def add(self, region: str, sums: Mapping[str, Decimal]) -> None:
        for name, value in sums.items():
            self.sums[name] = self.sums.get(name, Decimal(0)) + value
        self.regions.append((region, int(sums.get("reports", 0)), sums.get("score", Decimal(0))))

    def sum(self, name: str) -> int:
        return int(self.sums.get(name, 0))

    @property
    def submitted(self) -> int:
        return self.sum("reports")

    @property
    def on_time(self) -> int:
        return self.sum("on_time")

    @property
    def score(self) -> Decimal:
        return self.sums.get("score", Decimal(0))


def _summaries(kind: str, years: Sequence[int]) -> dict[int, _Summary]:
    """{year: its counted snapshots summed, with its regions}, as the transitions keep
    them added up by year and region (selfassessment/counting.py)."""
    by_region: dict[tuple[int, str], dict[str, Decimal]] = {}
    for year, region, name, value in (
        CountedTotal.objects.filter(year__in=years, kind=kind)
        .values_list("year", "region", "name", "value")
        .order_by("year", "region")
    ):
        by_region.setdefault((year, region), {})[name] = value
    summaries: dict[int, _Summary] = {}
    for (year, region), sums in by_region.items():
        if sums.get("reports"):  # a region whose reports were all withdrawn has none
            summaries.setdefault(year, _Summary()).add(region, sums)
    return summaries


def _scored_by_year(
    kind: str,
    years: Sequence[int],
    specs: Mapping[int, FrameworkSpec | None],
    summaries: Mapping[int, _Summary],
) -> dict[int, KindFigures]:
    """ЦПО: totals, quality levels, areas, criteria, validation, regions with means —
    from the summaries and one aggregate of the score rows by (year, criterion, points)."""
    chosen = _by_year(_score_counts(kind, years))
    criteria, areas = {}, {}
    for pk, code, area in Criterion.objects.filter(
        pk__in={pk for rows in chosen.values() for pk, *_ in rows}
    ).values_list("pk", "code", "area__code"):
        criteria[pk], areas[pk] = code, area
    figures: dict[int, KindFigures] = {}
    for year in years:
        spec, summary = specs[year], summaries.get(year, _Summary())
        n = summary.submitted
        mean = summary.score / n if n else None
        area_figures: tuple[AreaFigure, ...] = ()
        criterion_figures: tuple[CriterionFigure, ...] = ()
        if n and spec:
            counts: dict[tuple[str, Decimal], int] = {}
            area_sums: dict[str | None, Decimal] = {}
            for pk, points, count in chosen.get(year, []):
                key = (criteria[pk], points)
                counts[key] = counts.get(key, 0) + count
                area_sums[areas[pk]] = area_sums.get(areas[pk], Decimal(0)) + points * count
            area_figures = tuple(_area(a, area_sums.get(a.code), n) for a in spec.areas)
            criterion_figures = tuple(_criterion(c, counts, n) for c in spec.criteria)
        scored = ScoredFigures(
            zero_value_reports=summary.sum("zero"),
            levels={level: summary.sum(level) for level in QualityLevel.values},
            average_score=shown(mean) if mean is not None else 0,
            average_level=quality_level(mean, spec.quality_levels)
            if mean is not None and spec
            else None,
            areas=area_figures,
            criteria=criterion_figures,
            validation=ValidationFigures(
                procedures=summary.sum("procedures"),
                persons=summary.sum("persons"),
                centers=summary.sum("validating"),
            ),
        )
        figures[year] = {
            "scored": scored,
            "regions": tuple(
                ScoredRegionFigure(
                    region=region, submitted=count, average_score=shown(score / count)
                )
                for region, count, score in summary.regions
            ),
        }
    return figures


def _score_counts(kind: str, years: Sequence[int]) -> list[tuple[int, int, Decimal, int]]:
    """(year, criterion id, points, reports) of the counted snapshots of `years`, as
    the transitions keep them added up (selfassessment/counting.py): a few hundred rows
    a year instead of the 27 score rows of every report."""
    return list(
        CountedScore.objects.filter(
            year__in=years, criterion__framework__kind=kind, reports__gt=0
        ).values_list("year", "criterion_id", "points", "reports")
    )


def _area(area: AreaSpec, points_sum: Decimal | None, submitted: int) -> AreaFigure:
    mean = Decimal(points_sum or 0) / submitted
    return AreaFigure(
        code=area.code,
        title=area.title,
        max_points=float(area.max_points),
        average=shown(mean),
        percent=shown(_share(mean, area.max_points)),
    )


def _criterion(
    criterion: CriterionSpec, counts: Mapping[tuple[str, Decimal], int], submitted: int
) -> CriterionFigure:
    """`counts`: {(criterion code, points): reports choosing them}."""
    chosen = [(level, counts.get((criterion.code, level.points), 0)) for level in criterion.levels]
    points_sum = sum((level.points * n for level, n in chosen), Decimal(0))
    return CriterionFigure(
        code=criterion.code,
        title=criterion.title,
        max_points=float(criterion.max_points),
        average=shown(points_sum / submitted),
        distribution={str(level.raw): n for level, n in chosen},
    )


def _answered_by_year(
    kind: str,
    years: Sequence[int],
    specs: Mapping[int, FrameworkSpec | None],
    summaries: Mapping[int, _Summary],
) -> dict[int, KindFigures]:
    """ЦИПО: shares of yes answers by indicator and by criterion, from one aggregate
    of the answer rows by (year, indicator); regions' counts from the summaries."""
    answered = _by_year(
        SubmissionAnswer.objects.filter(_counted(kind, years, through="submission__"))
        .values_list("submission__report__year", "indicator_id")
        .annotate(yes=Count("pk", filter=Q(value=True)), total=Count("pk"))
        .order_by()
    )
    codes = {
        pk: (code, criterion)
        for pk, code, criterion in Indicator.objects.filter(
            pk__in={pk for rows in answered.values() for pk, *_ in rows}
        ).values_list("pk", "code", "criterion__code")
    }
    figures: dict[int, KindFigures] = {}
    for year in years:
        summary = summaries.get(year, _Summary())
        rows = [(*codes[pk], yes, total) for pk, yes, total in answered.get(year, [])]
        figures[year] = {
            "answered": _answered_figures(rows, summary.submitted, specs[year]),
            "regions": tuple(
                RegionFigure(region=region, submitted=count)
                for region, count, _score in summary.regions
            ),
        }
    return figures


def _answered_figures(rows: Any, submitted: int, spec: FrameworkSpec | None) -> AnsweredFigures:
    """ЦИПО figures from answer counts: rows of (indicator code, criterion code, yes
    answers, answers), for one year's `submitted` reports."""
    if not (submitted and spec):
        return AnsweredFigures(indicators=(), criteria=())
    positive: dict[str, int] = {}
    by_criterion: dict[str, tuple[int, int]] = {}
    for indicator, criterion, yes, total in rows:
        positive[indicator] = positive.get(indicator, 0) + yes
        before = by_criterion.get(criterion, (0, 0))
        by_criterion[criterion] = (before[0] + yes, before[1] + total)
    return AnsweredFigures(
        indicators=tuple(
            IndicatorFigure(
                code=indicator.code,
                title=indicator.title,
                positive=positive.get(indicator.code, 0),
                percent=shown(_share(positive.get(indicator.code, 0), submitted)),
            )
            for indicator in spec.indicators
        ),
        criteria=tuple(
            AnsweredCriterionFigure(
                code=c.code,
                title=c.title,
                positive_percent=shown(_share(*by_criterion.get(c.code, (0, 0)))),
            )
            for c in spec.cipo_criteria
        ),
    )


def _licensed_by_year(kind: str, years: Sequence[int]) -> dict[int, int]:
    """{year: centres of `kind` licensed on 31 December} (CONTRACT.md §2, as
    `Center.objects.licensed_on` counts them) in one query whatever the years: an entry
    of a licence history is in force from its date until the next entry's (a centre
    has one entry a day), so an `active` entry counts a centre in every year
    from the later of its own year and its licence's up to the year before the next
    entry's. The entries are counted by those two years, the years summed here."""
    entries = (
        LicenseStatusChange.objects.filter(center__kind=kind)
        .order_by()  # the default (the centres' names) would sort every entry for nothing
        .values(
            "status",
            first=Greatest(ExtractYear("since"), ExtractYear("center__license_date")),
            end=ExtractYear(
                Window(Lead("since"), partition_by=[F("center_id")], order_by=[F("since"), F("pk")])
            ),
        )
    )
    sql, params = entries.query.sql_with_params()
    with connection.cursor() as cursor:
        # The ORM's own SQL, wrapped: it cannot group by what a window computes.
        cursor.execute(
            f'SELECT "first", "end", COUNT(*) FROM ({sql}) entries'  # noqa: S608  # nosec B608
            ' WHERE status = %s GROUP BY "first", "end"',
            (*params, LicenseStatus.ACTIVE),
        )
        spans = cursor.fetchall()
    return {
        year: sum(n for first, end, n in spans if first <= year and (end is None or year < end))
        for year in years
    }


def _specs_by_year(kind: str, years: Sequence[int]) -> dict[int, FrameworkSpec | None]:
    """{year: the framework in force} (`framework_for`), from one query."""
    frameworks = list(
        Framework.objects.filter(kind=kind, valid_from_year__lte=max(years)).order_by(
            "-valid_from_year"
        )
    )
    return {
        year: next((f.spec for f in frameworks if f.valid_from_year <= year), None)
        for year in years
    }


def _by_year(rows: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


# statistics_for_years: each kind's part, for many years: ЦПО reports are scored,
# ЦИПО reports answered (selfassessment/kinds.py). Keyed by str: looked up by the
# kind as asked for ("CPO"), which equals its Kind.
FIGURES_BY_YEAR: dict[
    str,
    Callable[
        [str, Sequence[int], Mapping[int, FrameworkSpec | None], Mapping[int, _Summary]],
        dict[int, KindFigures],
    ],
] = {Kind.CPO: _scored_by_year, Kind.CIPO: _answered_by_year}


def years_with_reports(kind: str) -> list[int]:
    return sorted(
        Report.objects.filter(framework__kind=kind, status__in=FILED_STATUSES)
        .order_by()  # the default ordering (centre name) would make the years repeat
        .values_list("year", flat=True)
        .distinct()
    )


# --- Read from the figures -----------------------------------------------------------


class _Common(TypedDict):
    """The differences every kind has."""

    submitted: int
    licensed_centers: int
    on_time_percent: float


def _difference(current: float, previous: float) -> float:
    return shown(Decimal(str(current)) - Decimal(str(previous)))


def year_over_year(current: YearStatistics, previous: YearStatistics | None) -> YearOverYear | None:
    """Differences from the previous year, from the figures as published; None
    without a previous year with reports."""
    if previous is None or not previous.submitted:
        return None
    common: _Common = {
        "submitted": current.submitted - previous.submitted,
        "licensed_centers": current.licensed_centers - previous.licensed_centers,
        "on_time_percent": _difference(current.on_time_percent, previous.on_time_percent),
    }
    now, before = current.scored, previous.scored
    if now is None or before is None:
        return YearOverYear(**common)
    return YearOverYear(
        **common,
        average_score=_difference(now.average_score, before.average_score),
        levels={code: n - before.levels.get(code, 0) for code, n in now.levels.items()},
        zero_value_reports=now.zero_value_reports - before.zero_value_reports,
    )


def extreme_criteria(stats: YearStatistics, count: int = 3) -> ExtremeCriteria:
    """The criteria with the highest and the lowest average share of their maximum
    (as published); none for a kind without scored criteria."""
    criteria: tuple[CriterionFigure, ...] = stats.scored.criteria if stats.scored else ()
    ranked = sorted(
        (c for c in criteria if c.max_points),
        key=lambda c: (Decimal(str(c.average)) / Decimal(str(c.max_points)), c.code),
    )
    return ExtremeCriteria(highest=tuple(reversed(ranked[-count:])), lowest=tuple(ranked[:count]))


def _filed_by(year: int, kind: str, as_of: datetime | None) -> QuerySet[ReportSubmission]:
    """The year's counted snapshots of `kind`, only those filed by `as_of` if given
    (the instant a year was published, for what centres compare themselves with)."""
    filed: QuerySet[ReportSubmission] = ReportSubmission.objects.filed(year, kind)
    return filed if as_of is None else filed.filter(submitted_at__lte=as_of)


def region_averages(
    year: int, kind: str, region: str, *, as_of: datetime | None = None
) -> RegionAverages | None:
    """The region's average total, area and criterion points (a scored kind), or
    None when fewer than 5 reports would make a centre identifiable."""
    submissions = _filed_by(year, kind, as_of).filter(report__center__region=region)
    totals = submissions.aggregate(n=Count("pk"), score=Sum("total_score"))
    n = totals["n"]
    if n < MIN_REGIONAL_REPORTS:
        return None
    scores = SubmissionScore.objects.filter(submission__in=submissions)
    areas = dict(scores.values_list("criterion__area__code").annotate(total=Sum("points")))
    criteria = dict(scores.values_list("criterion__code").annotate(total=Sum("points")))
    return RegionAverages(
        submitted=n,
        average_score=shown(Decimal(totals["score"] or 0) / n),
        areas={code: shown(Decimal(total) / n) for code, total in areas.items()},
        criteria={code: shown(Decimal(total) / n) for code, total in criteria.items()},
    )


def share_below(year: int, kind: str, total: Decimal, *, as_of: datetime | None = None) -> float:
    """Percent of the year's reports of `kind` (scored) with a lower total than `total`."""
    counts = _filed_by(year, kind, as_of).aggregate(
        n=Count("pk"), below=Count("pk", filter=Q(total_score__lt=total))
    )
    return shown(_share(counts["below"], counts["n"]))
