"""The Celery application.

With REDIS_URL unset, settings make every task run in-process (eager), so the
portal needs no broker for `make run`.
"""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")

app = Celery("navet_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _require_secret_key(**kwargs):
    from .startup import require_secret_key

    require_secret_key()
