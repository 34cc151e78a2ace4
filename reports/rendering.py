"""The national analysis document: statistics → sections, tables and charts → PDF,
HTML and DOCX.

Modelled on the agency's yearly "Анализ на данните от докладите за самооценка"
(reports/sections.py has the outline and the text). The document's words are the
analysis' sections (edited by the agency); its tables and charts are drawn here from
the figures stored with the analysis, so a published document never moves. The PDF,
the HTML page and the DOCX are made from the same outline and the same blocks of
text. The document is in Bulgarian whatever the language of whoever asked for it.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from centers.models import Kind
from core.pdf import render_pdf
from core.years import year_in_range
from selfassessment.models import QualityLevel
from selfassessment.selectors import framework_for

from . import charts
from .markup import markup_blocks, markup_html
from .sections import (
    CIPO,
    CPO,
    LEVEL_FORMS,
    Names,
    Series,
    Sources,
    count,
    fixed,
    low_criteria,
    numbered,
    percent,
    points,
    share,
)
from .statistics import (
    MIN_REGIONAL_REPORTS,
    AnsweredCriterionFigure,
    AnsweredFigures,
    AreaFigure,
    CriterionFigure,
    IndicatorFigure,
    RegionFigure,
    ScoredFigures,
    ScoredRegionFigure,
    ValidationFigures,
    YearStatistics,
    statistics_for_years,
    years_with_reports,
)

DOCUMENT_LANGUAGE = "bg"
TITLES = {
    CPO: "на центровете за професионално обучение (ЦПО)",
    CIPO: "на центровете за информация и професионално ориентиране (ЦИПО)",
    "ALL": "на центровете за професионално обучение (ЦПО) и на центровете за информация "
    "и професионално ориентиране (ЦИПО)",
}


def analysis_title(kind: str, year: int) -> str:
    """The document's title. The analysis is the agency's Bulgarian document
    (DOCUMENT_LANGUAGE) whatever the reader's language, as its PDF is."""
    return (
        f"Анализ на данните от годишните доклади за самооценка на качеството "
        f"{TITLES[kind]} за {year}\u00a0г."
    )


# --- The figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisFigures:
    """The figures an analysis is made of (stored with it): for each kind it covers,
    the year, the previous year and every year with reports up to it."""

    year: int
    kind: str
    cpo: tuple[YearStatistics, YearStatistics | None, tuple[YearStatistics, ...]] | None
    cipo: tuple[YearStatistics, YearStatistics | None, tuple[YearStatistics, ...]] | None

    @property
    def statistics(self) -> YearStatistics:
        main = self.cpo or self.cipo
        assert main is not None
        return main[0]

    def as_json(self) -> dict[str, Any]:
        """As stored in `Analysis.statistics`: "statistics", "previous", "history" of
        the first kind (ЦПО in the combined document), and "cipo", "cipo_previous",
        "cipo_history" for the ЦИПО part of the combined one."""
        main = self.cpo or self.cipo
        assert main is not None
        data: dict[str, Any] = {
            "year": self.year,
            "kind": self.kind,
            "statistics": main[0].as_json(),
            "previous": _json(main[1]),
            "history": [s.as_json() for s in main[2]],
        }
        if self.cpo and self.cipo:
            data["cipo"] = self.cipo[0].as_json()
            data["cipo_previous"] = _json(self.cipo[1])
            data["cipo_history"] = [s.as_json() for s in self.cipo[2]]
        return data


def _json(statistics):
    return statistics.as_json() if statistics is not None else None


def _kinds(kind: str) -> list[str]:
    return [CPO, CIPO] if kind == "ALL" else [kind]


def _series_of(year: int, kind: str):
    """The year's statistics, the previous year's (None without reports) and those of
    every year with reports up to it, computed in one pass."""
    reported = {y for y in years_with_reports(kind) if y <= year} | {year}
    first = min(reported | ({year - 1} if year_in_range(year - 1) else set()))
    every = {s.year: s for s in statistics_for_years(kind, range(first, year + 1))}
    previous = every.get(year - 1)
    if previous is not None and not previous.submitted:
        previous = None
    return every[year], previous, tuple(every[y] for y in sorted(reported))


def analysis_statistics(year: int, kind: str) -> AnalysisFigures:
    """The live figures of an analysis of `year` and `kind` (CPO, CIPO or ALL)."""
    parts = {k: _series_of(year, k) for k in _kinds(kind)}
    return AnalysisFigures(year=year, kind=kind, cpo=parts.get(CPO), cipo=parts.get(CIPO))


def _build(cls, data: dict[str, Any], **nested):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names and k not in nested}, **nested)


def _by_points(item: tuple[str, int]) -> Decimal:
    return Decimal(item[0])


def statistics_from_json(data: dict[str, Any] | None) -> YearStatistics | None:
    """A `YearStatistics` back from its `as_json()` (the figures stored with an
    analysis)."""
    if data is None:
        return None
    common = {
        k: data[k] for k in ("year", "kind", "licensed_centers", "submitted", "submitted_on_time")
    }
    common["on_time_percent"] = data["on_time_percent"]
    if "indicators" in data:
        answered = AnsweredFigures(
            indicators=tuple(
                _build(IndicatorFigure, {"title": "", **i}) for i in data["indicators"]
            ),
            criteria=tuple(
                _build(AnsweredCriterionFigure, {"title": "", **c}) for c in data["criteria"]
            ),
        )
        regions: tuple[RegionFigure, ...] = tuple(
            _build(RegionFigure, r) for r in data.get("regions", [])
        )
        return YearStatistics(**common, regions=regions, answered=answered)
    # jsonb keeps no key order: the levels in their order, the points ascending.
    levels = {code: data["levels"].get(code, 0) for code in QualityLevel.values}
    criteria = [
        {**c, "distribution": dict(sorted(c["distribution"].items(), key=_by_points))}
        for c in data["criteria"]
    ]
    scored = ScoredFigures(
        zero_value_reports=data["zero_value_reports"],
        levels=levels,
        average_score=data["average_score"],
        average_level=data["average_level"],
        areas=tuple(_build(AreaFigure, {"title": "", **a}) for a in data["areas"]),
        criteria=tuple(_build(CriterionFigure, {"title": "", **c}) for c in criteria),
        validation=_build(ValidationFigures, data["validation"]),
    )
    regions = tuple(
        _build(ScoredRegionFigure, {"average_score": 0, **r}) for r in data.get("regions", [])
    )
    return YearStatistics(**common, regions=regions, scored=scored)


def figures_from_json(data: dict[str, Any]) -> AnalysisFigures:
    """The stored figures of an analysis, as they were when it was built."""

    def series(now, previous, history):
        main = statistics_from_json(now)
        assert main is not None
        return (
            main,
            statistics_from_json(previous),
            tuple(s for s in (statistics_from_json(h) for h in history) if s is not None),
        )

    main = series(data["statistics"], data.get("previous"), data.get("history", []))
    kind = data["kind"]
    if kind == "ALL":
        cipo = series(data["cipo"], data.get("cipo_previous"), data.get("cipo_history", []))
        return AnalysisFigures(year=data["year"], kind=kind, cpo=main, cipo=cipo)
    return AnalysisFigures(
        year=data["year"],
        kind=kind,
        cpo=main if kind == CPO else None,
        cipo=main if kind == CIPO else None,
    )


def analysis_sources(figures: AnalysisFigures, practices: int = 0) -> Sources:
    def series(kind, part):
        if part is None:
            return None
        framework = framework_for(kind, figures.year)
        return Series(part[0], part[1], part[2], Names(framework.spec if framework else None))

    return Sources(
        year=figures.year,
        kind=figures.kind,
        cpo=series(CPO, figures.cpo),
        cipo=series(CIPO, figures.cipo),
        practices=practices,
    )


# --- Tables and charts ----------------------------------------------------------------------


@dataclass
class Exhibit:
    """A table or a figure of a section; numbered when the document is laid out."""

    kind: str  # "table" or "figure"
    caption: str
    head: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)  # [cell, …] or {"group": heading}
    numeric: int = 1  # columns from this one on are numbers (right-aligned)
    draw: Callable[[str], Any] | None = None  # fmt -> SVG text or PNG bytes
    before: bool = False  # placed before the section's text
    number: int = 0
    chart: str = ""  # the drawn SVG, once laid out

    @property
    def short(self) -> bool:
        """Short enough to keep on one page with its caption."""
        return len(self.rows) <= 14

    @property
    def label(self) -> str:
        return f"{'Таблица' if self.kind == 'table' else 'Фигура'} {self.number}"

    def svg(self) -> str:
        assert self.draw is not None
        return self.draw("svg")


def _levels_exhibits(s: YearStatistics, p: YearStatistics | None) -> list[Exhibit]:
    assert s.scored
    levels = s.scored.levels
    labels = [LEVEL_FORMS[code].strip("„“") for code in levels]
    now = [float(round(share(n, s.submitted), 2)) for n in levels.values()]
    exhibits = [
        Exhibit(
            "figure",
            f"Разпределение на ЦПО по равнище на качеството за {s.year} г., %",
            draw=lambda fmt: charts.bar_chart(
                labels, now, fmt=fmt, label=charts.percent_label, percent=True, height=3
            ),
        )
    ]
    if p is not None and p.scored and p.submitted:
        before = [float(round(share(p.scored.levels.get(c, 0), p.submitted), 2)) for c in levels]
        exhibits.append(
            Exhibit(
                "figure",
                f"Разпределение на ЦПО по равнище на качеството за {p.year} г. и {s.year} г., %",
                draw=lambda fmt: charts.grouped_bar_chart(
                    labels,
                    [(f"{p.year} г.", before), (f"{s.year} г.", now)],
                    fmt=fmt,
                    label=charts.percent_label,
                    percent=True,
                ),
            )
        )
    return exhibits


def _average_exhibits(history) -> list[Exhibit]:
    years = [h for h in history if h.scored and h.submitted]
    if not years:
        return []
    return [
        Exhibit(
            "figure",
            "Осреднен общ брой точки от самооценката по години",
            draw=lambda fmt: charts.line_chart(
                [f"{h.year} г." for h in years],
                [h.scored.average_score for h in years],
                fmt=fmt,
                label=charts.fixed_label,
                ymax=100,
            ),
        )
    ]


def _areas_exhibits(s: YearStatistics, history, names: Names) -> list[Exhibit]:
    assert s.scored
    table = Exhibit(
        "table",
        f"Осреднени данни по области на самооценяване за {s.year} г.",
        head=[
            "Област на самооценяване",
            "Максимален брой точки",
            "Среден брой точки",
            "Изпълнение в %",
        ],
        rows=[
            [
                f"{a.code}. {names.area(a.code)}",
                points(a.max_points),
                fixed(a.average),
                fixed(a.percent),
            ]
            for a in s.scored.areas
        ],
    )
    years = [h for h in history if h.scored and h.scored.areas][-4:]
    codes = [a.code for a in s.scored.areas]
    figure = Exhibit(
        "figure",
        "Среден брой точки по области на самооценяване по години",
        draw=lambda fmt: charts.grouped_bar_chart(
            [charts.wrap(names.area(c), 22) for c in codes],
            [(f"{h.year} г.", [a.average for a in h.scored.areas]) for h in years],
            fmt=fmt,
            label=charts.fixed_label,
            height=3.8,
        ),
    )
    return [table, figure]


def _distribution_table(caption, criteria, s, p, names) -> Exhibit:
    """A row per level of each criterion, under a row naming the criterion."""
    before = {c.code: c for c in (p.scored.criteria if p and p.scored and p.submitted else ())}
    rows: list[Any] = []
    for c in criteria:
        rows.append({"group": f"{c.code}. {names.title(c.code)}"})
        old = before.get(c.code)
        for level, n in c.distribution.items():
            old_share = (
                percent(share(old.distribution.get(level, 0), p.submitted))
                if old is not None and p is not None
                else "—"
            )
            rows.append(
                [f"{points(level)} т.", count(n), percent(share(n, s.submitted)), old_share]
            )
    head = ["Оценка", "Брой ЦПО", f"Дял {s.year} г."]
    head.append(f"Дял {p.year} г." if p is not None else "Дял, предходна година")
    return Exhibit("table", caption, head=head, rows=rows, numeric=1)


def _validation_exhibits(history) -> list[Exhibit]:
    years = [h for h in history if h.scored and h.submitted]
    return [
        Exhibit(
            "table",
            "Валидиране на професионални знания, умения и компетентности по години",
            head=["Година", "Процедури", "Лица", "Центрове с процедури"],
            rows=[
                [
                    f"{h.year} г.",
                    count(h.scored.validation.procedures),
                    count(h.scored.validation.persons),
                    count(h.scored.validation.centers),
                ]
                for h in years
            ],
        )
    ]


def _regions_table(s: YearStatistics, label: str) -> Exhibit:
    scored = bool(s.scored)
    head = ["Регион", "Подадени доклади"] + (["Среден брой точки"] if scored else [])
    rows = []
    for r in s.regions:
        row = [r.name, count(r.submitted)]
        if scored:
            # Fewer than 5 reports would point at a centre: never in a published document.
            average = getattr(r, "average_score", None)
            row.append(fixed(average) if r.submitted >= MIN_REGIONAL_REPORTS else "*")
        rows.append(row)
    caption = f"Подадени доклади на {label} за {s.year} г. по региони"
    if scored:
        caption += " (* — по-малко от 5 доклада: средната стойност не се публикува)"
    return Exhibit("table", caption, head=head, rows=rows)


def _cpo_filing_table(s: YearStatistics) -> Exhibit:
    zero = s.scored.zero_value_reports if s.scored else 0
    return Exhibit(
        "table",
        f"Лицензирани ЦПО и подадени доклади за самооценка на качеството за {s.year} г.",
        head=["Центрове", "Брой", "Процент"],
        rows=[
            [f"Общ брой лицензирани ЦПО към 31.12.{s.year} г.", count(s.licensed_centers), "—"],
            [
                "ЦПО, подали доклади за самооценка на качеството в законоустановения срок",
                count(s.submitted_on_time),
                fixed(s.on_time_percent),
            ],
            [
                "ЦПО, подали доклади с нулеви стойности",
                count(zero),
                fixed(share(zero, s.licensed_centers)),
            ],
        ],
        before=True,
    )


def _cipo_filing_table(s: YearStatistics) -> Exhibit:
    return Exhibit(
        "table",
        f"Лицензирани ЦИПО и подадени доклади за самооценка на качеството за {s.year} г.",
        head=["Центрове", "Брой", "Процент"],
        rows=[
            [f"Общ брой лицензирани ЦИПО към 31.12.{s.year} г.", count(s.licensed_centers), "—"],
            [
                "ЦИПО, подали доклади за самооценка на качеството в законоустановения срок",
                count(s.submitted_on_time),
                fixed(s.on_time_percent),
            ],
            ["ЦИПО, подали доклади след срока", count(s.submitted_late), "—"],
        ],
    )


def _cipo_indicator_table(s: YearStatistics, p: YearStatistics | None, names: Names) -> Exhibit:
    before = {i.code: i.percent for i in (p.answered.indicators if p and p.answered else ())}
    return Exhibit(
        "table",
        f"Положителни отговори по показатели за {s.year} г.",
        head=[
            "Показател",
            "Отговори „да“",
            "„Да“, %",
            f"„Да“ {p.year} г., %" if p is not None else "„Да“, предходна година, %",
        ],
        rows=[
            [
                f"{i.code} {names.title(i.code)}",
                count(i.positive),
                fixed(i.percent),
                fixed(before[i.code]) if i.code in before else "—",
            ]
            for i in (s.answered.indicators if s.answered else ())
        ],
    )


def _cipo_chart(s: YearStatistics, p: YearStatistics | None, names: Names) -> Exhibit:
    assert s.answered
    criteria = s.answered.criteria
    labels = [charts.wrap(f"{c.code}. {names.area(c.code)}", 22) for c in criteria]
    series = []
    if p is not None and p.answered:
        before = {c.code: c.positive_percent for c in p.answered.criteria}
        series.append((f"{p.year} г.", [before.get(c.code, 0) for c in criteria]))
    series.append((f"{s.year} г.", [c.positive_percent for c in criteria]))
    return Exhibit(
        "figure",
        "Положителни отговори на ЦИПО по критерии, %",
        draw=lambda fmt: charts.grouped_bar_chart(
            labels, series, fmt=fmt, label=charts.percent_label, percent=True, height=3.6
        ),
    )


def analysis_exhibits(sources: Sources) -> dict[str, list[Exhibit]]:
    """The tables and charts of each section, by section code (not numbered yet)."""
    out: dict[str, list[Exhibit]] = {}
    if sources.cpo is not None:
        s, p, names = sources.cpo.statistics, sources.cpo.previous, sources.cpo.names
        history = sources.cpo.history
        if names.spec and names.spec.areas:
            out["method"] = [
                Exhibit(
                    "table",
                    "Области на самооценяване на ЦПО",
                    head=["Област на самооценяване", "Максимален брой точки", "Брой критерии"],
                    rows=[
                        [f"{a.code}. {a.title}", points(a.max_points), count(len(a.criteria))]
                        for a in names.spec.areas
                    ],
                )
            ]
        out["cpo_filing"] = [_cpo_filing_table(s)]
        if s.scored and s.submitted:
            out["cpo_levels"] = _levels_exhibits(s, p)
            out["cpo_average"] = _average_exhibits(history)
            if s.scored.areas:
                out["cpo_areas"] = _areas_exhibits(s, history, names)
            vulnerable = [c for c in s.scored.criteria if c.code in ("1.5", "1.6", "1.7", "1.8")]
            if vulnerable:
                out["cpo_vulnerable"] = [
                    _distribution_table(
                        "Разпределение на оценките по критериите за уязвими групи и достъпна среда",
                        vulnerable,
                        s,
                        p,
                        names,
                    )
                ]
            out["cpo_low"] = [
                _distribution_table(
                    "Разпределение на оценките по критериите с ниски оценки",
                    low_criteria(s),
                    s,
                    p,
                    names,
                )
            ]
            out["cpo_validation"] = _validation_exhibits(history)
        out["cpo_regions"] = [_regions_table(s, "ЦПО")]
    if sources.cipo is not None:
        s, p, names = sources.cipo.statistics, sources.cipo.previous, sources.cipo.names
        out["cipo_filing"] = [_cipo_filing_table(s)]
        if s.answered and s.submitted:
            out["cipo_indicators"] = [_cipo_indicator_table(s, p, names)]
            out["cipo_criteria"] = [_cipo_chart(s, p, names)]
        out["cipo_regions"] = [_regions_table(s, "ЦИПО")]
    return out


# --- The document -------------------------------------------------------------------------


def document_outline(figures: AnalysisFigures, sections: list[dict], *, svg: bool = True):
    """The outline of the document: headings with their sections, each section with
    its HTML text, its blocks and its exhibits, tables and figures numbered in order.
    `svg`: draw the charts (the HTML and the PDF) or leave them to the caller (DOCX)."""
    sources = analysis_sources(figures)
    exhibits = analysis_exhibits(sources)
    outline = numbered(sections, figures.year)
    counters = {"table": 0, "figure": 0}
    for heading in outline:
        for section in heading["sections"]:
            placed = exhibits.get(section["code"], [])
            for exhibit in placed:
                counters[exhibit.kind] += 1
                exhibit.number = counters[exhibit.kind]
            section["html"] = markup_html(section["text"])
            section["blocks"] = markup_blocks(section["text"])
            section["before"] = [e for e in placed if e.before]
            section["after"] = [e for e in placed if not e.before]
            for e in placed:
                if svg and e.draw is not None:
                    e.chart = e.svg()
    return outline


def document_context(figures: AnalysisFigures, sections: list[dict], *, draft: bool) -> dict:
    return {
        "year": figures.year,
        "kind": figures.kind,
        "title": analysis_title(figures.kind, figures.year),
        "outline": document_outline(figures, sections),
        "draft": draft,
    }


def analysis_pdf(figures: AnalysisFigures, sections: list[dict], *, draft: bool = True) -> bytes:
    """The PDF of an analysis."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(
            "reports/analysis_pdf.html", document_context(figures, sections, draft=draft)
        )


def analysis_body_html(figures: AnalysisFigures, sections: list[dict], *, draft: bool) -> str:
    """The document as an HTML fragment (the public page)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(
            "reports/includes/analysis_document.html",
            document_context(figures, sections, draft=draft),
        )


def analysis_docx(figures: AnalysisFigures, sections: list[dict], *, draft: bool) -> bytes:
    """The document as DOCX (python-docx), for the agency's document workflow."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    outline = document_outline(figures, sections, svg=False)
    document.add_paragraph("НАЦИОНАЛНА АГЕНЦИЯ ЗА ПРОФЕСИОНАЛНО ОБРАЗОВАНИЕ И ОБУЧЕНИЕ")
    document.add_heading(analysis_title(figures.kind, figures.year), level=0)
    if draft:
        document.add_paragraph("ПРОЕКТ — непубликуван")
    for heading in outline:
        document.add_heading(f"{heading['number']}. {heading['title']}", level=1)
        for section in heading["sections"]:
            if heading["group"]:
                document.add_heading(f"{section['number']} {section['title']}", level=2)
            for exhibit in section["before"]:
                _docx_exhibit(document, exhibit, Cm)
            for block in section["blocks"]:
                for item in block.items:
                    paragraph = document.add_paragraph(
                        style="List Bullet" if block.kind == "ul" else None
                    )
                    for run in item:
                        text = paragraph.add_run(run.text)
                        text.bold = run.bold
                        text.italic = run.italic
            for exhibit in section["after"]:
                _docx_exhibit(document, exhibit, Cm)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_exhibit(document, exhibit: Exhibit, Cm) -> None:
    document.add_paragraph(f"{exhibit.label}. {exhibit.caption}").runs[0].bold = True
    if exhibit.kind == "table":
        table = document.add_table(rows=1, cols=len(exhibit.head))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, exhibit.head, strict=True):
            cell.text = text
        for row in exhibit.rows:
            cells = table.add_row().cells
            if isinstance(row, dict):
                merged = cells[0].merge(cells[-1])
                merged.text = row["group"]
                merged.paragraphs[0].runs[0].bold = True
                continue
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    elif exhibit.draw is not None:
        document.add_picture(io.BytesIO(exhibit.draw("png")), width=Cm(16))


def kind_label(kind: str) -> str:
    return "ЦПО и ЦИПО" if kind == "ALL" else str(Kind(kind).label)
