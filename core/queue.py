"""Queueing background jobs so that none is lost when Redis is down: a job that
cannot be queued is kept in the database and queued again later."""

import logging

from celery import current_app, shared_task
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from .models import PendingTask

log = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, RedisError, ConnectionError, OSError)


def _send(name, args, kwargs):
    current_app.tasks[name].apply_async(args=args, kwargs=kwargs, retry=False)


def enqueue(task, *args, **kwargs):
    """Queue `task` now; with the broker unreachable, keep it for later."""
    try:
        _send(task.name, list(args), kwargs)
    except BROKER_ERRORS as exc:
        log.warning("broker unavailable, %s kept for later: %s", task.name, exc)
        PendingTask.objects.create(
            name=task.name, args=list(args), kwargs=kwargs, error=str(exc)[:1000]
        )


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` once the current transaction commits (so it sees the data)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


@shared_task
def flush_pending_tasks(limit=1000):
    """Queue the kept jobs, oldest first; stop at the first broker error."""
    sent = 0
    for pending in PendingTask.objects.all()[:limit]:
        try:
            _send(pending.name, pending.args, pending.kwargs)
        except BROKER_ERRORS:
            break
        pending.delete()
        sent += 1
    return sent
