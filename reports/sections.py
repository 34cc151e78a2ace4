"""The sections of the national analysis and the text the portal writes for them.

The document follows the agency's own analysis of the 2024 reports: legal basis,
principles (each kind its own), method, the ЦПО results (Table 1, levels, average,
areas of self-assessment, high and low scored criteria, vulnerable groups,
validation, regions), the ЦИПО results, then the editorial sections the agency
writes (Установени пропуски, Добри практики, Изводи, Препоръки към ЦПО, Препоръки
към ЦИПО). Generated sections start from text written here from the numbers;
editorial ones from a prompt and source material in editor's notes („[…]“, never
printed). All text is in the markup of reports/markup.py.

Wording as the agency's: „равнище“ (not „ниво“) of quality, percentages with two
decimals and a decimal comma, changes of a share in „процентни пункта“. Assessment
areas are „области на самооценяване“; the country's oblasts are „региони“, so the
two never share a word.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.formatting import bg_number
from selfassessment.frameworks import FrameworkSpec

from .statistics import CriterionFigure, YearStatistics, level_label

HUNDRED = Decimal(100)
# Criteria on access of vulnerable groups and accessible premises, read together.
VULNERABLE = ("1.5", "1.6", "1.7", "1.8")
# A criterion is "highly scored" at this average share of its maximum points.
HIGH_SHARE = Decimal(80)
# …and "low scored" among the three lowest, or when this share of centres gave 0.
ZERO_SHARE = Decimal(100) / 3


# --- Numbers as the agency writes them ------------------------------------------------


def fixed(value: object) -> str:
    """Two decimals, decimal comma, thousands by a no-break space: 93.55 → "93,55",
    77 → "77,00"."""
    if value is None:
        return "—"
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _, decimals = f"{abs(rounded):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sign = "-" if rounded < 0 else ""
    return sign + "\u00a0".join(groups) + "," + decimals


def percent(value: object) -> str:
    return f"{fixed(value)}%"


def count(value: int) -> str:
    return bg_number(value, 0)


def points(value: object) -> str:
    """Points of a level as in the framework: 1.5 → "1,5", 3 → "3"."""
    return bg_number(value)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal:
    return Decimal(part) * HUNDRED / Decimal(whole) if whole else Decimal(0)


def rounded(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def change_in_points(now: object, before: object) -> str:
    """„увеличение с 1,23 процентни пункта“ (the change of two shown percentages)."""
    diff = rounded(Decimal(str(now))) - rounded(Decimal(str(before)))
    if diff == 0:
        return "без промяна"
    word = "увеличение" if diff > 0 else "намаление"
    unit = "процентен пункт" if abs(diff) == 1 else "процентни пункта"
    return f"{word} с {fixed(abs(diff))} {unit}"


def centres(n: int, one: str = "център", many: str = "центъра") -> str:
    return f"{count(n)} {one if n == 1 else many}"


# --- Names ------------------------------------------------------------------------------


class Names:
    """Criteria, areas of self-assessment and indicators by their titles in the
    framework file, with the code as a prefix where it helps."""

    def __init__(self, spec: FrameworkSpec | None) -> None:
        self.spec = spec

    def title(self, code: str) -> str:
        if self.spec is None:
            return code
        criterion = self.spec.criterion(code)
        if criterion is not None:
            return criterion.title
        for indicator in self.spec.indicators:
            if indicator.code == code:
                return indicator.title
        return code

    def quoted(self, code: str) -> str:
        """„Популяризиране на предлаганото обучение“ (1.1)"""
        return f"„{self.title(code)}“ ({code})"

    def area(self, code: str) -> str:
        for area in self.spec.areas if self.spec else ():
            if area.code == code:
                return area.title
        for criterion in self.spec.cipo_criteria if self.spec else ():
            if criterion.code == code:
                return criterion.title
        return code


@dataclass(frozen=True)
class Series:
    """A kind's figures for the analysis: the year, the previous year (None without
    reports) and every year with reports up to it, oldest first."""

    statistics: YearStatistics
    previous: YearStatistics | None
    history: tuple[YearStatistics, ...]
    names: Names


# --- The sections -------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionDef:
    code: str
    title: str
    kinds: frozenset[str]  # in which documents: "CPO", "CIPO", "ALL"
    generated: bool
    group: str = ""  # the heading it is numbered under ("" = a heading of its own)


CPO, CIPO, ALL = "CPO", "CIPO", "ALL"
_ALL = frozenset({CPO, CIPO, ALL})
_CPO = frozenset({CPO, ALL})
_CIPO = frozenset({CIPO, ALL})

GROUPS = {
    "cpo": "Резултати от проведеното самооценяване през {year} г. по данни от докладите "
    "за самооценка на ЦПО",
    "cipo": "Резултати от докладите за самооценка на качеството на ЦИПО",
    "conclusions": "Изводи и препоръки",
}

SECTIONS: tuple[SectionDef, ...] = (
    SectionDef(
        "legal", "Нормативно основание за представяне на докладите за самооценка", _ALL, True
    ),
    SectionDef(
        "principles_cpo",
        "Принципи за осигуряване на качеството на професионалното обучение",
        _CPO,
        True,
    ),
    SectionDef(
        "principles_cipo",
        "Принципи за осигуряване на качеството на информирането и професионалното ориентиране",
        _CIPO,
        True,
    ),
    SectionDef(
        "method",
        "Условия и ред за измерване на постигнатото качество чрез самооценяване на ЦПО",
        _CPO,
        True,
    ),
    SectionDef(
        "cpo_filing",
        "Общи статистически данни за лицензираните центрове за професионално обучение",
        _CPO,
        True,
        "cpo",
    ),
    SectionDef("cpo_levels", "Равнище на качеството", _CPO, True, "cpo"),
    SectionDef("cpo_average", "Осреднено равнище на качеството по години", _CPO, True, "cpo"),
    SectionDef("cpo_areas", "Области на самооценяване", _CPO, True, "cpo"),
    SectionDef("cpo_high", "Критерии с високи оценки", _CPO, True, "cpo"),
    SectionDef("cpo_vulnerable", "Достъп на уязвими групи и достъпна среда", _CPO, True, "cpo"),
    SectionDef("cpo_low", "Критерии с ниски оценки", _CPO, True, "cpo"),
    SectionDef(
        "cpo_validation",
        "Валидиране на професионални знания, умения и компетентности",
        _CPO,
        True,
        "cpo",
    ),
    SectionDef("cpo_regions", "Разпределение на ЦПО по региони", _CPO, True, "cpo"),
    SectionDef("cipo_filing", "Подадени доклади и критерии за самооценка", _CIPO, True, "cipo"),
    SectionDef("cipo_indicators", "Показатели", _CIPO, True, "cipo"),
    SectionDef("cipo_criteria", "Положителни отговори по критерии", _CIPO, True, "cipo"),
    SectionDef("cipo_regions", "Разпределение на ЦИПО по региони", _CIPO, True, "cipo"),
    SectionDef(
        "gaps",
        "Установени пропуски при изготвянето на докладите за самооценка на качеството",
        _ALL,
        False,
    ),
    SectionDef(
        "practices", "Добри практики на центровете според представената информация", _ALL, False
    ),
    SectionDef("conclusions", "Изводи", _ALL, False, "conclusions"),
    SectionDef("recommendations_cpo", "Препоръки към ЦПО", _CPO, False, "conclusions"),
    SectionDef("recommendations_cipo", "Препоръки към ЦИПО", _CIPO, False, "conclusions"),
)
BY_CODE = {section.code: section for section in SECTIONS}


def section_defs(kind: str) -> list[SectionDef]:
    return [section for section in SECTIONS if kind in section.kinds]


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def numbered(sections: list[dict], year: int) -> list[dict]:
    """The document's outline: [{"number", "title", "sections": [{…, "number"}]}],
    headings numbered I, II, … consecutively and sections under a group 1, 2, …"""
    outline: list[dict] = []
    for section in sections:
        definition = BY_CODE.get(section["code"])
        group = definition.group if definition else ""
        if group and outline and outline[-1]["group"] == group:
            heading = outline[-1]
        else:
            heading = {
                "group": group,
                "number": ROMAN[len(outline)] if len(outline) < len(ROMAN) else str(len(outline)),
                "title": GROUPS[group].format(year=year) if group else section["title"],
                "sections": [],
            }
            outline.append(heading)
        number = f"{len(heading['sections']) + 1}." if group else ""
        heading["sections"].append({**section, "number": number})
    return outline


# --- The texts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """What the texts are written from."""

    year: int
    kind: str
    cpo: Series | None
    cipo: Series | None
    practices: int = 0  # good practices marked in the year's reports


def _legal(src: Sources) -> str:
    who = {
        CPO: "лицензираните центрове за професионално обучение (ЦПО)",
        CIPO: "лицензираните центрове за информация и професионално ориентиране (ЦИПО)",
        ALL: "лицензираните центрове за професионално обучение (ЦПО) и лицензираните "
        "центрове за информация и професионално ориентиране (ЦИПО)",
    }[src.kind]
    text = (
        f"Задължението на {who} да представят в Националната агенция за професионално "
        "образование и обучение (НАПОО) годишен доклад за самооценка на качеството (ГДСК) "
        "в срок до 31 януари на текущата календарна година посредством информационната "
        "система на Агенцията е регламентирано в чл. 22, ал. 8 от Закона за професионалното "
        "образование и обучение (ЗПОО)."
    )
    frameworks = [s.names.spec for s in (src.cpo, src.cipo) if s and s.names.spec]
    if frameworks:
        text += (
            "\n\nСъгласно чл. 42, т. 12 във връзка с чл. 22, ал. 9 от ЗПОО НАПОО определя "
            "индикатори за предоставяне на годишна информация и критерии и показатели за "
            f"самооценка на качеството. Докладите за {src.year} г. са изготвени по:"
        )
        items = [
            f"- „{spec.title}“"
            + (f", утвърдени със {spec.approved_by}" if spec.approved_by else "")
            for spec in frameworks
        ]
        text += "\n" + ";\n".join(items) + "."
    return text


def _principles_cpo(src: Sources) -> str:
    return (
        "Качеството на професионалното обучение се осигурява при спазване на следните "
        "принципи:\n"
        "- Стремеж към постигане на високи резултати от професионалното обучение.\n"
        "- Насоченост на обучението към изискванията на работодателите и потребностите на "
        "пазара на труда.\n"
        "- Ефикасност и ефективност при ползване на ресурсите.\n"
        "- Ангажираност на всички участници в професионалното обучение в процеса за "
        "осигуряване на качеството.\n"
        "- Удовлетвореност на участниците и на другите заинтересовани лица в процеса на "
        "обучението.\n"
        "- Приемственост на политиките и постиженията, прилагане на добри практики.\n"
        "- Прозрачност, достъпност и социален диалог."
    )


def _principles_cipo(src: Sources) -> str:
    return (
        "Качеството на информирането и професионалното ориентиране в ЦИПО се осигурява при "
        "спазване на следните принципи:\n"
        "- Достъпност на информацията и на услугите за всички заинтересовани лица.\n"
        "- Насоченост към потребностите и интересите на потребителите на услугите.\n"
        "- Актуалност и достоверност на информацията за професиите, образованието, "
        "обучението и пазара на труда.\n"
        "- Компетентност на кариерните консултанти и тяхното непрекъснато развитие.\n"
        "- Сътрудничество с институциите, работодателите и другите заинтересовани страни.\n"
        "- Поверителност и уважение към избора на потребителя.\n"
        "- Измерване на удовлетвореността и на въздействието на услугите."
    )


def _method(src: Sources) -> str:
    spec = src.cpo.names.spec if src.cpo else None
    text = (
        "Периодът за самооценяване на центровете за професионално обучение е една "
        "календарна година. Резултатите от извършената самооценка се документират и "
        "описват в годишен доклад."
    )
    if spec and spec.areas:
        text += (
            "\n\nСамооценяването на качеството на професионалното обучение в ЦПО се извършва "
            f"в {len(spec.areas)} области на самооценяване:\n"
            + "\n".join(f"- {a.code}. {a.title}" for a in spec.areas)
        )
        text += (
            "\n\nЗа всяка от областите самооценяването се осъществява по индикатори, при "
            "използване на критерии, определящи равнището на качеството. Максималният общ "
            f"брой точки по всички критерии е {points(spec.max_points)}. Крайната оценка на "
            "постигнатото качество се формира от сбора от получените точки и може да бъде "
            "със следните равнища:\n"
        )
        bands, upper = [], None
        for level in spec.quality_levels:
            low = points(level.min_score)
            if upper is None:
                bands.append(f"- **{level.label}** — при крайна оценка от {low} точки нагоре;")
            elif level.min_score == 0:
                bands.append(f"- **{level.label}** — при крайна оценка под {upper} точки.")
            else:
                bands.append(
                    f"- **{level.label}** — при крайна оценка от {low} до под {upper} точки;"
                )
            upper = low
        text += "\n".join(bands)
    text += (
        "\n\nВ анализа се включват всички доклади, подадени поне веднъж (подадени, върнати "
        "за корекция или приети), с последното им подадено съдържание; черновите не се "
        "включват. Процентите и средните стойности са изчислени точно и закръглени до "
        "втория знак след десетичната запетая."
    )
    return text


def _cpo_filing(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    text = (
        f"{centres(s.submitted_on_time, 'лицензиран ЦПО', 'лицензирани ЦПО')} "
        f"({percent(s.on_time_percent)}) от общо {count(s.licensed_centers)} с действаща "
        f"лицензия към 31.12.{s.year} г. са подали годишни доклади за самооценка на "
        "качеството в законоустановения срок."
    )
    if p is not None:
        text += (
            f" В сравнение с {p.year} г. ({percent(p.on_time_percent)}) се наблюдава "
            f"{change_in_points(s.on_time_percent, p.on_time_percent)}."
        )
    if s.submitted_late:
        late = s.submitted_late
        text += f" След срока {'е подаден още 1 доклад' if late == 1 else f'са подадени още {count(late)} доклада'}."
    zero = s.scored.zero_value_reports if s.scored else 0
    if zero:
        text += (
            f"\n\nДоклади с нулеви стойности {'е подал' if zero == 1 else 'са подали'} "
            f"{centres(zero)} ({percent(share(zero, s.licensed_centers))} от лицензираните)."
        )
    else:
        text += "\n\nНяма подадени доклади с нулеви стойности."
    return text


LEVEL_FORMS = {
    "excellent": "„Отлично“",
    "good": "„Добро“",
    "satisfactory": "„Задоволително“",
    "unsatisfactory": "„Незадоволително“",
}


def _cpo_levels(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    if not s.scored or not s.submitted:
        return f"Няма подадени доклади на ЦПО за {s.year} г."
    levels = s.scored.levels
    top = max(levels, key=lambda code: levels[code])
    lines = [
        f"Според данните от подадените доклади преобладаващата част от ЦПО "
        f"({count(levels[top])}, или {percent(share(levels[top], s.submitted))}) са "
        f"постигнали {LEVEL_FORMS[top]} равнище на качеството. Разпределението на "
        f"центровете по равнище на качеството за {s.year} г. е:"
    ]
    for code, n in levels.items():
        lines.append(
            f"- {LEVEL_FORMS[code]} равнище — {centres(n)} ({percent(share(n, s.submitted))});"
        )
    lines[-1] = lines[-1].rstrip(";") + "."
    text = "\n".join(lines)
    if p is not None and p.scored and p.submitted:
        changes = []
        for code, n in levels.items():
            now = rounded(share(n, s.submitted))
            before = rounded(share(p.scored.levels.get(code, 0), p.submitted))
            changes.append(
                f"- {LEVEL_FORMS[code]}: {percent(before)} през {p.year} г., "
                f"{percent(now)} през {s.year} г. — {change_in_points(now, before)};"
            )
        changes[-1] = changes[-1].rstrip(";") + "."
        text += (
            f"\n\nВ сравнение с {p.year} г. делът на центровете в отделните равнища на "
            "качеството се е променил, както следва:\n" + "\n".join(changes)
        )
    zero = s.scored.zero_value_reports
    if zero:
        text += (
            f"\n\nПрез {s.year} г. {centres(zero)} е подал доклад с нулеви стойности."
            if (zero == 1)
            else f"\n\nПрез {s.year} г. {centres(zero)} са подали доклади с нулеви стойности."
        )
    return text


def _cpo_average(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    if not s.scored or not s.submitted:
        return ""
    text = (
        f"Крайната самооценка на постигнатото качество за {s.year} г., изразена с осреднения "
        "общ брой точки, които центровете за професионално обучение са си поставили в "
        f"трите области на самооценяване, е {fixed(s.scored.average_score)} точки от "
        f"{points(src.cpo.names.spec.max_points) if src.cpo.names.spec else '100'} възможни. "
        f"Това определя {LEVEL_FORMS.get(s.scored.average_level or '', '—')} осреднено "
        f"равнище на качеството за {s.year} г."
    )
    if p is not None and p.scored and p.submitted:
        diff = rounded(s.scored.average_score) - rounded(p.scored.average_score)
        if diff:
            word = "повече" if diff > 0 else "по-малко"
            text += f" Това е с {fixed(abs(diff))} точки {word} от {p.year} г."
        else:
            text += f" Средният брой точки е същият като през {p.year} г."
        if p.scored.average_level == s.scored.average_level:
            text += f" Осредненото равнище на качеството е запазено от {p.year} г."
        else:
            text += (
                f" През {p.year} г. осредненото равнище е било "
                f"{LEVEL_FORMS.get(p.scored.average_level or '', '—')}."
            )
    earlier = [h for h in src.cpo.history if h.scored and h.submitted]
    if len(earlier) > 1:
        text += "\n\nОсреднен общ брой точки по години:\n" + "\n".join(
            f"- {h.year} г. — {fixed(h.scored.average_score)} точки "
            f"({LEVEL_FORMS.get(h.scored.average_level or '', '—')} равнище);"
            for h in earlier
            if h.scored
        )
        text = text.rstrip(";") + "."
    return text


def _trend_words(values: list[Decimal]) -> str:
    if len(values) < 2:
        return ""
    steps = [b - a for a, b in itertools.pairwise(values)]
    if all(step > 0 for step in steps):
        return "стабилна тенденция за повишаване"
    if all(step < 0 for step in steps):
        return "трайна тенденция за понижаване"
    if steps[-1] > 0:
        return "повишаване спрямо предходната година след колебания в предишните години"
    if steps[-1] < 0:
        return "понижаване спрямо предходната година след колебания в предишните години"
    return "запазване на равнището от предходната година"


def _cpo_areas(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    if not s.scored or not s.scored.areas:
        return ""
    years = [h for h in src.cpo.history if h.scored and h.scored.areas][-4:]
    paragraphs = [
        f"Осредненият брой точки и изпълнението в процент за всяка от областите на "
        f"самооценяване през {s.year} г. са представени в таблицата по-долу."
    ]
    for area in s.scored.areas:
        name = src.cpo.names.area(area.code)
        text = (
            f"В област на самооценяване „{name}“ средният брой точки е {fixed(area.average)} "
            f"от {points(area.max_points)} възможни (изпълнение {percent(area.percent)})."
        )
        past = [
            (h.year, a)
            for h in years
            for a in (h.scored.areas if h.scored else ())
            if a.code == area.code
        ]
        if p is not None:
            before = next((a for y, a in past if y == p.year), None)
            if before is not None:
                text += (
                    f" Спрямо {p.year} г. изпълнението отбелязва "
                    f"{change_in_points(area.percent, before.percent)}."
                )
        if len(past) > 2:
            trend = _trend_words([rounded(a.average) for _y, a in past])
            series = ", ".join(f"{y} г. – {fixed(a.average)} т." for y, a in past)
            text += f" За периода се наблюдава {trend} ({series})."
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _distribution(c: CriterionFigure, submitted: int) -> str:
    """„475 (59,52%) са поставили 0 т., 167 (20,93%) — 1,5 т. и 156 (19,55%) — 3 т.“"""
    parts = [
        f"{count(n)} ({percent(share(n, submitted))}) — {points(level)} т."
        for level, n in c.distribution.items()
    ]
    if parts:
        parts[0] = parts[0].replace(" — ", " са поставили ", 1)
    return ", ".join(parts[:-1]) + " и " + parts[-1] if len(parts) > 1 else parts[0]


def _max_share(c: CriterionFigure, submitted: int) -> Decimal:
    top = list(c.distribution.values())[-1] if c.distribution else 0
    return share(top, submitted)


def _average_share(c: CriterionFigure) -> Decimal:
    return (
        share(Decimal(str(c.average)), Decimal(str(c.max_points))) if c.max_points else Decimal(0)
    )


def high_criteria(stats: YearStatistics) -> list[CriterionFigure]:
    criteria = stats.scored.criteria if stats.scored else ()
    ranked = sorted(criteria, key=lambda c: (-_average_share(c), c.code))
    high = [c for c in ranked if _average_share(c) >= HIGH_SHARE]
    return high or ranked[:5]


def low_criteria(stats: YearStatistics) -> list[CriterionFigure]:
    """The three lowest by average share of their maximum, and every criterion to
    which at least a third of the centres gave 0 points."""
    criteria = stats.scored.criteria if stats.scored else ()
    ranked = sorted(criteria, key=lambda c: (_average_share(c), c.code))
    low = ranked[:3]
    for c in ranked[3:]:
        zeros = c.distribution.get("0", 0)
        if stats.submitted and share(zeros, stats.submitted) >= ZERO_SHARE:
            low.append(c)
    return low


def _previous_criterion(p: YearStatistics | None, code: str) -> CriterionFigure | None:
    if p is None or not p.scored or not p.submitted:
        return None
    return next((c for c in p.scored.criteria if c.code == code), None)


def _cpo_high(src: Sources) -> str:
    assert src.cpo
    s = src.cpo.statistics
    if not s.scored or not s.submitted:
        return ""
    names = src.cpo.names
    lines = [
        "Критериите, по които центровете са подали данни с високи стойности (средно "
        f"поне {fixed(HIGH_SHARE)}% от максималния брой точки), са:"
    ]
    for c in high_criteria(s):
        lines.append(
            f"- {names.quoted(c.code)} — средно {fixed(c.average)} от {points(c.max_points)} т. "
            f"({percent(_average_share(c))}); максимална оценка са поставили "
            f"{percent(_max_share(c, s.submitted))} от центровете;"
        )
    lines[-1] = lines[-1].rstrip(";") + "."
    return "\n".join(lines)


def _criterion_paragraph(
    c: CriterionFigure, s: YearStatistics, p: YearStatistics | None, names: Names
) -> str:
    text = (
        f"На критерия {names.quoted(c.code)} от {centres(s.submitted)}, подали доклад, "
        f"{_distribution(c, s.submitted)} (средно {fixed(c.average)} от "
        f"{points(c.max_points)} т.)."
    )
    before = _previous_criterion(p, c.code)
    if before is not None and p is not None:
        now_top, before_top = _max_share(c, s.submitted), _max_share(before, p.submitted)
        now_zero = share(c.distribution.get("0", 0), s.submitted)
        before_zero = share(before.distribution.get("0", 0), p.submitted)
        text += (
            f" Спрямо {p.year} г. делът на центровете с максимална оценка отбелязва "
            f"{change_in_points(rounded(now_top), rounded(before_top))} (от {percent(before_top)} "
            f"на {percent(now_top)}), а делът на оценките 0 т. — "
            f"{change_in_points(rounded(now_zero), rounded(before_zero))} (от "
            f"{percent(before_zero)} на {percent(now_zero)})."
        )
    return text


def _cpo_vulnerable(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    if not s.scored or not s.submitted:
        return ""
    criteria = [c for c in s.scored.criteria if c.code in VULNERABLE]
    if not criteria:
        return ""
    names = src.cpo.names
    intro = (
        "Критериите за достъпа на курсисти от уязвими групи, на лица, преждевременно "
        "напуснали образователната система, и за достъпната архитектурна среда се "
        "разглеждат заедно:"
    )
    return "\n\n".join([intro] + [_criterion_paragraph(c, s, p, names) for c in criteria])


def _cpo_low(src: Sources) -> str:
    assert src.cpo
    s, p = src.cpo.statistics, src.cpo.previous
    if not s.scored or not s.submitted:
        return ""
    names = src.cpo.names
    low = low_criteria(s)
    intro = (
        f"През {s.year} г. ЦПО са поставили най-ниски оценки на критериите "
        + ", ".join(names.quoted(c.code) for c in low)
        + "."
    )
    return "\n\n".join([intro] + [_criterion_paragraph(c, s, p, names) for c in low])


def _cpo_validation(src: Sources) -> str:
    assert src.cpo
    s = src.cpo.statistics
    if not s.scored:
        return ""
    v = s.scored.validation
    text = (
        f"През {s.year} г. са проведени {count(v.procedures)} процедури по валидиране на "
        "професионални знания, умения и компетентности, придобити чрез неформално обучение "
        f"или информално учене, от {centres(v.centers)} за професионално обучение; през тях "
        f"са преминали {count(v.persons)} лица."
    )
    years = [h for h in src.cpo.history if h.scored and h.submitted]
    if len(years) > 1:
        text += "\n\nПо години:\n" + "\n".join(
            f"- {h.year} г. — {count(h.scored.validation.procedures)} процедури, "
            f"{count(h.scored.validation.persons)} лица, "
            f"{centres(h.scored.validation.centers)};"
            for h in years
            if h.scored
        )
        text = text.rstrip(";") + "."
    text += (
        "\n\n[Допишете причините, които центровете посочват да не предлагат валидиране "
        "(административна тежест, ресурси, нормативни изисквания), и оценката на Агенцията.]"
    )
    return text


def _regions(series: Series | None, label: str) -> str:
    if series is None:
        return ""
    s = series.statistics
    if not s.regions:
        return f"Няма подадени доклади на {label} за {s.year} г."
    ranked = sorted(s.regions, key=lambda r: (-r.submitted, r.name))
    top = ranked[:3]
    return (
        f"Докладите на {label} за {s.year} г. са подадени от центрове в {len(s.regions)} "
        "региона на страната. Най-много доклади има от региони "
        + ", ".join(f"{r.name} ({count(r.submitted)})" for r in top)
        + ". Подробното разпределение е в таблицата по-долу"
        + (
            "; за регион с по-малко от 5 доклада средният брой точки не се публикува."
            if s.scored
            else "."
        )
    )


def _cipo_filing(src: Sources) -> str:
    assert src.cipo
    s, p = src.cipo.statistics, src.cipo.previous
    names = src.cipo.names
    text = (
        "Съгласно чл. 22, ал. 8 от ЗПОО центровете за информация и професионално "
        "ориентиране също представят в НАПОО годишен доклад за самооценка на качеството. "
        "Самооценката на ЦИПО не е обвързана с точки, а с положителен или отрицателен "
        "отговор по всеки показател."
    )
    if names.spec and names.spec.cipo_criteria:
        text += "\n\nПоказателите са разделени в три основни критерия:\n" + "\n".join(
            f"- {c.code}. {c.title}" for c in names.spec.cipo_criteria
        )
    text += (
        f"\n\nОбщият брой лицензирани ЦИПО към 31.12.{s.year} г. е {count(s.licensed_centers)}. "
        f"В законоустановения срок доклади за самооценка на качеството за {s.year} г. са "
        f"подали {centres(s.submitted_on_time)} ({percent(s.on_time_percent)})."
    )
    if p is not None and p.submitted:
        text += (
            f" В сравнение с {p.year} г. ({percent(p.on_time_percent)}) се наблюдава "
            f"{change_in_points(s.on_time_percent, p.on_time_percent)}."
        )
    return text


def _cipo_indicators(src: Sources) -> str:
    assert src.cipo
    s, p = src.cipo.statistics, src.cipo.previous
    if not s.answered or not s.submitted:
        return f"Няма подадени доклади на ЦИПО за {s.year} г."
    names = src.cipo.names
    indicators = s.answered.indicators
    before = {
        i.code: i.percent
        for i in (p.answered.indicators if p and p.answered and p.submitted else ())
    }
    paragraphs = []
    full = [i for i in indicators if i.percent == 100]
    if full:
        paragraphs.append(
            f"През {s.year} г. със 100% положителни отговори са следните показатели:\n"
            + "\n".join(f"- {names.quoted(i.code)};" for i in full).rstrip(";")
            + "."
        )
    negative = sorted(
        (i for i in indicators if i.percent < 100), key=lambda i: (i.percent, i.code)
    )[:5]
    if negative:
        lines = []
        for i in negative:
            no = HUNDRED - rounded(i.percent)
            line = f"- {names.quoted(i.code)} — {percent(no)} отрицателни отговори"
            if i.code in before:
                previous_no = HUNDRED - rounded(before[i.code])
                line += (
                    f" (при {percent(previous_no)} през {p.year if p else ''} г.: "
                    f"{change_in_points(no, previous_no)})"
                )
            lines.append(line + ";")
        paragraphs.append(
            "Показателите с най-висок дял на отрицателните отговори („не“) са:\n"
            + "\n".join(lines).rstrip(";")
            + "."
        )
    paragraphs.append(
        "[Допишете основните предизвикателства, които ЦИПО посочват в своите доклади.]"
    )
    return "\n\n".join(paragraphs)


def _cipo_criteria(src: Sources) -> str:
    assert src.cipo
    s, p = src.cipo.statistics, src.cipo.previous
    if not s.answered or not s.submitted:
        return ""
    names = src.cipo.names
    before = {
        c.code: c.positive_percent
        for c in (p.answered.criteria if p and p.answered and p.submitted else ())
    }
    lines = [
        "Делът на положителните отговори по всеки от критериите (от всички отговори по "
        "показателите на критерия) е:"
    ]
    for c in s.answered.criteria:
        line = f"- {c.code}. {names.area(c.code)} — {percent(c.positive_percent)}"
        if c.code in before and p is not None:
            line += f" ({change_in_points(c.positive_percent, before[c.code])} спрямо {p.year} г.)"
        lines.append(line + ";")
    lines[-1] = lines[-1].rstrip(";") + "."
    return "\n".join(lines)


def _gaps(src: Sources) -> str:
    facts = []
    for series, label in ((src.cpo, "ЦПО"), (src.cipo, "ЦИПО")):
        if series is None:
            continue
        s = series.statistics
        facts.append(f"{label}: {count(s.submitted_late)} доклада след срока")
        if s.scored:
            facts[-1] += f", {count(s.scored.zero_value_reports)} с нулеви стойности"
    return (
        "[Опишете пропуските и грешките, установени при изготвянето и прегледа на "
        "докладите, и мерките за тяхното отстраняване.]\n\n"
        f"[Източник: {'; '.join(facts)}.]"
    )


def _practices(src: Sources) -> str:
    return (
        "[Опишете добрите практики на центровете със свои думи. Отбелязаните от експертите "
        f"при прегледа откъси ({count(src.practices)}) са изброени до полето. Не посочвайте "
        "име на център, освен ако това не е целено.]"
    )


def _conclusions(src: Sources) -> str:
    lines = [
        "От направения анализ на подадените доклади за самооценка могат да бъдат направени следните изводи:"
    ]
    if src.cpo:
        s = src.cpo.statistics
        lines.append(
            f"- {percent(s.on_time_percent)} от ЦПО са изпълнили задължението си по чл. 22, "
            "ал. 8 от ЗПОО в законоустановения срок."
        )
        if s.scored and s.submitted:
            levels = s.scored.levels
            top = max(levels, key=lambda code: levels[code])
            lines.append(
                f"- Осредненото равнище на качеството за {s.year} г. е "
                f"{LEVEL_FORMS.get(s.scored.average_level or '', '—')} "
                f"({fixed(s.scored.average_score)} точки), като преобладаващата част от ЦПО "
                f"({percent(share(levels[top], s.submitted))}) са постигнали "
                f"{LEVEL_FORMS[top]} равнище на качеството."
            )
    if src.cipo:
        s = src.cipo.statistics
        lines.append(
            f"- {centres(s.submitted_on_time)} от {count(s.licensed_centers)} лицензирани ЦИПО "
            f"({percent(s.on_time_percent)}) са подали доклад в срок."
        )
    lines.append("")
    lines.append("[Допишете изводите на Агенцията.]")
    return "\n".join(lines)


def _recommendations_cpo(src: Sources) -> str:
    low = ""
    if src.cpo and src.cpo.statistics.scored:
        low = "; ".join(src.cpo.names.quoted(c.code) for c in low_criteria(src.cpo.statistics))
    return (
        "[Напишете препоръките към ЦПО като списък, всеки ред започващ с „- “.]\n\n"
        f"[Източник: най-ниско оценени критерии: {low or '—'}.]"
    )


def _recommendations_cipo(src: Sources) -> str:
    weak = ""
    if src.cipo and src.cipo.statistics.answered:
        indicators = sorted(
            (i for i in src.cipo.statistics.answered.indicators if i.percent < 100),
            key=lambda i: (i.percent, i.code),
        )[:3]
        weak = "; ".join(src.cipo.names.quoted(i.code) for i in indicators)
    return (
        "[Напишете препоръките към ЦИПО като списък, всеки ред започващ с „- “.]\n\n"
        f"[Източник: показатели с най-висок дял на отговорите „не“: {weak or '—'}.]"
    )


WRITERS: dict[str, Callable[[Sources], str]] = {
    "legal": _legal,
    "principles_cpo": _principles_cpo,
    "principles_cipo": _principles_cipo,
    "method": _method,
    "cpo_filing": _cpo_filing,
    "cpo_levels": _cpo_levels,
    "cpo_average": _cpo_average,
    "cpo_areas": _cpo_areas,
    "cpo_high": _cpo_high,
    "cpo_vulnerable": _cpo_vulnerable,
    "cpo_low": _cpo_low,
    "cpo_validation": _cpo_validation,
    "cpo_regions": lambda src: _regions(src.cpo, "ЦПО"),
    "cipo_filing": _cipo_filing,
    "cipo_indicators": _cipo_indicators,
    "cipo_criteria": _cipo_criteria,
    "cipo_regions": lambda src: _regions(src.cipo, "ЦИПО"),
    "gaps": _gaps,
    "practices": _practices,
    "conclusions": _conclusions,
    "recommendations_cpo": _recommendations_cpo,
    "recommendations_cipo": _recommendations_cipo,
}


def section_text(code: str, sources: Sources) -> str:
    """The portal's text of a section: generated from the numbers, or the prompt and
    source material of an editorial one."""
    return WRITERS[code](sources)


def sections_initial(sources: Sources) -> list[dict]:
    """The sections of a new analysis of `sources.kind`."""
    return [
        {
            "code": d.code,
            "title": d.title,
            "text": section_text(d.code, sources),
            "generated": d.generated,
        }
        for d in section_defs(sources.kind)
    ]


def level_name(code: str | None) -> str:
    return level_label(code)
