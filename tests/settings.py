"""The settings the suite runs with: the portal's own, except that under pytest-xdist
each test process gets its own Redis database (cache and Celery broker), as it gets
its own test database — one process's `cache.clear()` or Celery worker must not
reach into another's. Commands the tests start inherit the same choice (the
environment carries DJANGO_SETTINGS_MODULE and PYTEST_XDIST_WORKER)."""

import os

from navet_portal.settings import *  # noqa: F403
from navet_portal.settings import CACHES, REDIS_URL

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", …
if REDIS_URL and _WORKER.startswith("gw"):
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{int(_WORKER[2:]) + 1}"
    CACHES["default"]["LOCATION"] = REDIS_URL
    CELERY_BROKER_URL = REDIS_URL
