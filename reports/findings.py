"""Findings written from the numbers, in Bulgarian, as the agency writes them
("798 ЦПО (93,55%) са подали доклади в законоустановения срок; …"). Pure functions
of the figures in reports/statistics.py."""

from core.formatting import bg_number

from .statistics import level_label


def _level_name(code):
    """„Добро“, or "" for no level."""
    return f"„{level_label(code)}“" if code else ""


def _trend(diff, unit):
    if diff is None:
        return ""
    if diff == 0:
        return "; в сравнение с миналата година няма промяна"
    word = "ръст" if diff > 0 else "спад"
    return f"; в сравнение с миналата година се наблюдава {word} от {bg_number(abs(diff))} {unit}"


def on_time_finding(stats, diff, label):
    return (
        f"{stats.submitted_on_time} {label} ({bg_number(stats.on_time_percent)}%) са подали "
        f"доклади в законоустановения срок от общо {stats.licensed_centers} лицензирани към "
        f"31 декември {stats.year} г."
        + _trend(diff.on_time_percent if diff else None, "процентни пункта")
        + "."
    )


def late_finding(stats):
    if not stats.submitted_late:
        return "Няма подадени доклади след срока."
    return f"След срока са подадени {stats.submitted_late} доклада."


def average_finding(stats, diff):
    scored = stats.scored
    text = (
        f"Средният брой точки от самооценката е {bg_number(scored.average_score)} от 100 възможни, "
        f"което съответства на ниво на качество {_level_name(scored.average_level)}"
    )
    return text + _trend(diff.average_score if diff else None, "точки") + "."


def levels_finding(stats):
    submitted = stats.submitted or 1
    parts = [
        f"{_level_name(code)} — {n} ({bg_number(n * 100 / submitted)}%)"
        for code, n in stats.scored.levels.items()
    ]
    return "Разпределение по ниво на качество: " + "; ".join(parts) + "."


def zero_value_finding(stats, previous):
    n = stats.scored.zero_value_reports
    text = f"Доклади с нулева стойност: {n}"
    if previous is not None:
        text += f" (при {previous.scored.zero_value_reports} през {previous.year} г.)"
    return text + "."


def criteria_finding(extremes):
    def name(c):
        share = c.average * 100 / c.max_points if c.max_points else 0
        return f"{c.code} (средно {bg_number(c.average)} от {bg_number(c.max_points)} т., {bg_number(share)}%)"

    if not extremes.highest:
        return ""
    return (
        "Най-високо са оценени критериите "
        + ", ".join(name(c) for c in extremes.highest)
        + ", а най-ниско — "
        + ", ".join(name(c) for c in extremes.lowest)
        + "."
    )


def validation_finding(stats, previous):
    v = stats.scored.validation
    text = (
        f"Проведени са {v.procedures} процедури по валидиране на професионални знания, умения и "
        f"компетентности от {v.centers} центъра за професионално обучение, през които са "
        f"преминали {v.persons} лица"
    )
    if previous is not None:
        pv = previous.scored.validation
        text += f" (при {pv.procedures} процедури и {pv.persons} лица през {previous.year} г.)"
    return text + "."


def cipo_finding(stats):
    indicators = stats.answered.indicators
    full = [i.code for i in indicators if i.percent == 100]
    lowest = sorted(indicators, key=lambda i: i.percent)[:3]
    text = f"{stats.submitted} ЦИПО са подали доклад ({stats.submitted_on_time} в срок)."
    if full:
        text += " С „да“ от всички центрове са отговорени показатели " + ", ".join(full) + "."
    if lowest and lowest[0].percent < 100:
        text += (
            " Най-висок дял на „не“ имат показатели "
            + ", ".join(
                f"{i.code} ({bg_number(100 - i.percent)}%)" for i in lowest if i.percent < 100
            )
            + "."
        )
    return text
