"""The analysis: the figures stored with it, and its document."""

import io

from django.utils import translation
from pypdf import PdfReader

from core.models import PendingTask
from reports import services
from reports.models import Analysis
from reports.rendering import analysis_pdf, analysis_statistics

from .test_statistics import data_set  # noqa: F401 - the hand-computed fixture


def test_the_stored_figures_of_a_cpo_analysis_carry_the_cipo_ones(data_set):  # noqa: F811
    stored = analysis_statistics(2024, "CPO").as_json()

    assert list(stored) == [
        "year",
        "kind",
        "statistics",
        "previous",
        "history",
        "cipo",
        "cipo_previous",
    ]
    assert stored["statistics"]["average_score"] == 60.56
    assert stored["previous"] is None  # no reports in 2023
    assert [s["year"] for s in stored["history"]] == [2024]
    assert stored["cipo"]["kind"] == "CIPO" and stored["cipo"]["submitted"] == 0
    assert stored["cipo_previous"]["year"] == 2023


def test_a_cipo_analysis_has_no_companion(db):
    stored = analysis_statistics(2024, "CIPO").as_json()

    assert list(stored) == ["year", "kind", "statistics", "previous", "history"]


def test_the_analysis_is_in_bulgarian_whoever_asks(data_set):  # noqa: F811
    with translation.override("en"):
        _figures, pdf = analysis_pdf(2024, "CPO")

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "на ЦПО за 2024 г." in text
    assert "ниво на качество „Задоволително“" in text
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
