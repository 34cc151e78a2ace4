import io

from pypdf import PdfReader

from reports.models import Analysis
from reports.services import analysis_request

from ..factories import ExpertFactory
from ..reports.test_statistics import data_set  # noqa: F401 - the hand-computed fixture
from .test_reminders import wait_for


def pdf_text(analysis):
    with analysis.pdf.open("rb") as f:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)


def test_analysis_job_on_a_real_worker(celery_worker, data_set):  # noqa: F811
    analysis, created = analysis_request(year=2024, kind="CPO", user=ExpertFactory())
    again, created_again = analysis_request(year=2024, kind="CPO", user=None)
    assert created and not created_again and again.pk == analysis.pk

    seen = set()

    def finished():
        current = Analysis.objects.get(pk=analysis.pk)
        seen.add(current.progress)
        return current.status in ("done", "failed")

    assert wait_for(finished, seconds=60)
    analysis.refresh_from_db()
    assert analysis.status == "done", analysis.error
    assert analysis.progress == 100
    assert len(seen) >= 2  # progress was reported on the way
    text = pdf_text(analysis)
    for title in (
        "Нормативно основание",
        "Условия и ред за измерване на постигнатото качество",
        "Таблица 1",
        "Разпределение на ЦПО по региони",
        "Изводи",
    ):
        assert title in text
    # Table 1 for 2024: 8 licensed, 7 on time, 87,50%, 1 zero-value report (12,50%).
    flat = " ".join(text.split())
    assert "законоустановения срок 7 87,50" in flat
    assert "ЦПО, подали доклади с нулеви стойности 1 12,50" in flat
    assert "7 лицензирани ЦПО (87,50%) от общо 8" in flat
    assert analysis.statistics["statistics"]["submitted_on_time"] == 7
    assert Analysis.objects.count() == 1
