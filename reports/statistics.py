"""National statistics of the self-assessment reports (CONTRACT.md §2 and §5).

A year's statistics count every report of the kind submitted at least once
(submitted, returned or accepted), using its latest submitted version; drafts never
count. Licensed centres are those licensed on 31 December of the year. Averages and
percentages are exact (Decimal) and rounded half-up to 2 decimals only when shown;
a percentage of a mean is computed from the unrounded mean.

Everything is computed in the database, in a fixed number of queries per year
whatever the number of centres.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from centers.models import Center
from selfassessment.models import (
    FILED_STATUSES,
    QualityLevel,
    Report,
    ReportSubmission,
    SubmissionAnswer,
    SubmissionScore,
)
from selfassessment.scoring import quality_level
from selfassessment.selectors import framework_for

KINDS = ("CPO", "CIPO")
FIRST_YEAR, LAST_YEAR = 2000, 2100
HUNDRED = Decimal(100)


class StatisticsError(ValueError):
    """An unknown kind or a year outside 2000–2100: {"field": ["message"]}."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def shown(value):
    """Round half-up to 2 decimals, as a JSON number."""
    if value is None:
        return None
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(rounded)


def _share(part, whole):
    return Decimal(part) * HUNDRED / Decimal(whole) if whole else Decimal(0)


def check_year_and_kind(year, kind):
    errors = {}
    if kind not in KINDS:
        errors["kind"] = ["Видът е CPO или CIPO."]
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [f"Годината е от {FIRST_YEAR} до {LAST_YEAR}."]
    if errors:
        raise StatisticsError(errors)


def _latest(year, kind):
    return ReportSubmission.objects.filter(
        is_latest=True,
        report__year=year,
        report__center__kind=kind,
        report__status__in=FILED_STATUSES,
    )


def statistics_for_year(year, kind):
    """The statistics of `year` and `kind` in the shape of `GET statistics/{year}/`."""
    check_year_and_kind(year, kind)
    licensed = Center.objects.licensed_on(date(year, 12, 31)).filter(kind=kind).count()
    counts = Report.objects.filter(
        year=year, center__kind=kind, status__in=FILED_STATUSES
    ).aggregate(
        submitted=Count("pk"),
        on_time=Count("pk", filter=Q(submitted_on_time=True)),
    )
    submitted, on_time = counts["submitted"], counts["on_time"]
    result = {
        "year": year,
        "kind": kind,
        "licensed_centers": licensed,
        "submitted": submitted,
        "submitted_on_time": on_time,
        "submitted_late": submitted - on_time,
        "on_time_percent": shown(_share(on_time, licensed)),
    }
    framework = framework_for(kind, year)
    if kind == "CPO":
        result.update(_cpo(year, submitted, framework))
    else:
        result.update(_cipo(year, submitted, framework))
    return result


def _cpo(year, submitted, framework):
    latest = _latest(year, "CPO")
    totals = latest.aggregate(
        score=Sum("total_score"),
        zero=Count("pk", filter=Q(total_score=0)),
        procedures=Sum("validation_procedures"),
        persons=Sum("validation_persons"),
        validating=Count("report__center", filter=Q(validation_procedures__gt=0), distinct=True),
        **{level: Count("pk", filter=Q(quality_level=level)) for level in QualityLevel.values},
    )
    spec = framework.spec if framework else None
    mean = Decimal(totals["score"] or 0) / submitted if submitted else None
    areas, criteria = [], []
    if submitted and spec:
        area_sums = dict(
            SubmissionScore.objects.filter(submission__in=latest)
            .values_list("criterion__area__code")
            .annotate(total=Sum("points"))
        )
        areas = [
            {
                "code": area.code,
                "max_points": float(area.max_points),
                "average": shown(Decimal(area_sums.get(area.code) or 0) / submitted),
                "percent": shown(
                    _share(Decimal(area_sums.get(area.code) or 0) / submitted, area.max_points)
                ),
            }
            for area in spec.areas
        ]
        counts = {}
        for code, points, n in (
            SubmissionScore.objects.filter(submission__in=latest)
            .values_list("criterion__code", "points")
            .annotate(n=Count("pk"))
        ):
            counts[(code, Decimal(points))] = n
        for criterion in spec.criteria:
            distribution = {
                str(level.raw): counts.get((criterion.code, level.points), 0)
                for level in criterion.levels
            }
            points_sum = sum(
                (
                    level.points * counts.get((criterion.code, level.points), 0)
                    for level in criterion.levels
                ),
                Decimal(0),
            )
            criteria.append(
                {
                    "code": criterion.code,
                    "max_points": float(criterion.max_points),
                    "average": shown(points_sum / submitted),
                    "distribution": distribution,
                }
            )
    regions = [
        {"region": region, "submitted": n, "average_score": shown(Decimal(score or 0) / n)}
        for region, n, score in latest.values_list("report__center__region")
        .annotate(n=Count("pk"), score=Sum("total_score"))
        .order_by("report__center__region")
    ]
    return {
        "zero_value_reports": totals["zero"],
        "levels": {level: totals[level] for level in QualityLevel.values},
        "average_score": shown(mean) if mean is not None else 0,
        "average_level": quality_level(mean, spec.quality_levels)
        if mean is not None and spec
        else None,
        "areas": areas,
        "criteria": criteria,
        "validation": {
            "procedures": totals["procedures"] or 0,
            "persons": totals["persons"] or 0,
            "centers": totals["validating"],
        },
        "regions": regions,
    }


def _cipo(year, submitted, framework):
    latest = _latest(year, "CIPO")
    answers = SubmissionAnswer.objects.filter(submission__in=latest)
    indicators, criteria = [], []
    if submitted and framework:
        spec = framework.spec
        positive = dict(
            answers.values_list("indicator__code").annotate(yes=Count("pk", filter=Q(value=True)))
        )
        by_criterion = {
            code: (yes, total)
            for code, yes, total in answers.values_list("indicator__criterion__code").annotate(
                yes=Count("pk", filter=Q(value=True)), total=Count("pk")
            )
        }
        indicators = [
            {
                "code": code,
                "positive": positive.get(code, 0),
                "percent": shown(_share(positive.get(code, 0), submitted)),
            }
            for code in spec.indicator_codes
        ]
        criteria = [
            {
                "code": c.code,
                "positive_percent": shown(_share(*by_criterion.get(c.code, (0, 0)))),
            }
            for c in spec.cipo_criteria
        ]
    regions = [
        {"region": region, "submitted": n}
        for region, n in latest.values_list("report__center__region")
        .annotate(n=Count("pk"))
        .order_by("report__center__region")
    ]
    return {"indicators": indicators, "criteria": criteria, "regions": regions}


def check_span(first, last):
    errors = {}
    for name, value in (("from", first), ("to", last)):
        if not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
            errors[name] = [f"Годината е от {FIRST_YEAR} до {LAST_YEAR}."]
    if not errors and first > last:
        errors["from"] = ["Началната година е след крайната."]
    if not errors and last - first > 50:
        errors["to"] = ["Най-много 50 години наведнъж."]
    if errors:
        raise StatisticsError(errors)


def trends(kind, first, last):
    """`GET statistics/trends/`: the statistics of every year from `first` to `last`."""
    check_span(first, last)
    check_year_and_kind(first, kind)
    return {
        "kind": kind,
        "years": [statistics_for_year(year, kind) for year in range(first, last + 1)],
    }


def years_with_reports(kind):
    return sorted(
        Report.objects.filter(center__kind=kind, status__in=FILED_STATUSES)
        .values_list("year", flat=True)
        .distinct()
    )


def year_over_year(current, previous):
    """Differences from the previous year: counts, percentage points, points."""
    if previous is None or not previous["submitted"]:
        return None
    diff = {
        "submitted": current["submitted"] - previous["submitted"],
        "licensed_centers": current["licensed_centers"] - previous["licensed_centers"],
        "on_time_percent": shown(
            Decimal(str(current["on_time_percent"])) - Decimal(str(previous["on_time_percent"]))
        ),
    }
    if current["kind"] == "CPO":
        diff["average_score"] = shown(
            Decimal(str(current["average_score"])) - Decimal(str(previous["average_score"]))
        )
        diff["levels"] = {
            k: current["levels"][k] - previous["levels"].get(k, 0) for k in current["levels"]
        }
        diff["zero_value_reports"] = current["zero_value_reports"] - previous["zero_value_reports"]
    return diff


def extreme_criteria(stats, count=3):
    """The criteria with the highest and the lowest average share of their maximum."""
    ranked = sorted(
        (c for c in stats.get("criteria", []) if c.get("max_points")),
        key=lambda c: (Decimal(str(c["average"])) / Decimal(str(c["max_points"])), c["code"]),
    )
    return {"highest": list(reversed(ranked[-count:])), "lowest": ranked[:count]}


MIN_REGIONAL_REPORTS = 5


def region_averages(year, region):
    """The region's average total, area and criterion points (ЦПО), or None when
    fewer than 5 reports would make a centre identifiable."""
    latest = _latest(year, "CPO").filter(report__center__region=region)
    totals = latest.aggregate(n=Count("pk"), score=Sum("total_score"))
    n = totals["n"]
    if n < MIN_REGIONAL_REPORTS:
        return None
    scores = SubmissionScore.objects.filter(submission__in=latest)
    areas = dict(scores.values_list("criterion__area__code").annotate(total=Sum("points")))
    criteria = dict(scores.values_list("criterion__code").annotate(total=Sum("points")))
    return {
        "submitted": n,
        "average_score": shown(Decimal(totals["score"] or 0) / n),
        "areas": {code: shown(Decimal(total) / n) for code, total in areas.items()},
        "criteria": {code: shown(Decimal(total) / n) for code, total in criteria.items()},
    }


def share_below(year, total):
    """Percent of the year's ЦПО reports with a lower total than `total`."""
    latest = _latest(year, "CPO")
    counts = latest.aggregate(n=Count("pk"), below=Count("pk", filter=Q(total_score__lt=total)))
    return shown(_share(counts["below"], counts["n"]))
