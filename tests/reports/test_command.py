import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from .test_statistics import data_set  # noqa: F401


def test_generate_analysis_prints_the_pdf_path(tmp_path, data_set):  # noqa: F811
    out = io.StringIO()
    target = tmp_path / "analysis.pdf"

    call_command("generate_analysis", "2024", "--kind", "CPO", "--output", str(target), stdout=out)

    assert out.getvalue().strip() == str(target.resolve())
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Анализ на данните от годишните доклади за самооценка" in " ".join(text.split())


def test_generate_analysis_of_the_combined_document(tmp_path, data_set):  # noqa: F811
    out = io.StringIO()
    target = tmp_path / "all.pdf"

    call_command("generate_analysis", "2024", "--kind", "ALL", "--output", str(target), stdout=out)

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    assert "(ЦПО) и на центровете за информация и професионално ориентиране (ЦИПО) за 2024" in text
    for heading in ("Установени пропуски", "Добри практики", "Изводи", "Препоръки към ЦПО"):
        assert heading in text
    assert "Препоръки към ЦИПО" in text
    assert "„Популяризиране на предлаганото обучение“" in text


def test_generate_analysis_refuses_a_bad_year(db):
    with pytest.raises(CommandError):
        call_command("generate_analysis", "1990", "--kind", "CPO", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_analysis", "2024", "--kind", "XYZ", stdout=io.StringIO())
