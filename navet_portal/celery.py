"""The Celery application.

With REDIS_URL unset, settings make every task run in-process (eager), so the
portal needs no broker for `make run`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")

app = Celery("navet_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
