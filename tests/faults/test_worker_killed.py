"""The Celery worker is killed in the middle of an analysis: after a restart the job
finishes (late acknowledgement), and there is exactly one PDF."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

from demo.synthetic import synthetic_reports
from navet_portal.celery import app
from reports.models import Analysis
from reports.services import analysis_request

from ..waiting import wait_for


def start_worker_process(tmp_path, media, name):
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + settings.DATABASES["default"]["NAME"]
    )
    env.update(MEDIA_ROOT=str(media), CELERY_VISIBILITY_TIMEOUT="3")
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "navet_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-n",
            f"{name}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_killed_worker_job_finishes_after_restart_with_one_pdf(
    transactional_db, tmp_path, settings
):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs the services of make test")
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    synthetic_reports(centers=400, years=range(2018, 2025), prefix="66")
    app.conf.task_always_eager = False
    first = start_worker_process(tmp_path, media, "first")
    second = None
    try:
        analysis, _ = analysis_request(year=2024, kind="CPO", user=None)
        analysis_id = analysis.pk

        def started():
            return Analysis.objects.get(pk=analysis_id).progress >= 40

        assert wait_for(started, 120), (tmp_path / "first.log").read_text()
        os.killpg(first.pid, signal.SIGKILL)  # in the middle of rendering the PDF
        first.wait()
        assert Analysis.objects.get(pk=analysis_id).status == "running"

        second = start_worker_process(tmp_path, media, "second")

        def done():
            return Analysis.objects.get(pk=analysis_id).status in ("done", "failed")

        # Redis redelivers the message the killed worker held once its visibility
        # timeout has passed and a worker restores unacknowledged messages.
        assert wait_for(done, 240), (tmp_path / "second.log").read_text()
    finally:
        app.conf.task_always_eager = True
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)

    analysis = Analysis.objects.get(pk=analysis_id)
    assert analysis.status == "done", analysis.error
    assert analysis.attempts == 2
    pdfs = list((media / "analyses").glob("*.pdf"))
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF")
