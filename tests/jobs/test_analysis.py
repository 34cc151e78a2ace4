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
        "Методика",
        "Таблица 1",
        "Разпределение по области",
        "Изводи",
    ):
        assert title in text
    # Table 1 for 2024: 8 licensed, 7 on time, 87,5%, 1 zero-value report.
    assert "2024 8 7 87,5% 1" in " ".join(text.split())
    assert "7 ЦПО (87,5%) са подали доклади в законоустановения срок" in " ".join(text.split())
    assert analysis.statistics["statistics"]["submitted_on_time"] == 7
    assert Analysis.objects.count() == 1
