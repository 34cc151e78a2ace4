"""The national analysis document: statistics → charts and findings → HTML → PDF.

Modelled on the agency's yearly "Анализ на данните от докладите за самооценка":
title page, legal basis and principles, method, Table 1, figures, criteria, validation,
the ЦИПО section, the regional table and findings written from the numbers. The
document is in Bulgarian whatever the language of whoever asked for it.
"""

from dataclasses import dataclass

from django.utils import translation

from centers.models import Kind
from core.formatting import bg_number
from core.pdf import render_pdf
from core.years import year_in_range
from selfassessment.selectors import framework_for

from . import charts, findings
from .statistics import (
    YearStatistics,
    extreme_criteria,
    level_label,
    statistics_for_year,
    year_over_year,
    years_with_reports,
)

# The kind whose figures an analysis also carries: the ЦПО analysis is the agency's
# combined document, with a section on the ЦИПО.
COMPANION = {Kind.CPO: Kind.CIPO}
DOCUMENT_LANGUAGE = "bg"


@dataclass(frozen=True)
class AnalysisFigures:
    """The figures an analysis is made of (stored with it): the year, the previous
    year, every earlier year with reports, and for ЦПО the year's ЦИПО figures
    (`companion`) and the previous year's."""

    year: int
    kind: str
    statistics: YearStatistics
    previous: YearStatistics | None
    history: tuple[YearStatistics, ...]
    companion: YearStatistics | None = None
    companion_previous: YearStatistics | None = None

    def as_json(self):
        """As stored in `Analysis.statistics` (the companion's keys: "cipo",
        "cipo_previous")."""
        data = {
            "year": self.year,
            "kind": self.kind,
            "statistics": self.statistics.as_json(),
            "previous": _json(self.previous),
            "history": [s.as_json() for s in self.history],
        }
        if self.companion is not None:
            data["cipo"] = _json(self.companion)
            data["cipo_previous"] = _json(self.companion_previous)
        return data


def _json(statistics):
    return statistics.as_json() if statistics is not None else None


def analysis_statistics(year, kind) -> AnalysisFigures:
    years = [y for y in years_with_reports(kind) if y <= year] or [year]
    history = {y: statistics_for_year(y, kind) for y in sorted(set(years) | {year})}
    companion = COMPANION.get(kind)
    return AnalysisFigures(
        year=year,
        kind=kind,
        statistics=history[year],
        previous=history.get(year - 1),
        history=tuple(history[y] for y in sorted(history)),
        companion=statistics_for_year(year, companion) if companion else None,
        companion_previous=statistics_for_year(year - 1, companion)
        if companion and year_in_range(year - 1)
        else None,
    )


def _scored_charts(figures):
    stats, previous, history = figures.statistics, figures.previous, figures.history
    levels = stats.scored.levels
    labels = [level_label(code) for code in levels]
    charted = {
        "levels": charts.bar_chart(
            labels,
            list(levels.values()),
            title=f"Разпределение по ниво на качество, {stats.year} г.",
        ),
        "average": charts.line_chart(
            [str(s.year) for s in history],
            [s.scored.average_score for s in history],
            title="Среден брой точки по години",
        ),
        "validation": charts.bar_chart(
            [str(s.year) for s in history],
            [s.scored.validation.procedures for s in history],
            title="Процедури по валидиране по години",
        ),
    }
    if previous and previous.submitted:
        charted["levels_compared"] = charts.grouped_bar_chart(
            labels,
            [
                (previous.year, [previous.scored.levels[code] for code in levels]),
                (stats.year, list(levels.values())),
            ],
            title="Разпределение по ниво на качество спрямо предходната година",
        )
    area_years = [s for s in history if s.scored.areas]
    if area_years:
        codes = [a.code for a in area_years[-1].scored.areas]
        charted["areas"] = charts.grouped_bar_chart(
            [f"Област {c}" for c in codes],
            [(s.year, [a.average for a in s.scored.areas]) for s in area_years[-5:]],
            title="Средни точки по области на оценяване по години",
        )
    return charted


def _lowest_distribution_chart(criterion):
    return charts.bar_chart(
        [f"{k.replace('.', ',')} т." for k in criterion.distribution],
        list(criterion.distribution.values()),
        title=f"Разпределение на точките по критерий {criterion.code}",
        width=6,
        height=2.6,
    )


def analysis_context(figures):
    stats, previous = figures.statistics, figures.previous
    diff = year_over_year(stats, previous) if previous else None
    framework = framework_for(figures.kind, figures.year)
    label = Kind(figures.kind).label
    context = {
        "snapshot": figures,
        "stats": stats,
        "previous": previous,
        "diff": diff,
        "kind_label": label,
        "spec": framework.spec if framework else None,
        "regions": stats.regions,
        "table1": [
            {
                "year": s.year,
                "licensed": s.licensed_centers,
                "on_time": s.submitted_on_time,
                "percent": s.on_time_percent,
                "zero": s.scored.zero_value_reports if s.scored else None,
            }
            for s in figures.history[-5:]
        ],
        "findings": [],
        "charts": {},
    }
    if context["spec"] and context["spec"].quality_levels:
        context["bands_text"] = bands_text(context["spec"].quality_levels)
    context["average_level_label"] = level_label(
        stats.scored.average_level if stats.scored else None
    )
    context["findings"].append(findings.on_time_finding(stats, diff, label))
    context["findings"].append(findings.late_finding(stats))
    if stats.scored and stats.submitted:
        extremes = extreme_criteria(stats)
        context["extremes"] = extremes
        context["charts"] = _scored_charts(figures)
        if extremes.lowest:
            context["charts"]["lowest"] = _lowest_distribution_chart(extremes.lowest[0])
        context["findings"] += [
            findings.average_finding(stats, diff),
            findings.levels_finding(stats),
            findings.zero_value_finding(stats, previous),
            findings.criteria_finding(extremes),
            findings.validation_finding(stats, previous),
        ]
    # The ЦИПО section: of the year's own figures, or of the companion's.
    if stats.answered:
        cipo, cipo_previous = stats, previous
    else:
        cipo, cipo_previous = figures.companion, figures.companion_previous
    if cipo and cipo.submitted:
        context["cipo"] = cipo
        context["cipo_previous"] = cipo_previous
        indicators = cipo.answered.indicators
        context["cipo_full"] = [i for i in indicators if i.percent == 100]
        context["cipo_no"] = sorted(
            (i for i in indicators if i.percent < 100), key=lambda i: i.percent
        )[:5]
        context["findings"].append(findings.cipo_finding(cipo))
        previous_indicators = {
            i.code: i.percent for i in (cipo_previous.answered.indicators if cipo_previous else ())
        }
        context["cipo_rows"] = [
            {
                "code": i.code,
                "positive": i.positive,
                "percent": i.percent,
                "previous": previous_indicators.get(i.code),
            }
            for i in indicators
        ]
    return context


def bands_text(quality_levels):
    """„Отлично“ — от 91 т.; „Добро“ — от 66 до под 91 т.; …; „Незадоволително“ — под 46 т."""
    parts, upper = [], None
    for level in quality_levels:
        low = bg_number(level.min_score)
        if upper is None:
            parts.append(f"„{level.label}“ — от {low} т.")
        elif level.min_score == 0:
            parts.append(f"„{level.label}“ — под {upper} т.")
        else:
            parts.append(f"„{level.label}“ — от {low} до под {upper} т.")
        upper = low
    return "; ".join(parts)


def analysis_pdf(year, kind, progress=lambda value: None):
    """(the figures, PDF bytes) of the analysis of `year` and `kind`."""
    with translation.override(DOCUMENT_LANGUAGE):
        figures = analysis_statistics(year, kind)
        progress(40)
        context = analysis_context(figures)
        progress(70)
        pdf = render_pdf("reports/analysis.html", context)
    progress(95)
    return figures, pdf
