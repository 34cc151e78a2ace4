"""A real Celery worker on the real Redis of `make test`, in a thread of the test
process (so it shares the test database and the e-mail outbox)."""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from navet_portal.celery import app

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test)"
)


@pytest.fixture
def celery_worker(transactional_db):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: run through make test")
    app.conf.task_always_eager = False
    with start_worker(
        app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker
    app.conf.task_always_eager = True
