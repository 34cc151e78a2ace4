"""The analysis document: its figures, sections, text model, and the PDF, HTML and
DOCX made from them."""

import io
import re
from datetime import datetime

import pytest
from django.test import TestCase
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from core.models import PendingTask
from reports import services
from reports.markup import MarkupError, markup_blocks, markup_clean, markup_html, markup_plain
from reports.models import Analysis
from reports.rendering import (
    analysis_body_html,
    analysis_docx,
    analysis_pdf,
    analysis_sources,
    analysis_statistics,
    figures_from_json,
)
from reports.sections import change_in_points, fixed, section_defs, sections_initial
from selfassessment.models import Framework
from selfassessment.transitions import reports_import

from ..factories import CenterFactory
from ..waiting import wait_for
from .test_statistics import data_set  # noqa: F401 - the hand-computed fixture

EDITORIAL = [
    "Установени пропуски",
    "Добри практики",
    "Изводи",
    "Препоръки към ЦПО",
    "Препоръки към ЦИПО",
]
WHEN_2023 = datetime.fromisoformat("2024-01-20T10:00:00+02:00")
WHEN_2024 = datetime.fromisoformat("2025-01-20T10:00:00+02:00")


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def combined(data_set):  # noqa: F811
    """The hand-computed ЦПО year 2024, two ЦПО reports of 2023, and three ЦИПО
    reports of 2024 (1.1 answered "no" by one, 1.2 by two)."""
    cpo = Framework.objects.get(code="CPO-2018")
    cipo = Framework.objects.get(code="CIPO-2022")
    rows = []
    for pick in (0, -1):
        rows.append(
            {
                "center": CenterFactory(),
                "year": 2023,
                "framework": cpo,
                "status": "accepted",
                "submitted_at": WHEN_2023,
                "content": {"scores": {c.code: c.levels[pick].raw for c in cpo.spec.criteria}},
            }
        )
    for no in ([], ["1.1", "1.2"], ["1.2"]):
        rows.append(
            {
                "center": CenterFactory(kind="CIPO", name=f"ЦИПО „Секретно {len(no)}“"),
                "year": 2024,
                "framework": cipo,
                "status": "accepted",
                "submitted_at": WHEN_2024,
                "content": {"answers": {c: c not in no for c in cipo.spec.indicator_codes}},
            }
        )
    reports_import(rows=rows)


def headings(text):
    """The numbers of the headings in the table of contents."""
    toc = text.split("Съдържание", 1)[1]
    first = toc.index("Нормативно основание")
    toc = toc[: toc.index("Нормативно основание", first + 1)]
    return re.findall(r"\b([IVX]+)\. [А-Я]", toc)


def build(kind="ALL", year=2024):
    with TestCase.captureOnCommitCallbacks(execute=True):
        analysis, _created = services.analysis_request(year=year, kind=kind, user=None)
    # In-process, it is built already; on a real worker (browser tests), wait for it.
    wait_for(lambda: Analysis.objects.get(pk=analysis.pk).status in ("done", "failed"), 120)
    analysis.refresh_from_db()
    assert analysis.status == "done", analysis.error
    return analysis


# --- The text model (no database) --------------------------------------------------------


def test_markup_paragraphs_bullets_emphasis_and_notes():
    text = (
        "Първи **удебелен** и *курсив* абзац\nпродължение.\n\n"
        "- точка едно\n- точка две\n\n[бележка за редактора]\n\nКрай <b>x</b>."
    )

    assert markup_html(text) == (
        "<p>Първи <strong>удебелен</strong> и <em>курсив</em> абзац продължение.</p>\n"
        "<ul><li>точка едно</li><li>точка две</li></ul>\n<p>Край &lt;b&gt;x&lt;/b&gt;.</p>"
    )
    assert [b.kind for b in markup_blocks(text)] == ["p", "ul", "p"]
    assert "бележка" not in markup_plain(text)


def test_markup_clean_refuses_what_is_not_text():
    assert markup_clean("  a\r\nb \x00\x07 ") == "a\nb"
    with pytest.raises(MarkupError):
        markup_clean(None)
    with pytest.raises(MarkupError):
        markup_clean("я" * 20_001)


@pytest.mark.parametrize(
    ("value", "shown"), [(77, "77,00"), (76.2, "76,20"), (93.555, "93,56"), (4861, "4\u00a0861,00")]
)
def test_two_decimals_and_a_decimal_comma(value, shown):
    assert fixed(value) == shown


def test_changes_of_shares_are_percentage_points():
    assert change_in_points(19.55, 15.94) == "увеличение с 3,61 процентни пункта"
    assert change_in_points(93.55, 96.60) == "намаление с 3,05 процентни пункта"
    assert change_in_points(50, 50) == "без промяна"


# --- Figures and sections ------------------------------------------------------------------


def test_the_combined_figures_carry_both_kinds_and_come_back_from_json(combined):
    figures = analysis_statistics(2024, "ALL")
    stored = figures.as_json()

    assert stored["statistics"]["kind"] == "CPO" and stored["statistics"]["submitted"] == 8
    assert stored["previous"]["year"] == 2023 and stored["previous"]["submitted"] == 2
    assert stored["cipo"]["kind"] == "CIPO" and stored["cipo"]["submitted"] == 3
    assert stored["cipo_previous"] is None  # no ЦИПО reports in 2023
    assert figures_from_json(stored) == figures
    # As stored in jsonb, which keeps no key order.
    Analysis.objects.create(year=2024, kind="ALL", statistics=stored)
    assert figures_from_json(Analysis.objects.get().statistics) == figures


def test_a_kind_of_its_own_has_no_companion(db):
    stored = analysis_statistics(2024, "CIPO").as_json()

    assert list(stored) == ["year", "kind", "statistics", "previous", "history"]


def test_sections_each_kind_its_own(combined):
    codes = {kind: [d.code for d in section_defs(kind)] for kind in ("CPO", "CIPO", "ALL")}

    assert "principles_cipo" not in codes["CPO"] and "recommendations_cipo" not in codes["CPO"]
    assert "principles_cpo" not in codes["CIPO"] and "cpo_levels" not in codes["CIPO"]
    assert codes["ALL"][-5:] == [
        "gaps",
        "practices",
        "conclusions",
        "recommendations_cpo",
        "recommendations_cipo",
    ]
    sections = sections_initial(analysis_sources(analysis_statistics(2024, "ALL")))
    by_code = {s["code"]: s for s in sections}
    assert by_code["cpo_levels"]["generated"] and not by_code["gaps"]["generated"]
    # Editorial sections start with a prompt the document never prints.
    assert by_code["practices"]["text"].startswith("[") and not markup_plain(
        by_code["practices"]["text"]
    )
    assert "ниво" not in " ".join(s["text"] for s in sections)


# --- The documents ----------------------------------------------------------------------------


def test_the_combined_pdf_reads_like_the_agencys(combined):
    analysis = build("ALL")

    text = pdf_text(analysis.pdf.read())

    for heading in EDITORIAL:
        assert heading in text
    # Criteria, areas and indicators by name.
    assert "„Участие в национални и международни програми и проекти“ (2.14)" in text
    assert "„Придобиване на професионална квалификация“" in text
    assert "„Наличен и поддържан уебсайт на центъра“ (1.2) — 66,67% отрицателни отговори" in text
    assert "Осигуряване на актуална и достъпна информация за предлаганите услуги" in text
    # Levels in percent of the 8 reports, two decimals, and changes in percentage points.
    assert "„Добро“ равнище — 3 центъра (37,50%)" in text
    assert "„Незадоволително“ равнище — 2 центъра (25,00%)" in text
    assert "процентни пункта" in text
    # Table 1 with the zero-value share (1 of the 10 licensed).
    assert "ЦПО, подали доклади с нулеви стойности 1 10,00" in text
    assert "ниво" not in text.replace("равнище", "")
    # Both kinds' principles; headings numbered I, II, … without a gap.
    assert "Принципи за осигуряване на качеството на информирането" in text
    assert headings(text) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    # Regions and areas of self-assessment never share a word.
    assert "Разпределение на ЦПО по региони" in text
    assert "Регион Подадени доклади Среден брой точки" in text
    assert "области на страната" not in text and "Област BG" not in text
    assert "ПРОЕКТ" in text  # a draft says so


def test_the_cipo_document_numbers_its_sections_and_captions_its_table(combined):
    analysis = build("CIPO")

    text = pdf_text(analysis.pdf.read())

    assert "Таблица 1. Лицензирани ЦИПО и подадени доклади за самооценка на качеството" in text
    assert "Принципи за осигуряване на качеството на информирането" in text
    assert "Стремеж към постигане на високи резултати от професионалното обучение" not in text
    assert headings(text) == ["I", "II", "III", "IV", "V", "VI"]
    assert "„не“: 1.2 (" not in text  # names, not codes


def test_edited_text_in_pdf_html_and_docx(combined):
    analysis = build("ALL")
    sections = [dict(s) for s in analysis.sections]
    edited = {
        "conclusions": "Изводът на **Агенцията** за годината.\n\n- първа препоръка <script>",
        "practices": "[Бележка, която не се печата.]\n\nДобрите практики, описани от НАПОО.",
    }
    for section in sections:
        section["text"] = edited.get(section["code"], section["text"])
    figures = figures_from_json(analysis.statistics)

    pdf = pdf_text(analysis_pdf(figures, sections, draft=False))
    html = analysis_body_html(figures, sections, draft=False)
    docx = Document(io.BytesIO(analysis_docx(figures, sections, draft=False)))
    docx_text = "\n".join(p.text for p in docx.paragraphs)

    for text in (pdf, html, docx_text):
        assert "Добрите практики, описани от НАПОО." in text
        assert "Бележка, която не се печата" not in text
    assert "Изводът на Агенцията за годината." in pdf and "ПРОЕКТ" not in pdf
    assert "Изводът на <strong>Агенцията</strong> за годината." in html
    assert "<li>първа препоръка &lt;script&gt;</li>" in html and "<script>" not in html
    assert "Изводът на Агенцията за годината." in docx_text
    assert any(run.bold and run.text == "Агенцията" for p in docx.paragraphs for run in p.runs)
    assert len(docx.tables) >= 8 and docx.inline_shapes  # the tables and the charts
    # No centre is named: the ЦИПО centres' names appear nowhere.
    assert "Секретно" not in pdf and "Секретно" not in html and "Секретно" not in docx_text


def test_the_analysis_is_in_bulgarian_whoever_asks(combined):
    with translation.override("en"):
        analysis = build("CPO")

    text = pdf_text(analysis.pdf.read())
    assert "на центровете за професионално обучение (ЦПО) за 2024 г." in text
    assert "„Задоволително“ осреднено равнище на качеството" in text
    assert "Satisfactory" not in text and "VTC" not in text


def test_the_analysis_job_is_kept_when_the_broker_is_down(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr("core.queue._send", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        analysis, created = services.analysis_request(year=2024, kind="CPO", user=None)

    assert created
    kept = PendingTask.objects.get()
    assert kept.name == "reports.tasks.build_analysis" and kept.args == [analysis.pk]
    assert Analysis.objects.get().status == "queued"
