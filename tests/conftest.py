import contextlib
import os

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from selfassessment.deadlines import current_reporting_year
from selfassessment.models import Framework
from selfassessment.transitions import report_create

from .factories import AdministratorFactory, CenterFactory, ExpertFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as with an empty database: Redis
    outlives each test's rolled-back data, and a figure cached by one test (the
    statistics of a year, a throttle count) must not answer another."""
    from django.core.cache import cache

    # A test that stopped Redis starts it again itself.
    with contextlib.suppress(Exception):
        cache.clear()


@pytest.fixture(autouse=True)
def bulgarian():
    """Every test starts in Bulgarian: a request in English leaves English active in
    the thread, and messages compared by a later test must not depend on the order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def center(db):
    return CenterFactory()


@pytest.fixture
def center_staff(center):
    return UserFactory(centers=[center])


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def administrator(db):
    return AdministratorFactory()


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Tasks run in-process unless a test brings a real worker (tests/jobs)."""
    from navet_portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def year():
    """The year being filed today: its period is open."""
    return current_reporting_year(timezone.localdate())


@pytest.fixture
def cpo_spec(db):
    return Framework.objects.get(code="CPO-2018").spec


@pytest.fixture
def cipo_spec(db):
    return Framework.objects.get(code="CIPO-2022").spec


@pytest.fixture
def draft(center, center_staff, year):
    return report_create(center=center, year=year, user=center_staff)


@pytest.fixture
def other_center_staff(db):
    return UserFactory(centers=[CenterFactory()])


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on the real Redis of `make test`, in threads of the test
    process (so it shares the test database and the e-mail outbox)."""
    from navet_portal.celery import app

    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: run through make test")

    def close_connection(**kwargs):
        # Each worker thread has its own connection: close it, so that the test
        # database can be dropped at the end.
        connection.close()

    app.conf.task_always_eager = False
    task_postrun.connect(close_connection, weak=False)
    try:
        with start_worker(
            app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connection)
        app.conf.task_always_eager = True
