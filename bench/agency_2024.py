"""A reproducible data set that matches NAVET's published analysis of the 2024 reports.

shared/reference/navet-self-assessment-analysis-2024.txt states, for ЦПО and ЦИПО,
counts, quality levels, averages, area averages per year, the distributions of the
low-scored criteria, validation procedures, and ЦИПО indicator shares. This module
writes a centres CSV (CONTRACT.md §3) and a reports JSON Lines file (§4) whose
statistics, computed by the portal, are exactly those figures; where the reference
gives none, the values are plausible and chosen so that the stated ones stay exact.
The generation is deterministic (seeded): the same files every run.

    python bench/agency_2024.py OUTPUT_DIR        # writes centers.csv and reports.jsonl

Imported from Python: `write_data_set(directory)` returns the two paths; `EXPECTED`
holds the figures the reference states, as the statistics API shows them, for tests.

Where the reference contradicts itself, the figure printed in more places wins (each
is noted in EXPECTED_NOTES): area 3 in 2024 is 12,76 points (Table 2's „85 %“ is
then 85,07 %: 12,75 would make the stated total 76,86 unreachable); ЦИПО 2022 and
2023 have 37 and 36 reports, so „87 %“ (2022, satisfaction measured) is 86,49 % and
„95 %“ (2023) is 94,44 %, the closest any count of centres allows while the other
shares of those years hold.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "selfassessment" / "framework_files"
SEED = 2024
SOFIA_WINTER = timezone(timedelta(hours=2))
QUALITY_BANDS = (  # code, lowest and highest total (scores move in halves)
    ("excellent", Decimal(91), Decimal(100)),
    ("good", Decimal(66), Decimal("90.5")),
    ("satisfactory", Decimal(46), Decimal("65.5")),
    ("unsatisfactory", Decimal(0), Decimal("45.5")),
)


# --- What the reference states (and plausible values where it states nothing) -------


@dataclass(frozen=True)
class CpoYear:
    licensed: int  # licensed on 31 December
    submitted: int
    on_time: int
    levels: dict[str, int]
    zero_value: int
    areas: dict[str, str]  # mean points per area, as published (2 decimals)
    fixed: dict[str, dict[str, int]]  # criterion → {level points: reports}
    validation: tuple[int, int, int]  # procedures, persons, centres
    area_percent: dict[str, str] = field(default_factory=dict)


def _levels(excellent, good, satisfactory, unsatisfactory):
    return {
        "excellent": excellent,
        "good": good,
        "satisfactory": satisfactory,
        "unsatisfactory": unsatisfactory,
    }


CPO_YEARS: dict[int, CpoYear] = {
    # 2020: only validation is stated (20 procedures, 164 persons); on time so that
    # 2021 is "a fall of 8,3 %" (97,08 → 88,78).
    2020: CpoYear(
        licensed=925,
        submitted=904,
        on_time=898,
        levels=_levels(12, 330, 450, 112),
        zero_value=8,
        areas={"1": "14.10", "2": "36.20", "3": "11.50"},
        fixed={
            "2.13": {"0": 260, "0.5": 540, "1.5": 80, "3": 24},
            "2.14": {"0": 600, "1.5": 170, "3": 134},
            "1.9": {"0": 380, "1.5": 330, "3": 194},
        },
        validation=(20, 164, 7),
    ),
    # 2021: areas 14,26 / 35,75 / 11,65 (Figure 4); "Задоволително" on average;
    # 45 procedures, 654 persons.
    2021: CpoYear(
        licensed=918,
        submitted=836,
        on_time=815,
        levels=_levels(10, 310, 420, 96),
        zero_value=6,
        areas={"1": "14.26", "2": "35.75", "3": "11.65"},
        fixed={
            "2.13": {"0": 230, "0.5": 500, "1.5": 80, "3": 26},
            "2.14": {"0": 560, "1.5": 150, "3": 126},
            "1.9": {"0": 350, "1.5": 300, "3": 186},
        },
        validation=(45, 654, 14),
    ),
    # 2022: areas 14,56 / 47,66 / 11,74; 31 unsatisfactory; 27 procedures, 71 persons.
    2022: CpoYear(
        licensed=905,
        submitted=870,
        on_time=862,
        levels=_levels(45, 640, 154, 31),
        zero_value=4,
        areas={"1": "14.56", "2": "47.66", "3": "11.74"},
        fixed={
            "2.13": {"0": 190, "0.5": 560, "1.5": 90, "3": 30},
            "2.14": {"0": 570, "1.5": 160, "3": 140},
            "1.9": {"0": 340, "1.5": 320, "3": 210},
        },
        validation=(27, 71, 8),
    ),
    # 2023: 96,60 % on time; areas 13,89 / 48,92 / 12,50 (average 75,31 = 76,86 − 1,55);
    # 15 unsatisfactory; level shares within 1,6 points of 2024's; 2.13: 139 at 0 and
    # 86,64 % under one point; 2.14: 16 % at the maximum; 1.9: 38 % at 0;
    # 18 procedures, 137 persons, 9 centres.
    2023: CpoYear(
        licensed=883,
        submitted=853,
        on_time=853,
        levels=_levels(63, 676, 99, 15),
        zero_value=2,
        areas={"1": "13.89", "2": "48.92", "3": "12.50"},
        fixed={
            "2.13": {"0": 139, "0.5": 600, "1.5": 95, "3": 19},
            "2.14": {"0": 545, "1.5": 172, "3": 136},
            "1.9": {"0": 326, "1.5": 320, "3": 207},
            "1.5": {"0": 140, "1": 590, "2": 123},
        },
        validation=(18, 137, 9),
    ),
    # 2024: Table 1, the levels, 76,86, Table 2, 2.14 / 2.13 / 1.9, 1.5 at the middle
    # level for more than 2/3, 122 procedures, 4861 persons, 13 centres.
    2024: CpoYear(
        licensed=853,
        submitted=798,
        on_time=798,
        levels=_levels(64, 645, 84, 5),
        zero_value=1,
        areas={"1": "13.99", "2": "50.11", "3": "12.76"},
        area_percent={"1": "69.94", "2": "77.10"},
        fixed={
            "2.13": {"0": 1, "0.5": 679, "1.5": 100, "3": 18},
            "2.14": {"0": 475, "1.5": 167, "3": 156},
            "1.9": {"0": 305, "1.5": 300, "3": 193},
            "1.5": {"0": 118, "1": 560, "2": 120},
        },
        validation=(122, 4861, 13),
    ),
}

# Share of its maximum each other criterion gets, before each area is scaled to its
# published mean. The fourteen criteria the reference lists as highly scored come
# first; the rest stay below them and above the three low ones (2.13, 2.14, 1.9).
BASE_SHARES = {
    "1.2": 0.95,
    "2.11": 0.94,
    "2.8": 0.935,
    "2.2": 0.93,
    "2.10": 0.925,
    "1.1": 0.92,
    "2.3": 0.915,
    "2.4": 0.91,
    "1.3": 0.905,
    "2.1": 0.90,
    "2.7": 0.895,
    "2.9": 0.89,
    "3.1": 0.885,
    "3.2": 0.88,
    "2.6": 0.80,
    "2.5": 0.78,
    "1.4": 0.75,
    "3.3": 0.72,
    "2.12": 0.70,
    "3.4": 0.70,
    "1.7": 0.62,
    "1.6": 0.60,
    "1.8": 0.55,
    "1.5": 0.50,
}
HIGHLY_SCORED = list(BASE_SHARES)[:14]


@dataclass(frozen=True)
class CipoYear:
    licensed: int
    submitted: int
    no: dict[str, int]  # indicator → reports answering „не“ (every other: „да“)


# ЦИПО: 36 licensed and 36 reports for 2024; 1.1 and 3.1 at 100 %; 3.2 "a little over
# 94 %" (two centres); on-site services: all in 2022, two stopped in 2023, one of them
# resumed in 2024; website „не“ 35 / 31 / 33 %; online 32 / 28 / 28 %; new strategies
# 17 % in 2024, 3 points more in 2023 than in 2022; links with institutions 16 / 11 /
# 8 %; consultants' competences 11 / 11 / 6 %; improving services 14 % (2023), 11 %.
CIPO_YEARS: dict[int, CipoYear] = {
    2022: CipoYear(
        licensed=38,
        submitted=37,
        no={"1.2": 13, "1.4": 12, "1.5": 6, "2.1": 4, "2.2": 6, "2.3": 6, "2.4": 3, "3.1": 5}
        | {"3.2": 2, "3.3": 4},
    ),
    2023: CipoYear(
        licensed=37,
        submitted=36,
        no={"1.2": 11, "1.3": 2, "1.4": 10, "1.5": 7, "2.1": 4, "2.2": 4, "2.3": 5, "2.4": 2}
        | {"3.1": 2, "3.3": 3},
    ),
    2024: CipoYear(
        licensed=36,
        submitted=36,
        no={"1.2": 12, "1.3": 1, "1.4": 10, "1.5": 6, "2.1": 2, "2.2": 3, "2.3": 4, "2.4": 2}
        | {"3.2": 2, "3.3": 3},
    ),
}
# New licences per year and licences ending in each year (revoked, terminated or
# suspended), so that the licensed counts above hold on each 31 December. 2024: 29 new
# ЦПО and 1 new ЦИПО licence (the agency's annual report on its goals).
CPO_NEW = {2021: 30, 2022: 35, 2023: 30, 2024: 29}
CPO_ENDING_2025 = 6  # licensed on 31.12.2024, ended since: they still filed for 2024
CIPO_NEW = {2024: 1}
CIPO_ENDED = {2023: 1, 2024: 2}


def _shown(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _percent(part, whole) -> str:
    return _shown(Decimal(part) * 100 / Decimal(whole))


def expected_figures() -> dict:
    """The figures the reference states, as `GET statistics/{year}/` shows them."""
    cpo = {}
    for year, spec in CPO_YEARS.items():
        cpo[year] = {
            "licensed_centers": spec.licensed,
            "submitted": spec.submitted,
            "submitted_on_time": spec.on_time,
            "on_time_percent": float(_percent(spec.on_time, spec.licensed)),
            "zero_value_reports": spec.zero_value,
            "levels": dict(spec.levels),
            "areas": {code: float(mean) for code, mean in spec.areas.items()},
            "distributions": {code: dict(dist) for code, dist in spec.fixed.items()},
            "validation": dict(
                zip(("procedures", "persons", "centers"), spec.validation, strict=True)
            ),
        }
    cpo[2024]["average_score"] = 76.86
    cpo[2023]["average_score"] = 75.31
    cpo[2024]["area_percent"] = {"1": 69.94, "2": 77.1, "3": 85.07}
    cipo = {
        year: {
            "licensed_centers": spec.licensed,
            "submitted": spec.submitted,
            "no": dict(spec.no),
        }
        for year, spec in CIPO_YEARS.items()
    }
    return {"CPO": cpo, "CIPO": cipo}


EXPECTED = expected_figures()
EXPECTED_NOTES = (
    "area 3 (2024): 12,76 points = 85,07 % (the reference's Table 2 prints 85)",
    "ЦИПО 2022 3.1: 32 of 37 = 86,49 % (the reference: 87 %)",
    "ЦИПО 2023 3.1: 34 of 36 = 94,44 % (the reference: 95 %)",
)


# --- Frameworks ------------------------------------------------------------------------


def _framework(code: str) -> dict:
    for path in sorted(FRAMEWORKS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("code") == code:
            return data
    shared = ROOT.parent / "shared" / "frameworks" / f"{code}.json"
    return json.loads(shared.read_text(encoding="utf-8"))


def _points(value) -> str:
    """A level's points as the framework file writes them ("1.5", "3")."""
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


@dataclass
class Criterion:
    code: str
    area: str
    levels: list[Decimal]  # ascending
    keys: list[str]  # the same, as written in the file


def _cpo_criteria(framework: dict) -> list[Criterion]:
    return [
        Criterion(
            code=c["code"],
            area=area["code"],
            levels=sorted(Decimal(_points(level["points"])) for level in c["levels"]),
            keys=[
                _points(level["points"]) for level in sorted(c["levels"], key=lambda x: x["points"])
            ],
        )
        for area in framework["areas"]
        for c in area["criteria"]
    ]


# --- ЦПО scores: exact distributions, then reports within their quality bands --------


def _area_sums(spec: CpoYear, n: int) -> dict[str, Decimal]:
    """Sums of points per area (multiples of ½) whose means show as published, and
    whose total shows as the sum of the published means."""
    half = Decimal("0.5")
    candidates = {}
    for code, shown_mean in spec.areas.items():
        mean = Decimal(shown_mean)
        low, high = (mean - Decimal("0.005")) * n, (mean + Decimal("0.005")) * n
        options = []
        value = (low / half).to_integral_value(rounding="ROUND_CEILING") * half
        while value < high:
            ok = _shown(value / n) == shown_mean
            wanted = spec.area_percent.get(code)
            if wanted is not None:
                maximum = {"1": 20, "2": 65, "3": 15}[code]
                ok = ok and _shown(value / n * 100 / maximum) == wanted
            if ok:
                options.append(value)
            value += half
        assert options, f"no sum of points shows as {shown_mean}"
        candidates[code] = options
    target_total = sum((Decimal(m) for m in spec.areas.values()), Decimal(0))
    best = None
    for combo in product(*candidates.values()):
        total = sum(combo, Decimal(0))
        if _shown(total / n) != _shown(target_total):
            continue
        distance = sum(
            abs(value / n - Decimal(spec.areas[code]))
            for code, value in zip(candidates, combo, strict=True)
        )
        if best is None or distance < best[0]:
            best = (distance, combo)
    assert best is not None, "the published area means cannot give the published total"
    return dict(zip(candidates, best[1], strict=True))


def _distributions(spec: CpoYear, criteria: list[Criterion]) -> dict[str, dict[Decimal, int]]:
    """Reports per level for every criterion, each area summing exactly to its target;
    every criterion has at least the zero-value reports at 0."""
    n, zero = spec.submitted, spec.zero_value
    sums = _area_sums(spec, n)
    result: dict[str, dict[Decimal, int]] = {}
    for area, target in sums.items():
        in_area = [c for c in criteria if c.area == area]
        fixed = [c for c in in_area if c.code in spec.fixed]
        flexible = [c for c in in_area if c.code not in spec.fixed]
        for c in fixed:
            result[c.code] = {Decimal(k): v for k, v in spec.fixed[c.code].items()}
            assert sum(result[c.code].values()) == n, (c.code, n)
            assert result[c.code][Decimal(0)] >= zero, c.code
        fixed_sum = sum(p * k for c in fixed for p, k in result[c.code].items())
        wanted = target - fixed_sum
        weights = sum(Decimal(str(BASE_SHARES[c.code])) * c.levels[-1] for c in flexible)
        factor = wanted / n / weights
        for c in flexible:
            assert len(c.levels) == 3 and c.levels[1] * 2 == c.levels[2], c.code
            share = min(Decimal(str(BASE_SHARES[c.code])) * factor, Decimal("0.985"))
            probabilities = [(1 - share) ** 2, 2 * share * (1 - share), share**2]
            counts = _round_counts(probabilities, n - zero)
            counts[0] += zero
            result[c.code] = dict(zip(c.levels, counts, strict=True))
        _settle(result, flexible, wanted, zero)
    return result


def _round_counts(probabilities: list[Decimal], n: int) -> list[int]:
    raw = [p * n for p in probabilities]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _settle(result, flexible: list[Criterion], target: Decimal, zero: int) -> None:
    """Move single reports one level up or down until the area sums to `target`."""

    def current():
        return sum(p * k for c in flexible for p, k in result[c.code].items())

    def moves():
        for c in flexible:
            counts = result[c.code]
            low, mid, top = c.levels
            step = mid
            if counts[low] > zero + 1:
                yield (c, low, mid, step)
            if counts[mid] > 1:
                yield (c, mid, top, step)
                yield (c, mid, low, -step)
            if counts[top] > 1:
                yield (c, top, mid, -step)

    def apply(move):
        c, source, destination, _step = move
        result[c.code][source] -= 1
        result[c.code][destination] += 1

    turn = 0
    while abs(target - current()) > 2:
        gap = target - current()
        options = [m for m in moves() if (m[3] > 0) == (gap > 0) and abs(m[3]) <= abs(gap)]
        apply(options[turn % len(options)])
        turn += 1
    gap = target - current()
    if gap:
        options = list(moves())
        for size in (1, 2, 3, 4):
            for combo in product(options, repeat=size):
                if (
                    sum(m[3] for m in combo) == gap
                    and len({(m[0].code, m[1]) for m in combo}) == size
                ):
                    for move in combo:
                        apply(move)
                    break
            else:
                continue
            break
    assert current() == target, (target, current())


def _band_targets(spec: CpoYear, totals: list[Decimal]) -> list[tuple[Decimal, Decimal]]:
    """Each non-zero report's band, by the rank of its current total."""
    counts = dict(spec.levels)
    counts["unsatisfactory"] -= spec.zero_value
    order = sorted(range(len(totals)), key=lambda i: totals[i], reverse=True)
    bands: list[tuple[Decimal, Decimal]] = [(Decimal(0), Decimal(0))] * len(totals)
    position = 0
    for code, low, high in QUALITY_BANDS:
        if code == "unsatisfactory":
            low = Decimal("0.5")  # a total of 0 would be a zero-value report
        for i in order[position : position + counts[code]]:
            bands[i] = (low, high)
        position += counts[code]
    assert position == len(totals)
    return bands


def _cpo_scores(
    spec: CpoYear, criteria: list[Criterion], quality: list[float], rng: random.Random
) -> list[dict[str, Decimal]]:
    """Scores of `spec.submitted` reports (the first `zero_value` all zero), their
    distributions exact and their totals within the published quality levels.
    `quality` orders the centres (a better centre tends to score higher)."""
    n, zero = spec.submitted, spec.zero_value
    distributions = _distributions(spec, criteria)
    scored = n - zero
    values: list[dict[str, Decimal]] = [{} for _ in range(scored)]
    for c in criteria:
        pool: list[Decimal] = []
        for points, count in distributions[c.code].items():
            pool += [points] * (count - (zero if points == 0 else 0))
        pool.sort(reverse=True)
        order = sorted(range(scored), key=lambda i: quality[i] + rng.gauss(0, 0.9), reverse=True)
        for i, points in zip(order, pool, strict=True):
            values[i][c.code] = points
    totals = [sum(v.values(), Decimal(0)) for v in values]
    bands = _band_targets(spec, totals)
    codes = [c.code for c in criteria]
    for _round in range(50):
        wrong = [i for i in range(scored) if not bands[i][0] <= totals[i] <= bands[i][1]]
        if not wrong:
            break
        for i in wrong:
            _mend(i, values, totals, bands, codes, rng)
    else:
        raise AssertionError("could not place every report in its quality level")
    return [dict.fromkeys(codes, Decimal(0)) for _ in range(zero)] + values


def _mend(i, values, totals, bands, codes, rng: random.Random) -> None:
    """Exchange one criterion's points between report i and another report, moving i
    towards its band without taking the other out of its own."""
    low, high = bands[i]
    raising = totals[i] < low
    if not raising and totals[i] <= high:
        return
    others = list(range(len(values)))
    rng.shuffle(others)
    for j in others:
        if j == i:
            continue
        for code in rng.sample(codes, len(codes)):
            d = values[j][code] - values[i][code] if raising else values[i][code] - values[j][code]
            if d <= 0:
                continue
            new_i = totals[i] + d if raising else totals[i] - d
            new_j = totals[j] - d if raising else totals[j] + d
            if (raising and new_i > high) or (not raising and new_i < low):
                continue
            if not bands[j][0] <= new_j <= bands[j][1]:
                continue
            values[i][code], values[j][code] = values[j][code], values[i][code]
            totals[i], totals[j] = new_i, new_j
            return


def _spread(total: int, parts: int, rng: random.Random, minimum: int = 1) -> list[int]:
    """`total` split into `parts` positive integers, unevenly."""
    weights = [rng.random() ** 2 + 0.05 for _ in range(parts)]
    rest = total - minimum * parts
    shares = [int(rest * w / sum(weights)) for w in weights]
    shares[0] += rest - sum(shares)
    return [minimum + s for s in shares]


# --- Centres ---------------------------------------------------------------------------

REGION_WEIGHTS = {f"BG-{i:02d}": 2 for i in range(1, 29)} | {
    "BG-22": 24,
    "BG-16": 9,
    "BG-03": 7,
    "BG-02": 6,
    "BG-24": 4,
    "BG-18": 3,
    "BG-15": 3,
    "BG-04": 3,
    "BG-01": 3,
}
TOWNS = {
    "BG-01": "Благоевград", "BG-02": "Бургас", "BG-03": "Варна", "BG-04": "Велико Търново",
    "BG-05": "Видин", "BG-06": "Враца", "BG-07": "Габрово", "BG-08": "Добрич",
    "BG-09": "Кърджали", "BG-10": "Кюстендил", "BG-11": "Ловеч", "BG-12": "Монтана",
    "BG-13": "Пазарджик", "BG-14": "Перник", "BG-15": "Плевен", "BG-16": "Пловдив",
    "BG-17": "Разград", "BG-18": "Русе", "BG-19": "Силистра", "BG-20": "Сливен",
    "BG-21": "Смолян", "BG-22": "Столична", "BG-23": "Ботевград", "BG-24": "Стара Загора",
    "BG-25": "Търговище", "BG-26": "Хасково", "BG-27": "Шумен", "BG-28": "Ямбол",
}  # fmt: skip
NAME_WORDS = (
    "Знание", "Успех", "Перспектива", "Професионалист", "Кариера", "Развитие", "Бъдеще",
    "Импулс", "Академия", "Мост", "Хоризонт", "Умения", "Прогрес", "Квалификация", "Старт",
    "Ресурс", "Вектор", "Компас", "Орбита", "Авангард", "Визия", "Балкан", "Дунав", "Тракия",
)  # fmt: skip
FORMS = ("ЕООД", "ООД", "АД", "Сдружение", "Фондация")
STREETS = ("Христо Ботев", "Васил Левски", "Раковски", "Цар Освободител", "Александровска",
           "Шипка", "Гладстон", "Иван Вазов", "Славянска", "Хаджи Димитър")  # fmt: skip
END_STATUSES = ("revoked", "terminated", "terminated", "suspended")


@dataclass
class Centre:
    license_number: str
    kind: str
    name: str
    eik: str
    region: str
    license_date: date
    status: str = "active"
    status_since: date | None = None
    quality: float = 0.0

    def licensed_on(self, day: date) -> bool:
        return self.license_date <= day and (
            self.status == "active" or self.status_since is None or self.status_since > day
        )


def _eik(rng: random.Random, used: set[str]) -> str:
    first9, second9 = (1, 2, 3, 4, 5, 6, 7, 8), (3, 4, 5, 6, 7, 8, 9, 10)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, first9, strict=True)) % 11
        if check == 10:
            check = sum(d * w for d, w in zip(digits, second9, strict=True)) % 11
        eik = "".join(map(str, digits)) + str(0 if check == 10 else check)
        if eik not in used:
            used.add(eik)
            return eik


def _day_in(year: int, rng: random.Random, first: date | None = None) -> date:
    start = max(date(year, 1, 1), first + timedelta(days=1) if first else date(year, 1, 1))
    end = date(year, 12, 28)
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _centres(rng: random.Random) -> list[Centre]:
    regions = list(REGION_WEIGHTS)
    weights = list(REGION_WEIGHTS.values())
    serials: dict[int, int] = {}
    used_eiks: set[str] = set()

    def new(kind: str, licensed: date) -> Centre:
        serials[licensed.year] = serials.get(licensed.year, 0) + rng.randint(1, 40)
        number = f"{licensed.year}{serials[licensed.year]:05d}"
        label = "ЦПО" if kind == "CPO" else "ЦИПО"
        words = rng.sample(NAME_WORDS, 2)
        name = f"{label} към „{words[0]} {words[1]}“ {rng.choice(FORMS)}"
        return Centre(
            license_number=number,
            kind=kind,
            name=name,
            eik=_eik(rng, used_eiks),
            region=rng.choices(regions, weights)[0],
            license_date=licensed,
            quality=rng.gauss(0, 1),
        )

    def end(pool: list[Centre], year: int, count: int) -> None:
        active = [c for c in pool if c.licensed_on(date(year - 1, 12, 31))]
        for c in rng.sample(active, count):
            c.status = rng.choice(END_STATUSES)
            c.status_since = _day_in(year, rng)

    first = min(CPO_YEARS)
    cpo = [
        new("CPO", _day_in(rng.randint(2001, first), rng)) for _ in range(CPO_YEARS[first].licensed)
    ]
    for year in range(first + 1, max(CPO_YEARS) + 1):
        cpo += [new("CPO", _day_in(year, rng)) for _ in range(CPO_NEW.get(year, 0))]
        ended = CPO_YEARS[year - 1].licensed + CPO_NEW.get(year, 0) - CPO_YEARS[year].licensed
        end(cpo, year, ended)
    last = max(CPO_YEARS)
    for c in rng.sample([c for c in cpo if c.licensed_on(date(last, 12, 31))], CPO_ENDING_2025):
        c.status, c.status_since = "terminated", date(last + 1, rng.randint(2, 5), 15)
    first = min(CIPO_YEARS)
    cipo = [
        new("CIPO", _day_in(rng.randint(2015, first), rng))
        for _ in range(CIPO_YEARS[first].licensed)
    ]
    for year in range(first + 1, max(CIPO_YEARS) + 1):
        cipo += [new("CIPO", _day_in(year, rng)) for _ in range(CIPO_NEW.get(year, 0))]
        end(cipo, year, CIPO_ENDED.get(year, 0))
    for year, licensed in [(y, s.licensed) for y, s in CPO_YEARS.items()]:
        assert sum(c.licensed_on(date(year, 12, 31)) for c in cpo) == licensed, year
    for year, licensed in [(y, s.licensed) for y, s in CIPO_YEARS.items()]:
        assert sum(c.licensed_on(date(year, 12, 31)) for c in cipo) == licensed, year
    return cpo + cipo


def _centre_row(c: Centre, rng: random.Random) -> dict[str, str]:
    slug = f"cpo{c.license_number}" if c.kind == "CPO" else f"cipo{c.license_number}"
    return {
        "license_number": c.license_number,
        "kind": c.kind,
        "name": c.name,
        "eik": c.eik,
        "region": c.region,
        "municipality": TOWNS[c.region],
        "address": f"ул. „{rng.choice(STREETS)}“ № {rng.randint(1, 120)}",
        "license_date": c.license_date.isoformat(),
        "status": c.status,
        "status_since": c.status_since.isoformat() if c.status_since else "",
        "website": f"https://{slug}.example.bg" if rng.random() < 0.7 else "",
        "email": f"office@{slug}.example.bg",
        "phone": f"+359 {rng.randint(2, 99)} {rng.randint(100000, 999999)}",
    }


# --- Reports ---------------------------------------------------------------------------


def _submitted_at(year: int, on_time: bool, rng: random.Random) -> str:
    if on_time:
        day = date(year + 1, 1, 1) + timedelta(days=rng.randint(4, 30))
        hour, minute = rng.randint(8, 23), rng.randint(0, 59)
    else:
        day = date(year + 1, 2, 1) + timedelta(days=rng.randint(0, 40))
        hour, minute = rng.randint(8, 18), rng.randint(0, 59)
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SOFIA_WINTER)
    return moment.isoformat()


def _status(year: int, rng: random.Random) -> str:
    if year < max(CPO_YEARS):
        return "accepted"
    return rng.choices(("accepted", "submitted", "returned"), (90, 8, 2))[0]


def _number(points: Decimal) -> int | float:
    return int(points) if points == points.to_integral_value() else float(points)


def _cpo_reports(centres: list[Centre], rng: random.Random) -> Iterable[dict]:
    criteria = _cpo_criteria(_framework("CPO-2018"))
    for year, spec in CPO_YEARS.items():
        licensed = [c for c in centres if c.kind == "CPO" and c.licensed_on(date(year, 12, 31))]
        filers = sorted(rng.sample(licensed, spec.submitted), key=lambda c: c.quality)
        # The zero-value reports come from the weakest centres; the rest keep their order.
        zero, scored = filers[: spec.zero_value], filers[spec.zero_value :]
        quality = [c.quality + rng.gauss(0, 0.3) for c in scored]
        scores = _cpo_scores(spec, criteria, quality, rng)
        filers = zero + scored
        on_time = set(rng.sample(range(spec.submitted), spec.on_time))
        validation = _validation(spec, scores, rng)
        for i, (centre, report) in enumerate(zip(filers, scores, strict=True)):
            procedures, persons = validation.get(i, (0, 0))
            yield {
                "license_number": centre.license_number,
                "year": year,
                "framework": "CPO-2018",
                "status": _status(year, rng),
                "submitted_at": _submitted_at(year, i in on_time, rng),
                "scores": {code: _number(points) for code, points in report.items()},
                "validation": {"procedures": procedures, "persons": persons},
            }


def _validation(
    spec: CpoYear, scores: list[dict[str, Decimal]], rng: random.Random
) -> dict[int, tuple[int, int]]:
    """Procedures and persons by report: held by centres that say they offer
    validation (1.9 above 0), the most active first."""
    procedures, persons, centres = spec.validation
    offering = [i for i, s in enumerate(scores) if s["1.9"] == 3 and s["2.13"] >= Decimal("1.5")]
    if len(offering) < centres:
        offering = [i for i, s in enumerate(scores) if s["1.9"] > 0]
    chosen = sorted(rng.sample(offering, centres))
    counts = _spread(procedures, centres, rng)
    people = _spread(persons, centres, rng)
    # Never fewer persons than procedures at a centre.
    for k in range(centres):
        if people[k] < counts[k]:
            spare = max(range(centres), key=lambda m: people[m] - counts[m])
            move = counts[k] - people[k]
            people[k] += move
            people[spare] -= move
    assert sum(counts) == procedures and sum(people) == persons
    assert all(p >= c for p, c in zip(people, counts, strict=True))
    return {i: (counts[k], people[k]) for k, i in enumerate(chosen)}


def _cipo_reports(centres: list[Centre], rng: random.Random) -> Iterable[dict]:
    indicators = [i["code"] for c in _framework("CIPO-2022")["criteria"] for i in c["indicators"]]
    offsite: list[str] = []  # centres that stopped on-site services in 2023
    for year, spec in CIPO_YEARS.items():
        licensed = [c for c in centres if c.kind == "CIPO" and c.licensed_on(date(year, 12, 31))]
        filers = sorted(rng.sample(licensed, spec.submitted), key=lambda c: c.license_number)
        numbers = [c.license_number for c in filers]
        no: dict[str, set[str]] = {}
        for code in indicators:
            count = spec.no.get(code, 0)
            if code == "1.3" and offsite and set(offsite) <= set(numbers):
                # One of the two that went online-only in 2023 is back on site in 2024.
                no[code] = set(offsite[:count])
            else:
                no[code] = set(rng.sample(numbers, count))
            if code == "1.3" and year == 2023:
                offsite = sorted(no[code])
        for centre in filers:
            yield {
                "license_number": centre.license_number,
                "year": year,
                "framework": "CIPO-2022",
                "status": "accepted" if year < max(CIPO_YEARS) else _status(year, rng),
                "submitted_at": _submitted_at(year, True, rng),
                "answers": {code: centre.license_number not in no[code] for code in indicators},
            }


def build(seed: int = SEED) -> tuple[list[dict[str, str]], list[dict]]:
    """The centres' rows and the reports, in file order."""
    rng = random.Random(seed)
    centres = _centres(rng)
    rows = [_centre_row(c, rng) for c in centres]
    reports = list(_cpo_reports(centres, rng)) + list(_cipo_reports(centres, rng))
    return rows, reports


def write_data_set(directory: Path | str, seed: int = SEED) -> tuple[Path, Path]:
    """Write centers.csv and reports.jsonl into `directory`; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows, reports = build(seed)
    centres_path, reports_path = directory / "centers.csv", directory / "reports.jsonl"
    with centres_path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with reports_path.open("w", encoding="utf-8") as file:
        for report in reports:
            file.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n")
    return centres_path, reports_path


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else Path("bench-data")
    centres, reports = write_data_set(directory)
    lines = sum(1 for _ in reports.open(encoding="utf-8"))
    print(f"{centres} ({sum(1 for _ in centres.open(encoding='utf-8')) - 1} centres)")
    print(f"{reports} ({lines} reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
