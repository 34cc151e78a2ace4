"""The national analysis document: statistics → charts and findings → HTML → PDF.

Modelled on the agency's yearly "Анализ на данните от докладите за самооценка":
title page, legal basis and principles, method, Table 1, figures, criteria, validation,
the ЦИПО section, the regional table and findings written from the numbers.
"""

from centers.regions import REGIONS
from core.formatting import bg_number
from core.pdf import render_pdf
from selfassessment.selectors import framework_for

from . import charts, findings
from .statistics import extreme_criteria, statistics_for_year, year_over_year, years_with_reports

LEVEL_LABELS = {
    "excellent": "Отлично",
    "good": "Добро",
    "satisfactory": "Задоволително",
    "unsatisfactory": "Незадоволително",
}
KIND_LABELS = {"CPO": "ЦПО", "CIPO": "ЦИПО"}


def analysis_statistics(year, kind):
    """The figures an analysis is made of (stored with it): the year, the previous
    year, every earlier year with reports, and for ЦПО the year's ЦИПО figures."""
    years = [y for y in years_with_reports(kind) if y <= year] or [year]
    history = {y: statistics_for_year(y, kind) for y in sorted(set(years) | {year})}
    snapshot = {
        "year": year,
        "kind": kind,
        "statistics": history[year],
        "previous": history.get(year - 1),
        "history": [history[y] for y in sorted(history)],
    }
    if kind == "CPO":
        snapshot["cipo"] = statistics_for_year(year, "CIPO")
        snapshot["cipo_previous"] = statistics_for_year(year - 1, "CIPO") if year > 2000 else None
    return snapshot


def _cpo_charts(snapshot):
    stats, previous, history = snapshot["statistics"], snapshot["previous"], snapshot["history"]
    labels = [LEVEL_LABELS[k] for k in stats["levels"]]
    figures = {
        "levels": charts.bar_chart(
            labels,
            list(stats["levels"].values()),
            title=f"Разпределение по ниво на качество, {stats['year']} г.",
        ),
        "average": charts.line_chart(
            [str(s["year"]) for s in history],
            [s["average_score"] for s in history],
            title="Среден брой точки по години",
        ),
        "validation": charts.bar_chart(
            [str(s["year"]) for s in history],
            [s["validation"]["procedures"] for s in history],
            title="Процедури по валидиране по години",
        ),
    }
    if previous and previous["submitted"]:
        figures["levels_compared"] = charts.grouped_bar_chart(
            labels,
            [
                (previous["year"], [previous["levels"][k] for k in stats["levels"]]),
                (stats["year"], list(stats["levels"].values())),
            ],
            title="Разпределение по ниво на качество спрямо предходната година",
        )
    area_years = [s for s in history if s["areas"]]
    if area_years:
        codes = [a["code"] for a in area_years[-1]["areas"]]
        figures["areas"] = charts.grouped_bar_chart(
            [f"Област {c}" for c in codes],
            [(s["year"], [a["average"] for a in s["areas"]]) for s in area_years[-5:]],
            title="Средни точки по области на оценяване по години",
        )
    return figures


def _lowest_distribution_chart(criterion):
    return charts.bar_chart(
        [f"{k.replace('.', ',')} т." for k in criterion["distribution"]],
        list(criterion["distribution"].values()),
        title=f"Разпределение на точките по критерий {criterion['code']}",
        width=6,
        height=2.6,
    )


def analysis_context(snapshot):
    kind = snapshot["kind"]
    stats, previous = snapshot["statistics"], snapshot["previous"]
    diff = year_over_year(stats, previous) if previous else None
    framework = framework_for(kind, snapshot["year"])
    context = {
        "snapshot": snapshot,
        "stats": stats,
        "previous": previous,
        "diff": diff,
        "kind_label": KIND_LABELS[kind],
        "spec": framework.spec if framework else None,
        "regions": [dict(r, name=REGIONS.get(r["region"], r["region"])) for r in stats["regions"]],
        "table1": [
            {
                "year": s["year"],
                "licensed": s["licensed_centers"],
                "on_time": s["submitted_on_time"],
                "percent": s["on_time_percent"],
                "zero": s.get("zero_value_reports"),
            }
            for s in snapshot["history"][-5:]
        ],
        "findings": [],
        "charts": {},
    }
    if context["spec"] and context["spec"].quality_levels:
        context["bands_text"] = bands_text(context["spec"].quality_levels)
    context["average_level_label"] = LEVEL_LABELS.get(stats.get("average_level"), "")
    label = KIND_LABELS[kind]
    context["findings"].append(findings.on_time_finding(stats, diff, label))
    context["findings"].append(findings.late_finding(stats))
    if kind == "CPO" and stats["submitted"]:
        extremes = extreme_criteria(stats)
        context["extremes"] = extremes
        context["charts"] = _cpo_charts(snapshot)
        if extremes["lowest"]:
            context["charts"]["lowest"] = _lowest_distribution_chart(extremes["lowest"][0])
        context["findings"] += [
            findings.average_finding(stats, diff),
            findings.levels_finding(stats),
            findings.zero_value_finding(stats, previous),
            findings.criteria_finding(extremes),
            findings.validation_finding(stats, previous),
        ]
    cipo = snapshot.get("cipo") if kind == "CPO" else stats
    if cipo and cipo["submitted"]:
        context["cipo"] = cipo
        context["cipo_previous"] = snapshot.get("cipo_previous") if kind == "CPO" else previous
        context["cipo_full"] = [i for i in cipo["indicators"] if i["percent"] == 100]
        context["cipo_no"] = sorted(
            (i for i in cipo["indicators"] if i["percent"] < 100), key=lambda i: i["percent"]
        )[:5]
        context["findings"].append(findings.cipo_finding(cipo))
        previous_indicators = {
            i["code"]: i["percent"] for i in (context["cipo_previous"] or {}).get("indicators", [])
        }
        context["cipo_rows"] = [
            dict(i, previous=previous_indicators.get(i["code"])) for i in cipo["indicators"]
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
    """(statistics snapshot, PDF bytes) of the analysis of `year` and `kind`."""
    snapshot = analysis_statistics(year, kind)
    progress(40)
    context = analysis_context(snapshot)
    progress(70)
    pdf = render_pdf("reports/analysis.html", context)
    progress(95)
    return snapshot, pdf
